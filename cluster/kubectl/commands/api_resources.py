"""``kubectl api-resources`` (``pkg/cmd/apiresources/apiresources.go``) for the
resource types this cluster serves, sorted by group then name."""

from __future__ import annotations

from collections.abc import Callable

from cluster.api.resources import RESOURCES, ResourceType
from cluster.kubectl.cli import Flag, usage_error
from cluster.kubectl.command import Command, Invocation
from cluster.kubectl.commands.common import OUTPUT_FLAG, go_list
from cluster.kubectl.errors import Error, KubectlError
from cluster.kubectl.tabwriter import TABLE, TabWriter

_HEADERS = ("NAME", "SHORTNAMES", "APIVERSION", "NAMESPACED", "KIND")


def run(inv: Invocation) -> list[Error]:
    if inv.args:
        return [usage_error(inv.path, f"Unexpected args: {go_list(inv.args)}")]
    output = inv.opt("output") or ""
    if output not in ("", "name"):
        raise KubectlError(
            f'output format "{output}" is not supported by this simulated cluster yet'
        )
    types = sorted(_selected(inv), key=_order(inv.opt("sort-by") or ""))
    if output == "name":
        inv.io.out("".join(_name(rt) + "\n" for rt in types))
        return []
    tw = TabWriter(*TABLE)
    if not inv.opt("no-headers"):
        tw.write("\t".join(_HEADERS) + "\n")
    tw.write("".join("\t".join(_row(rt)) + "\n" for rt in types))
    inv.io.out(tw.getvalue())
    return []


def _selected(inv: Invocation) -> list[ResourceType]:
    types = list(RESOURCES)
    if inv.changed("api-group"):
        types = [rt for rt in types if rt.group == inv.opt("api-group")]
    if inv.changed("namespaced"):
        types = [rt for rt in types if rt.namespaced == inv.opt("namespaced")]
    return types


def _order(sort_by: str) -> Callable[[ResourceType], tuple[str, ...]]:
    if sort_by == "name":
        return lambda rt: (rt.plural,)
    if sort_by == "kind":
        return lambda rt: (rt.kind, rt.plural)
    return lambda rt: (rt.group, rt.plural)


def _name(rt: ResourceType) -> str:
    return f"{rt.plural}.{rt.group}" if rt.group else rt.plural


def _row(rt: ResourceType) -> tuple[str, ...]:
    namespaced = "true" if rt.namespaced else "false"
    return (rt.plural, ",".join(rt.short_names), rt.api_version, namespaced, rt.kind)


COMMAND = Command(
    "api-resources",
    (
        OUTPUT_FLAG,
        Flag("no-headers", "", "bool", False),
        Flag("api-group"),
        Flag("namespaced", "", "bool", True),
        Flag("sort-by"),
        Flag("verbs", "", "strings"),
        Flag("categories", "", "strings"),
        Flag("cached", "", "bool", False),
    ),
    run,
)
