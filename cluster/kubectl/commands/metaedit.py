"""What ``kubectl label``, ``annotate`` and ``taint`` share: splitting the
arguments into resources and changes, finding the objects, writing them back.
"""

from __future__ import annotations

import re
from typing import Any

from cluster.api.errors import StatusError
from cluster.kubectl.command import ACTOR, Invocation
from cluster.kubectl.errors import Error, KubectlError
from cluster.kubectl.manifests import load, read_sources
from cluster.kubectl.selection import Found, fetch, select

Obj = dict[str, Any]
_LABEL_VALUE = r"(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?"
_NAME_PART = r"([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]"
_SUBDOMAIN = r"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*"


def split_pairs(args: list[str], pair_type: str) -> tuple[list[str], list[str]]:
    """``GetResourcesAndPairs``: resources first, then ``k=v`` / ``k-`` changes."""
    resources: list[str] = []
    pairs: list[str] = []
    for arg in args:
        is_pair = ("=" in arg and arg[0] != "=") or (arg.endswith("-") and arg != "-")
        if is_pair:
            pairs.append(arg)
        elif pairs:
            raise KubectlError(
                f"all resources must be specified before {pair_type} changes: {arg}"
            )
        else:
            resources.append(arg)
    return resources, pairs


def label_value_errors(value: str) -> list[str]:
    """``IsValidLabelValue``."""
    errors = ["must be no more than 63 characters"] if len(value) > 63 else []
    if not re.fullmatch(_LABEL_VALUE, value):
        errors.append(
            "a valid label must be an empty string or consist of alphanumeric "
            "characters, '-', '_' or '.', and must start and end with an "
            "alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', "
            f"regex used for validation is '{_LABEL_VALUE}')"
        )
    return errors


def qualified_name_errors(name: str) -> list[str]:
    """``IsQualifiedName``: an optional DNS subdomain prefix and a name part."""
    prefix, _, part = name.rpartition("/")
    errors = []
    if "/" in name and not re.fullmatch(_SUBDOMAIN, prefix):
        errors.append("prefix part must be a valid DNS subdomain")
    if not part or len(part) > 63 or not re.fullmatch(_NAME_PART, part):
        errors.append(
            "name part must consist of alphanumeric characters, '-', '_' or '.', "
            "and must start and end with an alphanumeric character (e.g. "
            "'MyName',  or 'my.name',  or '123-abc', regex used for validation "
            f"is '{_NAME_PART}')"
        )
    return errors


def targets(inv: Invocation, resources: list[str]) -> tuple[list[Found], list[Error]]:
    """The objects named by arguments, ``-f``, ``-l`` or ``--all``."""
    if inv.opt("filename"):
        return from_files(inv)
    if not resources:
        raise KubectlError(
            "one or more resources must be specified as <resource> <name> "
            "or <resource>/<name>"
        )
    bulk = bool(inv.opt("all") or inv.opt("selector"))
    all_ns = bool(inv.opt("all-namespaces"))
    selection = select(resources, all_namespaces=all_ns, allow_list=bulk)
    return fetch(
        inv.ctx.api, selection, inv.namespace, all_ns, inv.opt("selector") or None
    )


def write(inv: Invocation, found: Found, obj: Obj) -> Obj:
    """Send the changed object (kubectl patches; a full update here)."""
    return inv.ctx.api.update(obj, actor=ACTOR)


def from_files(inv: Invocation) -> tuple[list[Found], list[Error]]:
    sources = read_sources(inv.opt("filename"), inv.stdin, inv.ctx.base_dir, False)
    loaded = load(
        sources,
        namespace=inv.namespace,
        enforce_namespace=inv.namespace_enforced,
        validate=False,
    )
    found: list[Found] = []
    errors: list[Error] = list(loaded.errors)
    for item in loaded.items:
        try:
            obj = inv.ctx.api.get(item.rt.plural, item.name, item.namespace)
            found.append(Found(item.rt, obj))
        except StatusError as exc:
            errors.append(exc)
    return found, errors
