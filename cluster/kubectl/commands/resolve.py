"""What ``scale``, ``set image`` and ``rollout`` share: the objects their
arguments name (``ResourceTypeOrNameArgs``, ``-f``, ``-l``), in order."""

from __future__ import annotations

from typing import Any

from cluster.api.errors import StatusError
from cluster.kubectl.command import Invocation
from cluster.kubectl.commands.common import load_manifests
from cluster.kubectl.errors import Error, KubectlError
from cluster.kubectl.manifests import Loaded
from cluster.kubectl.selection import Found, fetch, select

Obj = dict[str, Any]


def resolve(
    inv: Invocation, args: list[str], allow_list: bool = True
) -> tuple[list[Found], list[Error]]:
    if inv.opt("filename"):
        return from_files(inv)
    selection = select(args, allow_list=allow_list)
    return fetch(
        inv.ctx.api, selection, inv.namespace, False, inv.parsed.values.get("selector")
    )


def require_resources(inv: Invocation) -> None:
    """The rollout commands' first check: arguments or ``-f`` name something."""
    if not inv.args and not inv.opt("filename"):
        raise KubectlError("required resource not specified")


def from_files(
    inv: Invocation, recursive: bool | None = None
) -> tuple[list[Found], list[Error]]:
    """The live objects the ``-f`` manifests name, after the files' errors."""
    return live_objects(inv, load_manifests(inv, recursive=recursive))


def live_objects(inv: Invocation, loaded: Loaded) -> tuple[list[Found], list[Error]]:
    """Each loaded manifest's live object, in order; the loading errors come
    first, then one per object the server does not have."""
    found: list[Found] = []
    errors: list[Error] = list(loaded.errors)
    for item in loaded.items:
        try:
            live = inv.ctx.api.get(item.rt.plural, item.name, item.namespace)
        except StatusError as exc:
            errors.append(exc)
            continue
        found.append(Found(item.rt, live))
    return found, errors


def resource_string(found: Found) -> str:
    """``deployments.apps``: the resource and its group, as error text shows it."""
    rt = found.rt
    return f"{rt.plural}.{rt.group}" if rt.group else rt.plural
