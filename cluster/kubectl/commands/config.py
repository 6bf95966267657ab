"""``kubectl config view|current-context|get-contexts``
(``pkg/cmd/config``), over the one kubeadm-style kubeconfig this cluster
has (``cluster.kubectl.kubeconfig``). Editing the kubeconfig is not
simulated."""

from __future__ import annotations

from cluster.kubectl import kubeconfig
from cluster.kubectl.cli import Flag, usage_error
from cluster.kubectl.command import Command, Invocation
from cluster.kubectl.commands.common import OUTPUT_FLAG, go_list, refuse_unsupported
from cluster.kubectl.errors import AggregateError, Error, KubectlError
from cluster.kubectl.printers.objects import print_object
from cluster.kubectl.tabwriter import TABLE, TabWriter


def _view(inv: Invocation) -> list[Error]:
    refuse_unsupported(inv, ("raw", "flatten", "merge"))
    output = inv.opt("output") or "yaml"
    # JSON would need clientcmd's struct field order; only YAML is exact.
    if output != "yaml":
        raise KubectlError(
            f'output format "{output}" is not supported by this simulated cluster yet'
        )
    print_object(inv.io, kubeconfig.view(inv.ctx.api), output)
    return []


def _current_context(inv: Invocation) -> list[Error]:
    if inv.args:
        return [usage_error(inv.path, f"Unexpected args: {go_list(inv.args)}")]
    inv.io.out(kubeconfig.CONTEXT + "\n")
    return []


def _get_contexts(inv: Invocation) -> list[Error]:
    output = inv.opt("output") or ""
    if output not in ("", "name"):
        raise KubectlError(
            f"--output {output} is not available in kubectl config get-contexts; "
            "resetting to default output format"
        )
    names = (
        [n for n in inv.args if n == kubeconfig.CONTEXT]
        if inv.args
        else [kubeconfig.CONTEXT]
    )
    missing = [f"context {n} not found" for n in inv.args if n != kubeconfig.CONTEXT]
    inv.io.out(_contexts_table(names, output == "name", not inv.opt("no-headers")))
    if len(missing) == 1:
        return [KubectlError(missing[0])]
    return [AggregateError(missing)] if missing else []


def _contexts_table(names: list[str], name_only: bool, headers: bool) -> str:
    if name_only:
        return "".join(name + "\n" for name in names)
    tw = TabWriter(*TABLE)
    if headers:
        tw.write("CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n")
    for name in names:
        tw.write(f"*\t{name}\t{kubeconfig.CLUSTER}\t{kubeconfig.USER}\t\n")
    return tw.getvalue()


def _parent(inv: Invocation) -> list[Error]:
    word = inv.args[0] if inv.args else ""
    if word:
        return [KubectlError(f'unknown command "{word}" for "kubectl config"')]
    inv.io.out(
        'Modify kubeconfig files using subcommands like "kubectl config '
        'set current-context my-context".\n'
    )
    return []


_GLOBAL = (Flag("kubeconfig"),)

COMMAND = Command(
    "config",
    _GLOBAL,
    _parent,
    subcommands=(
        Command(
            "view",
            (
                *_GLOBAL,
                OUTPUT_FLAG,
                Flag("minify", "", "bool", False),
                Flag("flatten", "", "bool", False),
                Flag("raw", "", "bool", False),
                Flag("merge", "", "bool", True),
            ),
            _view,
        ),
        Command("current-context", _GLOBAL, _current_context),
        Command(
            "get-contexts",
            (*_GLOBAL, OUTPUT_FLAG, Flag("no-headers", "", "bool", False)),
            _get_contexts,
        ),
    ),
)
