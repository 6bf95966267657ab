"""The console: one command line in, what the terminal shows out.

The browser console, scenario steps and tests all come through here, so a
command means the same thing everywhere.
"""

from __future__ import annotations

import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from cluster.apiserver import APIServer
from cluster.clock import Clock
from cluster.consolewatch import ConsoleWatches
from cluster.events import EventStream
from cluster.store import Store

if TYPE_CHECKING:
    from cluster.metricsserver import MetricsServer
    from cluster.node.kubelet import Kubelet


@dataclass(frozen=True)
class CommandResult:
    output: str
    ok: bool


class NodeAccess(Protocol):
    """The machines of the cluster, for what only a node can answer
    (``kubectl logs``/``exec`` through the kubelet, ``ssh``, ``sim``)."""

    kubelets: dict[str, Kubelet]

    def node_down(self, name: str) -> None: ...

    def node_up(self, name: str) -> None: ...

    def configure_scheduler(self, config: dict[str, Any]) -> list[str]: ...


@dataclass
class ConsoleContext:
    """What a command may touch: the API, the store (for etcdctl) and time."""

    api: APIServer
    store: Store
    clock: Clock
    stream: EventStream
    advance: Callable[[float], None]
    base_dir: Path | None = None
    nodes: NodeAccess | None = None
    metrics: MetricsServer | None = None  # None: no metrics-server installed
    line: str = ""  # the command line being run, as typed
    watches: ConsoleWatches = field(init=False)

    def __post_init__(self) -> None:
        self.watches = ConsoleWatches(self.stream)


Tool = Callable[[list[str], str | None, ConsoleContext], CommandResult]


def run_line(line: str, stdin: str | None, ctx: ConsoleContext) -> CommandResult:
    """Run one console line such as ``kubectl get pods``."""
    try:
        words = shlex.split(line)
    except ValueError as exc:
        return CommandResult(f"error: cannot parse command line: {exc}", False)
    if not words:
        return CommandResult("", True)
    ctx.line = line
    tool = _tools().get(words[0])
    if tool is None:
        return CommandResult(
            f"{words[0]}: command not found (this console runs: "
            f"{', '.join(sorted(_tools()))})",
            False,
        )
    result = tool(words[1:], stdin, ctx)
    ctx.stream.emit("command", command=line, ok=result.ok)
    return result


def _tools() -> dict[str, Tool]:
    # Imported here so each tool's package can import the console's types.
    from cluster import etcdctl, kubectl, sim, ssh

    return {
        "kubectl": kubectl.run,
        "etcdctl": etcdctl.run,
        "ssh": ssh.run,
        "sim": sim.run,
    }
