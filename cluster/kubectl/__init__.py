"""The simulated ``kubectl``: ``run(args, stdin, ctx)`` is one command line.

Output is what a terminal would show for the real kubectl v1.35 against this
cluster: stdout and stderr interleaved in the order they are written, with
kubectl's own wording for every error. To add a command, write a module in
``cluster.kubectl.commands`` exposing ``COMMAND`` and list it in ``COMMANDS``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cluster.api.errors import StatusError
from cluster.kubectl.cli import (
    FlagError,
    HelpRequested,
    flag_error,
    parse,
    split_command,
)
from cluster.kubectl.command import Command, Invocation, Streams
from cluster.kubectl.commands import (
    annotate,
    api_resources,
    apply,
    auth,
    cluster_info,
    config,
    cordon,
    create,
    delete,
    describe,
    drain,
    events,
    execute,
    explain,
    expose,
    get,
    label,
    logs,
    patch,
    replace,
    rollout,
    scale,
    set_image,
    taint,
    top,
    version,
    wait,
)
from cluster.kubectl.commands import run as run_command
from cluster.kubectl.errors import Error, Exit, KubectlError, check_err
from cluster.kubectl.warnings import request_warnings

if TYPE_CHECKING:
    from cluster.console import CommandResult, ConsoleContext

COMMANDS: dict[str, Command] = {
    c.name: c
    for c in (
        apply.COMMAND,
        create.COMMAND,
        run_command.COMMAND,
        patch.COMMAND,
        replace.COMMAND,
        rollout.COMMAND,
        scale.COMMAND,
        set_image.COMMAND,
        delete.COMMAND,
        describe.COMMAND,
        get.COMMAND,
        logs.COMMAND,
        execute.COMMAND,
        label.COMMAND,
        annotate.COMMAND,
        taint.COMMAND,
        cordon.CORDON,
        cordon.UNCORDON,
        drain.COMMAND,
        expose.COMMAND,
        version.COMMAND,
        api_resources.COMMAND,
        wait.COMMAND,
        events.COMMAND,
        explain.COMMAND,
        cluster_info.COMMAND,
        config.COMMAND,
        auth.COMMAND,
        top.COMMAND,
    )
}
# Every command of kubectl v1.35 (with cobra's help and completion), for
# telling "not simulated yet" from "unknown", and for cobra's suggestions.
KUBECTL_COMMANDS = (
    "alpha",
    "annotate",
    "api-resources",
    "api-versions",
    "apply",
    "attach",
    "auth",
    "autoscale",
    "certificate",
    "cluster-info",
    "completion",
    "config",
    "cordon",
    "cp",
    "create",
    "debug",
    "delete",
    "describe",
    "diff",
    "drain",
    "edit",
    "events",
    "exec",
    "explain",
    "expose",
    "get",
    "help",
    "kustomize",
    "label",
    "logs",
    "options",
    "patch",
    "plugin",
    "port-forward",
    "proxy",
    "replace",
    "rollout",
    "run",
    "scale",
    "set",
    "taint",
    "top",
    "uncordon",
    "version",
    "wait",
)
# The SuggestFor words of kubectl's commands.
_SUGGEST_FOR = {"get": ("list", "ps"), "wait": ("list", "ps"), "delete": ("rm",)}
_ROOT_HELP = (
    "kubectl controls the Kubernetes cluster manager.\n\n"
    " Find more information at: "
    "https://kubernetes.io/docs/reference/kubectl/\n"
)


def run(args: list[str], stdin: str | None, ctx: ConsoleContext) -> CommandResult:
    from cluster.console import CommandResult

    io = Streams()
    try:
        errors = _dispatch(list(args), stdin, ctx, io)
    except Exit:  # the command printed everything and failed
        return CommandResult(io.text(), False)
    if errors:
        io.err(check_err(errors) + "\n")
    return CommandResult(io.text(), not errors)


def _dispatch(
    args: list[str], stdin: str | None, ctx: ConsoleContext, io: Streams
) -> list[Error]:
    name, rest = split_command(args)
    if name is None:
        io.out(_ROOT_HELP)
        return []
    command = COMMANDS.get(name)
    if command is None:
        return [_unknown(name)]
    command, path, rest = _subcommand(command, f"kubectl {name}", rest)
    try:
        parsed = parse(command.flags, rest)
    except FlagError as exc:
        return [flag_error(path, exc)]
    except HelpRequested:
        io.out(
            f"See https://kubernetes.io/docs/reference/kubectl/generated/"
            f"kubectl_{name}/ for the help of {path}.\n"
        )
        return []
    for text in request_warnings(name, parsed.args):
        io.err(f"Warning: {text}\n")
    try:
        return command.run(Invocation(ctx, io, path, parsed, stdin))
    except (KubectlError, StatusError) as exc:
        return [exc]


def _subcommand(
    command: Command, path: str, rest: list[str]
) -> tuple[Command, str, list[str]]:
    """Follow sub-command words (``create service clusterip``), as cobra does."""
    while command.subcommands:
        word, remaining = split_command(rest)
        sub = next((c for c in command.subcommands if c.name == word), None)
        if sub is None:
            break
        command, path, rest = sub, f"{path} {word}", remaining
    return command, path, rest


def _unknown(name: str) -> KubectlError:
    if name in KUBECTL_COMMANDS:
        return KubectlError(
            f'"kubectl {name}" is not available in this simulated cluster yet'
        )
    # cobra's SuggestionsFor: one pass over the commands in name order.
    typed = name.lower()
    suggestions: list[str] = []
    for command in KUBECTL_COMMANDS:
        if _levenshtein(typed, command) <= 2 or command.startswith(typed):
            suggestions.append(command)
        suggestions += [
            command for word in _SUGGEST_FOR.get(command, ()) if word == typed
        ]
    text = f'unknown command "{name}" for "kubectl"'
    if suggestions:
        text += "\n\nDid you mean this?\n" + "".join(f"\t{s}\n" for s in suggestions)
    return KubectlError(text.rstrip("\n"))


def _levenshtein(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(
                min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            )
        previous = current
    return previous[-1]
