"""``sim``: what a lab does to a cluster that kubectl cannot.

``sim crash pod/NAME [-c CONTAINER] [--exit-code N]`` makes the container's
process exit; ``sim node-down NODE`` stops the node's kubelet (heartbeats
stop, containers keep running) and ``sim node-up NODE`` starts a new one;
``sim fail-probe pod/NAME readiness|liveness|startup [--for 60s]`` makes the
application answer that probe badly for a while. Each only changes the
simulation's inputs: what follows (restarts, back-off, NotReady nodes,
endpoints) is the components' own doing. A bad command changes nothing and
says why in one line. Subcommands register in ``SIM_COMMANDS``; kube-proxy's
(``traffic``, ``traffic-stats``, ``proxy-mode``) live in
``cluster.proxy.simcmds``.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cluster.api.errors import StatusError
from cluster.kubectl.timefmt import parse_duration

if TYPE_CHECKING:
    from cluster.console import CommandResult, ConsoleContext, NodeAccess
    from cluster.node.kubelet import Kubelet

Obj = dict[str, Any]
Handler = Callable[[list[str], "ConsoleContext"], str]
PROBE_KINDS = ("readiness", "liveness", "startup")


class SimError(Exception):
    """A one-line refusal: nothing was changed."""


def run(args: list[str], stdin: str | None, ctx: ConsoleContext) -> CommandResult:
    from cluster.console import CommandResult

    if not args:
        return CommandResult(f"sim: missing command (sim runs: {_names()})", False)
    if args[0] == "scheduler-config":
        # The one sim command that reads stdin (a configuration document).
        from cluster import schedulerconfig_cmd

        return schedulerconfig_cmd.run(args[1:], stdin, ctx)
    handler = SIM_COMMANDS.get(args[0])
    if handler is None:
        return CommandResult(
            f'sim: unknown command "{args[0]}" (sim runs: {_names()})', False
        )
    try:
        return CommandResult(handler(args[1:], ctx), True)
    except SimError as err:
        return CommandResult(f"sim {args[0]}: {err}", False)


def _names() -> str:
    return ", ".join(sorted([*SIM_COMMANDS, "scheduler-config"]))


# -- options ------------------------------------------------------------------------


def options(args: list[str], known: dict[str, str]) -> tuple[list[str], dict[str, str]]:
    """Positional words and ``--flag value``/``--flag=value`` options; ``known``
    maps each spelling (``-c``, ``--container``) to its name."""
    words: list[str] = []
    found: dict[str, str] = {}
    rest = list(args)
    while rest:
        word = rest.pop(0)
        name, eq, value = word.partition("=")
        if name not in known:
            if word.startswith("-"):
                raise SimError(f"unknown flag: {name}")
            words.append(word)
            continue
        if not eq:
            if not rest:
                raise SimError(f"flag needs an argument: {name}")
            value = rest.pop(0)
        found[known[name]] = value
    return words, found


def _namespace(opts: dict[str, str]) -> str:
    return opts.get("namespace") or "default"


def _pod(ctx: ConsoleContext, target: str, namespace: str) -> Obj:
    kind, slash, name = target.rpartition("/")
    if not slash or kind not in ("pod", "pods", "po"):
        raise SimError(f'expected pod/NAME, got "{target}"')
    try:
        return ctx.api.get("pods", name, namespace)
    except StatusError:
        raise SimError(f'pods "{name}" not found in namespace "{namespace}"') from None


def _nodes(ctx: ConsoleContext) -> NodeAccess:
    if ctx.nodes is None:
        raise SimError("this console has no nodes")
    return ctx.nodes


def _kubelet_of(ctx: ConsoleContext, pod: Obj) -> Kubelet:
    node = pod["spec"].get("nodeName")
    if not node:
        raise SimError(f"pod/{pod['metadata']['name']} is not scheduled to a node yet")
    return _nodes(ctx).kubelets[node]


# -- crash ---------------------------------------------------------------------------


def crash(args: list[str], ctx: ConsoleContext) -> str:
    known = {"-c": "container", "--container": "container", "--exit-code": "code"}
    known.update({"-n": "namespace", "--namespace": "namespace"})
    words, opts = options(args, known)
    if len(words) != 1:
        raise SimError("usage: sim crash pod/NAME [-c CONTAINER] [--exit-code N]")
    code = _exit_code(opts.get("code", "1"))
    pod = _pod(ctx, words[0], _namespace(opts))
    name = opts.get("container") or pod["spec"]["containers"][0]["name"]
    _require_container(pod, name)
    kubelet = _kubelet_of(ctx, pod)
    running = [
        c
        for c in kubelet.runtime.pod_containers(pod["metadata"]["uid"])
        if c.name == name and c.state == "CONTAINER_RUNNING" and c.process
    ]
    if not running:
        raise SimError(
            f'container "{name}" of pod/{pod["metadata"]["name"]} is not running'
        )
    running[0].process.kill(code)  # type: ignore[union-attr]
    return (
        f'container "{name}" of pod/{pod["metadata"]["name"]} exited with code {code}'
    )


def _exit_code(text: str) -> int:
    if not text.isdigit() or not 0 <= int(text) <= 255:
        raise SimError(f'--exit-code must be 0 to 255, got "{text}"')
    return int(text)


def _require_container(pod: Obj, name: str) -> None:
    spec = pod["spec"]
    names = [c["name"] for c in (spec.get("initContainers") or []) + spec["containers"]]
    if name not in names:
        raise SimError(f'pod/{pod["metadata"]["name"]} has no container "{name}"')


# -- nodes ----------------------------------------------------------------------------


def node_down(args: list[str], ctx: ConsoleContext) -> str:
    name = _node_arg(args, "node-down")
    kubelet = _nodes(ctx).kubelets[_known_node(ctx, name)]
    if not kubelet.running:
        raise SimError(f'node "{name}" is already down')
    _nodes(ctx).node_down(name)
    return f"node/{name} is down: its kubelet stopped; its containers keep running"


def node_up(args: list[str], ctx: ConsoleContext) -> str:
    name = _node_arg(args, "node-up")
    kubelet = _nodes(ctx).kubelets[_known_node(ctx, name)]
    if kubelet.running:
        raise SimError(f'node "{name}" is already up')
    _nodes(ctx).node_up(name)
    return f"node/{name} is up: a new kubelet started"


def _node_arg(args: list[str], command: str) -> str:
    if len(args) != 1:
        raise SimError(f"usage: sim {command} NODE")
    return args[0].removeprefix("node/")


def _known_node(ctx: ConsoleContext, name: str) -> str:
    if name not in _nodes(ctx).kubelets:
        raise SimError(f'node "{name}" not found')
    return name


# -- probes ---------------------------------------------------------------------------


def fail_probe(args: list[str], ctx: ConsoleContext) -> str:
    known = {"--for": "for", "-n": "namespace", "--namespace": "namespace"}
    words, opts = options(args, known)
    if len(words) != 2 or words[1] not in PROBE_KINDS:
        raise SimError(
            "usage: sim fail-probe pod/NAME readiness|liveness|startup [--for 60s]"
        )
    pod = _pod(ctx, words[0], _namespace(opts))
    kind = words[1]
    seconds = _duration(opts["for"]) if "for" in opts else math.inf
    if not _has_probe(pod, kind):
        raise SimError(f"pod/{pod['metadata']['name']} has no {kind} probe")
    kubelet = _kubelet_of(ctx, pod)
    kubelet.prober.fail(pod["metadata"]["uid"], kind, ctx.clock.now + seconds)
    span = f"for {opts['for']}" if "for" in opts else "until the pod is gone"
    return f"pod/{pod['metadata']['name']} now fails its {kind} probe {span}"


def _duration(text: str) -> float:
    try:
        seconds = parse_duration(text)
    except ValueError as err:
        raise SimError(f"--for: {err}") from None
    if seconds <= 0:
        raise SimError(f'--for must be positive, got "{text}"')
    return seconds


def _has_probe(pod: Obj, kind: str) -> bool:
    spec = pod["spec"]
    containers = (spec.get("initContainers") or []) + spec["containers"]
    return any(c.get(f"{kind}Probe") for c in containers)


SIM_COMMANDS: dict[str, Handler] = {
    "crash": crash,
    "node-down": node_down,
    "node-up": node_up,
    "fail-probe": fail_probe,
}


def _proxy_command(name: str) -> Handler:
    def handler(args: list[str], ctx: ConsoleContext) -> str:
        from cluster.proxy import simcmds

        return simcmds.COMMANDS[name](args, ctx)

    return handler


SIM_COMMANDS.update(
    {name: _proxy_command(name) for name in ("traffic", "traffic-stats", "proxy-mode")}
)
