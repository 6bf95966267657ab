"""How containerd turns a container's config into a running process.

The argv is the image's ENTRYPOINT and CMD unless the pod overrides them
(``command`` replaces the entrypoint and drops the CMD, ``args`` replaces
the CMD), exactly as Docker and the kubelet combine them. The first word must
be a program the image holds, or runc refuses to start the container with the
error learners see in ``kubectl describe``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cluster.clock import Clock
from cluster.node import images
from cluster.node.catalogue import Repository
from cluster.node.fs import FileSystem, Store, store_with
from cluster.node.process import Box, Memory, Proc, Process, Run
from cluster.node.programs import registry
from cluster.node.programs.expand import kubelet_expand

BASE_DIRS: tuple[str, ...] = ("/tmp", "/etc", "/var/log", "/var/run", "/dev")
BASE_DIRS += ("/root", "/home", "/usr/bin", "/bin", "/proc", "/run")
Resolver = Callable[[str, str], str | None]  # (name, namespace) -> address
IMAGE_ENV = (("PATH", "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"),)


@dataclass(frozen=True)
class ContainerConfig:
    """What the kubelet asks containerd to create (the CRI ContainerConfig)."""

    name: str
    image: str
    command: tuple[str, ...] = ()
    args: tuple[str, ...] = ()
    env: tuple[tuple[str, str], ...] = ()
    memory_limit: int | None = None
    cpu_limit_millis: int | None = None
    mounts: tuple[tuple[str, str], ...] = ()  # (path in container, volume name)
    files: tuple[tuple[str, str], ...] = ()  # files the kubelet bind-mounts
    hostname: str = ""
    termination_message_path: str = "/dev/termination-log"
    termination_message_policy: str = "File"
    namespace: str = "default"
    extra: dict[str, str] = field(default_factory=dict)


class StartError(Exception):
    """runc could not start the process: containerd's message."""


def argv_of(config: ContainerConfig, repo: Repository | None) -> list[str]:
    env = dict(config.env)
    entrypoint = list(config.command) or list(repo.entrypoint if repo else ())
    if config.command:
        cmd = list(config.args)
    else:
        cmd = list(config.args) or list(repo.cmd if repo else ())
    return [kubelet_expand(word, env) for word in entrypoint + cmd]


def new_box(
    clock: Clock,
    config: ContainerConfig,
    ip: str,
    volumes: dict[str, Store],
    resolve: Resolver | None = None,
) -> Box:
    repo = images.contents_of(config.image)
    files = dict(repo.files if repo else {})
    files.update(dict(config.files))
    mounts = {path: volumes.setdefault(name, Store()) for path, name in config.mounts}
    fs = FileSystem(store_with(files, BASE_DIRS), mounts)
    env = dict(IMAGE_ENV)
    env["HOSTNAME"] = config.hostname
    env.update(dict(config.env))
    if repo is not None and repo.shell == "dash":
        env.setdefault("HOME", "/root")
    box = Box(clock, repo, fs, env, config.hostname, Memory(config.memory_limit), ip)
    box.tag = images.parse(config.image).tag or images.DEFAULT_TAG
    if resolve is not None:
        box.resolve = lambda name: resolve(name, config.namespace)
    return box


def start_process(box: Box, argv: list[str], on_exit: Callable[[int], None]) -> Process:
    """Start the container's PID 1, or raise StartError as runc would."""
    if not argv:
        raise StartError("no command specified")
    program = registry.find(box.image, argv[0])
    if program is None:
        raise StartError(_exec_failed(argv[0], "container init"))
    proc = Proc(box, dict(box.env), _writer(box, "stdout"), _writer(box, "stderr"))
    proc.pid = box.new_pid()
    process = Process(box.clock, program(proc, argv), on_exit)
    proc.process = process
    box.main = process
    process.start()
    return process


def exec_run(
    box: Box, argv: list[str], out: Callable[[str], None], stdin: str = ""
) -> Run:
    """A process started by ``exec`` in a running container (probes, kubectl)."""
    program = registry.find(box.image, argv[0]) if argv else None
    if program is None:
        name = argv[0] if argv else ""
        raise StartError(
            "OCI runtime exec failed: exec failed: unable to start container "
            f'process: exec: "{name}": executable file not found in $PATH: unknown'
        )
    proc = Proc(box, dict(box.env), out, out, stdin, pid=box.new_pid())
    return program(proc, argv)


def _exec_failed(name: str, where: str) -> str:
    return (
        "failed to create containerd task: failed to create shim task: OCI "
        "runtime create failed: runc create failed: unable to start container "
        f'process: error during {where}: exec: "{name}": executable file not '
        "found in $PATH: unknown"
    )


def _writer(box: Box, stream: str) -> Callable[[str], None]:
    return lambda text: box.write_log(stream, text)


def termination_message(box: Box, config: ContainerConfig, code: int) -> str:
    """What the kubelet reports as ``terminated.message``."""
    try:
        message = box.fs.read(config.termination_message_path)
    except Exception:
        message = ""
    fallback = config.termination_message_policy == "FallbackToLogsOnError"
    if not message and fallback and code != 0:
        message = "\n".join(line.text for line in box.log[-80:])[-2048:]
    return message[:4096]
