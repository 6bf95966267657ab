"""What every kubectl command gets: its parsed flags, the cluster, and a terminal."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from cluster.kubectl.cli import Flag, Parsed
from cluster.kubectl.errors import Error

if TYPE_CHECKING:
    from cluster.console import ConsoleContext

ACTOR = "kubectl"


@dataclass
class Streams:
    """stdout and stderr as a terminal shows them: interleaved in write order."""

    chunks: list[str] = field(default_factory=list)
    objects_printed: int = 0  # for the YAML printer's ``---`` separators
    warned_cluster_scope: bool = False

    def out(self, text: str) -> None:
        self.chunks.append(text)

    def err(self, text: str) -> None:
        self.chunks.append(text)

    def text(self) -> str:
        return "".join(self.chunks).rstrip("\n")


@dataclass
class Invocation:
    ctx: ConsoleContext
    io: Streams
    path: str  # "kubectl get", for usage hints
    parsed: Parsed
    stdin: str | None

    @property
    def args(self) -> list[str]:
        return self.parsed.args

    def opt(self, name: str) -> Any:
        return self.parsed.values[name]

    def changed(self, name: str) -> bool:
        return name in self.parsed.changed

    @property
    def namespace(self) -> str:
        """The request namespace: ``-n``, else the context's (``default``)."""
        return self.parsed.values.get("namespace") or "default"

    @property
    def namespace_enforced(self) -> bool:
        """True when ``-n`` was given: manifests must then match it."""
        return bool(self.parsed.values.get("namespace"))

    def now(self) -> datetime:
        return self.ctx.clock.wall()


Runner = Callable[[Invocation], list[Error]]


@dataclass(frozen=True)
class Command:
    name: str
    flags: tuple[Flag, ...]
    run: Runner
    # ``kubectl create service clusterip``: words that pick a sub-command.
    subcommands: tuple[Command, ...] = ()
