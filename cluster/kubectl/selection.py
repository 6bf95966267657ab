"""Which objects a command's arguments name (cli-runtime's resource Builder).

``pods``, ``pods web db``, ``pod/web node/node-1``, ``pods,nodes`` and
``pods,nodes web`` mean what they mean to kubectl, with its error messages.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from cluster.api import resources
from cluster.api.errors import StatusError
from cluster.api.resources import ResourceType
from cluster.kubectl.errors import Error, KubectlError

Obj = dict[str, Any]

MISSING_RESOURCE = """You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'"""


# The "all" category as kube-apiserver's discovery defines it, in its order;
# kubectl expands it to the members this cluster serves.
ALL_CATEGORY = (
    "pods",
    "replicationcontrollers",
    "services",
    "daemonsets",
    "deployments",
    "replicasets",
    "statefulsets",
    "horizontalpodautoscalers",
    "cronjobs",
    "jobs",
)


@dataclass(frozen=True)
class Target:
    """One type to list (``name`` None) or one object to get."""

    rt: ResourceType
    name: str | None = None


@dataclass(frozen=True)
class Selection:
    targets: tuple[Target, ...]
    single_item: bool  # the builder's "single item implied"


@dataclass(frozen=True)
class Found:
    rt: ResourceType
    obj: Obj


def resource_type(arg: str) -> ResourceType:
    try:
        return resources.lookup(arg)
    except KeyError:
        shown = arg.partition(".")[0]
        raise KubectlError(
            f'the server doesn\'t have a resource type "{shown}"'
        ) from None


def select(
    args: Sequence[str], *, all_namespaces: bool = False, allow_list: bool = True
) -> Selection:
    """Resolve positional arguments; raise KubectlError as the builder would."""
    args = _expand_multiple_types(list(args))
    if any("/" in arg for arg in args):
        return _by_tuples(args, all_namespaces)
    if not args:
        raise KubectlError(MISSING_RESOURCE)
    types = _unique_types(args[0])
    names = args[1:]
    if names:
        return _by_names(types, names, all_namespaces)
    if not allow_list:
        raise KubectlError("resource(s) were provided, but no name was specified")
    return Selection(tuple(Target(rt) for rt in types), single_item=False)


def fetch(
    api: Any,
    selection: Selection,
    namespace: str,
    all_namespaces: bool,
    label_selector: str | None = None,
    field_selector: str | None = None,
) -> tuple[list[Found], list[Error]]:
    """Get or list every target, collecting NotFound and other API errors."""
    found: list[Found] = []
    errors: list[Error] = []
    for target in selection.targets:
        ns = (
            None
            if (all_namespaces and target.name is None) or not target.rt.namespaced
            else namespace
        )
        try:
            if target.name is None:
                items = api.list(
                    target.rt.plural,
                    ns,
                    label_selector=label_selector,
                    field_selector=field_selector,
                )
                found += [Found(target.rt, obj) for obj in items]
            else:
                found.append(
                    Found(target.rt, api.get(target.rt.plural, target.name, ns))
                )
        except StatusError as exc:
            errors.append(exc)
    return found, errors


def _expand_multiple_types(args: list[str]) -> list[str]:
    """``pods,nodes a b`` is ``pods/a pods/b nodes/a nodes/b``."""
    if len(args) >= 2:
        types = _split_types(args[0])
        if len(types) > 1:
            return [f"{t}/{name}" for t in types for name in args[1:]]
    return args


def _split_types(arg: str) -> list[str]:
    seen: list[str] = []
    for part in arg.split(","):
        for name in _expand_category(part):
            if name not in seen:
                seen.append(name)
    return seen


def _expand_category(name: str) -> list[str]:
    """``all`` stands for the workload types the cluster serves."""
    if name != "all":
        return [name]
    served = []
    for plural in ALL_CATEGORY:
        try:
            resources.lookup(plural)
        except KeyError:
            continue
        served.append(plural)
    return served


def _unique_types(arg: str) -> list[ResourceType]:
    types: list[ResourceType] = []
    for part in _split_types(arg):
        rt = resource_type(part)
        if rt not in types:
            types.append(rt)
    return types


def _by_tuples(args: list[str], all_namespaces: bool) -> Selection:
    if not all("/" in arg for arg in args):
        raise KubectlError(
            "there is no need to specify a resource type as a separate argument "
            "when passing arguments in resource/name form (e.g. 'kubectl get "
            "resource/<resource_name>' instead of 'kubectl get resource "
            "resource/<resource_name>'"
        )
    targets = [_tuple(arg) for arg in args]
    _check_named(targets, all_namespaces)
    return Selection(tuple(targets), single_item=len(targets) == 1)


def _tuple(arg: str) -> Target:
    parts = arg.split("/")
    if len(parts) != 2:
        raise KubectlError(
            "arguments in resource/name form may not have more than one slash"
        )
    kind, name = parts
    if not kind or not name or len(_split_types(kind)) != 1:
        raise KubectlError(
            "arguments in resource/name form must have a single resource and name"
        )
    return Target(resource_type(kind), name)


def _by_names(
    types: list[ResourceType], names: list[str], all_namespaces: bool
) -> Selection:
    if len(types) > 1:
        raise KubectlError("you must specify only one resource")
    targets = [Target(types[0], name) for name in names]
    _check_named(targets, all_namespaces)
    return Selection(tuple(targets), single_item=len(names) == 1)


def _check_named(targets: list[Target], all_namespaces: bool) -> None:
    if all_namespaces and any(t.rt.namespaced for t in targets):
        raise KubectlError(
            "a resource cannot be retrieved by name across all namespaces"
        )
