"""What ``scale``, ``set image`` and ``rollout`` share: the objects their
arguments name (``ResourceTypeOrNameArgs``, ``-f``, ``-l``), in order."""

from __future__ import annotations

from typing import Any

from cluster.api.errors import StatusError
from cluster.kubectl.command import Invocation
from cluster.kubectl.errors import Error
from cluster.kubectl.manifests import load, read_sources
from cluster.kubectl.selection import Found, fetch, select

Obj = dict[str, Any]


def resolve(
    inv: Invocation, args: list[str], allow_list: bool = True
) -> tuple[list[Found], list[Error]]:
    if inv.opt("filename"):
        return _from_files(inv)
    selection = select(args, allow_list=allow_list)
    return fetch(
        inv.ctx.api, selection, inv.namespace, False, inv.parsed.values.get("selector")
    )


def _from_files(inv: Invocation) -> tuple[list[Found], list[Error]]:
    sources = read_sources(
        inv.opt("filename"), inv.stdin, inv.ctx.base_dir, inv.opt("recursive")
    )
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
