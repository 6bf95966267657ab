"""Run programs inside one simulated container, without a kubelet: a box on
its own clock, for the shell, utility and image tests."""

from __future__ import annotations

from dataclasses import dataclass, field

from cluster.clock import Clock
from cluster.node.fs import Store
from cluster.node.launch import ContainerConfig, exec_run, new_box, start_process
from cluster.node.process import Box, Process, drain


@dataclass
class Ran:
    box: Box
    process: Process | None
    codes: list[int] = field(default_factory=list)

    @property
    def code(self) -> int | None:
        return self.codes[0] if self.codes else None

    @property
    def output(self) -> str:
        return "".join(line.text + "\n" for line in self.box.log)

    def stream(self, name: str) -> list[str]:
        return [line.text for line in self.box.log if line.stream == name]


def boxed(image: str = "busybox", memory_limit: int | None = None, **kw: object) -> Box:
    clock = Clock()
    config = ContainerConfig(
        "app",
        image,
        memory_limit=memory_limit,
        hostname="web",
        files=(("/etc/hostname", "web\n"),),
        **kw,  # type: ignore[arg-type]
    )
    return new_box(clock, config, "10.244.1.2", {"cache": Store()})


def run(
    argv: list[str],
    image: str = "busybox",
    seconds: float = 60,
    memory_limit: int | None = None,
) -> Ran:
    """Start ``argv`` as the container's PID 1 and let ``seconds`` pass."""
    box = boxed(image, memory_limit)
    ran = Ran(box, None)
    ran.process = start_process(box, argv, ran.codes.append)
    box.clock.run_until(box.clock.now + seconds)
    return ran


def sh(script: str, image: str = "busybox", seconds: float = 60) -> Ran:
    return run(["sh", "-c", script], image, seconds)


def exec_in(box: Box, argv: list[str]) -> tuple[int, str]:
    chunks: list[str] = []
    code, _ = drain(exec_run(box, argv, chunks.append))
    return code, "".join(chunks)
