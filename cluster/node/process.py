"""Processes inside simulated containers, run on the virtual clock.

A program is a generator: it does its work at once and yields
:class:`Sleep` whenever it would wait (``sleep 30``, a server blocking on
``accept``). :class:`Process` drives it with clock timers, so a container
that sleeps for ten minutes costs two callbacks, and a server costs none
until something talks to it or signals it.

Everything a program can touch lives on its container's :class:`Box`: the
writable filesystem, the log containerd keeps of its stdout and stderr, the
memory cgroup and the ports it listens on. A :class:`Proc` is one process's
view of the box: its environment, where its output goes, its stdin.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Generator
from dataclasses import dataclass, field
from typing import Any

from cluster.clock import Clock, Timer
from cluster.node.fs import FileSystem

SIGKILL_EXIT = 137
# A loop that runs this many steps without time passing is spinning on the
# CPU: it never ends and never does anything new, so it stops being stepped.
SPIN_LIMIT = 10_000
MAX_LOG_LINES = 5_000  # containerLogMaxSize rotates real logs at 10Mi


@dataclass(frozen=True)
class Sleep:
    seconds: float


FOREVER = Sleep(math.inf)
Run = Generator[Sleep, None, int]
Program = Callable[["Proc", list[str]], Run]


class ProgramExit(Exception):
    """``exit N`` (or ``exec``, or a fatal signal) unwinding a program."""

    def __init__(self, code: int) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class LogLine:
    time: float
    stream: str  # stdout | stderr
    text: str


@dataclass
class Stopper:
    """How the process reacts to its stop signal: exit ``code`` after
    ``seconds``. A process with none ignores SIGTERM (PID 1 in a namespace
    has no default handlers), so only SIGKILL ends it."""

    seconds: float = 0.2
    code: int = 0
    lines: tuple[str, ...] = ()


@dataclass
class Listener:
    """A port something in the container accepts connections on.

    ``http(path, started_at) -> (status, body)`` answers HTTP requests; None
    means the port speaks another protocol (a TCP connect still succeeds).
    ``grpc_status`` is what the gRPC health service answers, if it has one."""

    port: int
    http: Callable[[str], tuple[int, str]] | None = None
    grpc_status: str | None = None
    on_request: Callable[[str, str, int, int], None] | None = None  # client,
    # path, status, size: the server's access log


class Memory:
    """The container's memory cgroup: usage per process against the limit."""

    def __init__(self, limit: int | None) -> None:
        self.limit = limit
        self.usage: dict[int, int] = {}
        self.oom_killed = False
        self.on_change: Callable[[], None] = lambda: None
        self.on_oom: Callable[[], None] = lambda: None

    @property
    def total(self) -> int:
        return sum(self.usage.values())

    def use(self, pid: int, amount: int) -> None:
        """Set ``pid``'s resident memory; over the limit the kernel OOM-kills."""
        self.usage[pid] = amount
        self.on_change()
        if self.limit is not None and self.total > self.limit:
            # cgroup v2 with memory.oom.group: the whole container is killed.
            self.oom_killed = True
            self.on_oom()
            raise ProgramExit(SIGKILL_EXIT)

    def release(self, pid: int) -> None:
        if self.usage.pop(pid, None) is not None:
            self.on_change()


@dataclass
class Box:
    """One container as its processes see it."""

    clock: Clock
    image: Any  # images.Repository
    fs: FileSystem
    env: dict[str, str]
    hostname: str
    memory: Memory
    ip: str = ""
    log: list[LogLine] = field(default_factory=list)
    listeners: dict[int, Listener] = field(default_factory=dict)
    cpu_millis: int = 0  # what the processes would use, before throttling
    next_pid: int = 1
    tag: str = ""
    main: Process | None = None
    # The cluster DNS as the pod's resolv.conf reaches it: name -> address.
    resolve: Callable[[str], str | None] = field(default=lambda name: None)

    def write_log(self, stream: str, text: str) -> None:
        for line in _lines(text):
            self.log.append(LogLine(self.clock.now, stream, line))
        if len(self.log) > MAX_LOG_LINES:
            del self.log[: len(self.log) - MAX_LOG_LINES]

    def new_pid(self) -> int:
        pid, self.next_pid = self.next_pid, self.next_pid + 1
        return pid


@dataclass
class Proc:
    """A process's view: its box, environment, output and stdin."""

    box: Box
    env: dict[str, str]
    out: Callable[[str], None]
    err: Callable[[str], None]
    stdin: str = ""
    pid: int = 1
    process: Process | None = None

    @property
    def now(self) -> float:
        return self.box.clock.now

    def stop_with(self, stopper: Stopper | None) -> None:
        """Set how the process answers its stop signal (a server's handler)."""
        if self.process is not None:
            self.process.stopper = stopper

    def child(self, **changes: Any) -> Proc:
        fields = {**self.__dict__, **changes}
        return Proc(**fields)


class Process:
    """Steps a program on the clock until it exits or is killed."""

    def __init__(
        self,
        clock: Clock,
        run: Run,
        on_exit: Callable[[int], None],
        stopper: Stopper | None = None,
    ) -> None:
        self.clock = clock
        self.run = run
        self.on_exit = on_exit
        self.stopper = stopper
        self.exit_code: int | None = None
        self.started_at = clock.now
        self._timer: Timer | None = None
        self._stopping: Timer | None = None

    @property
    def alive(self) -> bool:
        return self.exit_code is None

    def start(self) -> None:
        self.started_at = self.clock.now
        self._advance()

    def terminate(self) -> None:
        """The stop signal: handled if the program set a stopper."""
        if not self.alive or self.stopper is None or self._stopping is not None:
            return
        stopper = self.stopper
        self._stopping = self.clock.call_later(stopper.seconds, self.kill, stopper.code)

    def kill(self, code: int = SIGKILL_EXIT) -> None:
        if not self.alive:
            return
        self._cancel()
        self.run.close()
        self._finish(code)

    def _advance(self) -> None:
        self._timer = None
        spins = 0
        try:
            while True:
                effect = next(self.run)
                if effect.seconds > 0:
                    break
                spins += 1
                if spins > SPIN_LIMIT:
                    return  # a busy loop: it runs on and never changes
        except StopIteration as stop:
            self._finish(int(stop.value or 0))
            return
        except ProgramExit as exit_:
            self._finish(exit_.code)
            return
        if not math.isinf(effect.seconds):
            self._timer = self.clock.call_later(effect.seconds, self._advance)

    def _finish(self, code: int) -> None:
        if not self.alive:
            return
        self._cancel()
        self.exit_code = code
        self.on_exit(code)

    def _cancel(self) -> None:
        for timer in (self._timer, self._stopping):
            if timer is not None:
                timer.cancel()
        self._timer = self._stopping = None


def drain(run: Run, budget: float = math.inf) -> tuple[int, float]:
    """Run a program to its end at once, as command substitution and exec
    probes do: ``(exit code, seconds it slept)``. A program that would sleep
    past ``budget``, block forever or spin is cut off with exit code -1."""
    slept, spins = 0.0, 0
    try:
        while True:
            effect = next(run)
            slept += effect.seconds
            spins = spins + 1 if effect.seconds == 0 else 0
            if slept > budget or spins > SPIN_LIMIT:
                run.close()
                return -1, slept
    except StopIteration as stop:
        return int(stop.value or 0), slept
    except ProgramExit as exit_:
        return exit_.code, slept


def _lines(text: str) -> list[str]:
    if not text:
        return []
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()
    return lines
