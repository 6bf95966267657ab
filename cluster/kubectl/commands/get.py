"""``kubectl get`` (``pkg/cmd/get/get.go``): tables, ``-o wide|name|yaml|json``,
jsonpath and custom columns, ``--sort-by``."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from cluster.api.errors import StatusError
from cluster.kubectl.cli import Flag, usage_error
from cluster.kubectl.command import Command, Invocation
from cluster.kubectl.commands import get_watch
from cluster.kubectl.commands.common import (
    FILENAME_FLAGS,
    OUTPUT_FLAG,
    SELECTOR_FLAG,
    load_manifests,
    object_line,
    refuse_unsupported,
)
from cluster.kubectl.commands.resolve import live_objects
from cluster.kubectl.errors import Error, KubectlError
from cluster.kubectl.printers import templates
from cluster.kubectl.printers.objects import as_list, print_object
from cluster.kubectl.printers.sorting import sort_objects
from cluster.kubectl.printers.table import TableOptions, render
from cluster.kubectl.selection import Found, fetch, select
from cluster.kubectl.tabwriter import TABLE, TabWriter

Obj = dict[str, Any]
# cli-runtime and kubectl's PrintFlags, in the order kubectl lists them.
ALLOWED_FORMATS = (
    "json",
    "yaml",
    "kyaml",
    "name",
    "go-template",
    "go-template-file",
    "template",
    "templatefile",
    "jsonpath",
    "jsonpath-as-json",
    "jsonpath-file",
    "custom-columns",
    "custom-columns-file",
    "wide",
)
_SIMULATED_FORMATS = (
    "",
    "wide",
    "name",
    "yaml",
    "json",
    *templates.TEMPLATE_FORMATS,
    *templates.COLUMN_FORMATS,
)
_UNSUPPORTED = (
    "raw",
    "subresource",
    "template",
    "kustomize",
)
_NO_TYPE = (
    'You must specify the type of resource to get. Use "kubectl '
    'api-resources" for a complete list of supported resources.\n\n'
)
_NO_TYPE_USAGE = (
    'Required resource not specified.\nUse "kubectl explain '
    '<resource>" for a detailed description of that resource '
    "(e.g. kubectl explain pods)."
)


def run(inv: Invocation) -> list[Error]:
    output = _output_format(inv.opt("output") or "")
    refuse_unsupported(inv, _UNSUPPORTED)
    if not inv.args and not inv.opt("filename"):
        inv.io.err(_NO_TYPE)
        return [usage_error(inv.path, _NO_TYPE_USAGE)]
    if inv.opt("watch") or inv.opt("watch-only"):
        return get_watch.run(inv, output)
    found, errors, single = _find(inv)
    if inv.opt("sort-by") and output not in ("", "wide"):
        found = _sorted(inv, found, table=False)
    if output in ("", "wide"):
        _print_tables(inv, found, errors, wide=output == "wide")
    else:
        errors = _print_generic(inv, found, errors, single, output)
    return errors


def _output_format(output: str) -> str:
    name = output.partition("=")[0]
    if name not in ("", *ALLOWED_FORMATS):
        raise KubectlError(
            f'unable to match a printer suitable for the output format "{output}", '
            # NoCompatiblePrinterError.Error() sorts the formats it lists.
            f"allowed formats are: {','.join(sorted(ALLOWED_FORMATS))}"
        )
    if name not in _SIMULATED_FORMATS:
        raise KubectlError(
            f'output format "{name}" is not supported by this simulated cluster yet'
        )
    return name


def _find(inv: Invocation) -> tuple[list[Found], list[Error], bool]:
    """The objects to print, the errors met, and whether one object was named."""
    all_ns = bool(inv.opt("all-namespaces"))
    if inv.opt("filename"):
        return _from_files(inv)
    selection = select(inv.args, all_namespaces=all_ns)
    found, errors = fetch(
        inv.ctx.api,
        selection,
        inv.namespace,
        all_ns,
        inv.opt("selector"),
        inv.opt("field-selector"),
    )
    if inv.opt("ignore-not-found"):
        errors = [
            e for e in errors if not (isinstance(e, StatusError) and e.code == 404)
        ]
    return found, errors, selection.single_item


def _from_files(inv: Invocation) -> tuple[list[Found], list[Error], bool]:
    loaded = load_manifests(inv)
    found, errors = live_objects(inv, loaded)
    return found, errors, len(loaded.items) == 1


def _print_tables(
    inv: Invocation, found: list[Found], errors: list[Error], wide: bool
) -> None:
    all_ns = bool(inv.opt("all-namespaces"))
    with_kind = bool(inv.opt("show-kind")) or len({f.rt for f in found}) > 1
    tw = TabWriter(*TABLE)
    written = False
    for rt, found_group in groupby(found, key=lambda f: f.rt):
        group = list(found_group)
        if inv.opt("sort-by"):
            group = _sorted(inv, group, table=True)
        options = TableOptions(
            wide=wide,
            with_namespace=all_ns and rt.namespaced,
            with_kind=with_kind,
            show_labels=bool(inv.opt("show-labels")),
            label_columns=tuple(inv.opt("label-columns")),
            no_headers=bool(inv.opt("no-headers")),
        )
        text = render(rt, [f.obj for f in group], options, inv.now())
        tw.flush()
        if text and written and not options.no_headers:
            tw.write("\n")
        tw.write(text)
        written = written or bool(text)
    inv.io.out(tw.getvalue())
    if not written and not errors and not inv.opt("ignore-not-found"):
        inv.io.err(
            "No resources found\n"
            if all_ns
            else f"No resources found in {inv.namespace} namespace.\n"
        )


def _print_generic(
    inv: Invocation, found: list[Found], errors: list[Error], single: bool, output: str
) -> list[Error]:
    if single and errors:
        return errors
    if output == "name":
        for f in found:
            inv.io.out(object_line(f.rt, f.obj["metadata"]["name"], "", True))
    elif output in (*templates.TEMPLATE_FORMATS, *templates.COLUMN_FORMATS):
        objs = [f.obj for f in found]
        inv.io.out(_template_output(inv, objs[0] if single and found else objs))
    elif single and len(found) == 1:
        print_object(inv.io, found[0].obj, output)
    else:
        print_object(inv.io, as_list([f.obj for f in found]), output)
    return errors


def _sorted(inv: Invocation, found: list[Found], table: bool) -> list[Found]:
    order = sort_objects([f.obj for f in found], inv.opt("sort-by"), table)
    by_id = {id(f.obj): f for f in found}
    return [by_id[id(obj)] for obj in order]


def _template_output(inv: Invocation, objs: Obj | list[Obj]) -> str:
    """A jsonpath or custom-columns rendering of one object or a List."""
    fmt, value = templates.split_format(inv.opt("output"))
    base = inv.ctx.base_dir
    if fmt in templates.TEMPLATE_FORMATS:
        printer = templates.jsonpath_printer(fmt, value, base)
        return printer(as_list(objs) if isinstance(objs, list) else objs)
    if fmt == "custom-columns":
        columns = templates.columns_from_spec(value)
    else:
        columns = templates.columns_from_file(value, base)
    items = objs if isinstance(objs, list) else [objs]
    no_headers = bool(inv.opt("no-headers")) and fmt == "custom-columns"
    return templates.render_columns(columns, items, no_headers)


COMMAND = Command(
    "get",
    (
        OUTPUT_FLAG,
        SELECTOR_FLAG,
        *FILENAME_FLAGS,
        Flag("all-namespaces", "A", "bool", False),
        Flag("field-selector"),
        Flag("show-labels", "", "bool", False),
        Flag("show-kind", "", "bool", False),
        Flag("no-headers", "", "bool", False),
        Flag("label-columns", "L", "strings"),
        Flag("ignore-not-found", "", "bool", False),
        Flag("watch", "w", "bool", False),
        Flag("watch-only", "", "bool", False),
        Flag("output-watch-events", "", "bool", False),
        Flag("sort-by"),
        Flag("chunk-size", "", "int", 500),
        Flag("server-print", "", "bool", True),
        Flag("raw"),
        Flag("subresource"),
        Flag("template"),
    ),
    run,
)
