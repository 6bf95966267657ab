"""Fixtures for the whole suite: real helper processes, started and stopped here.

Tests that need Redis or Chromium get the real programs (Debian's
``redis-server`` and ``chromium``, which ``.ci/run`` installs). Without them a
test is skipped on a developer's machine and fails in CI.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def require_program(path: str) -> str:
    """The program's path; skip the test without it, unless this is CI."""
    found = shutil.which(path)
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail(f"{path} is missing; .ci/run should have installed it")
    pytest.skip(f"{path} is not installed")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for_port(port: int, process: subprocess.Popen[bytes], timeout: float) -> None:
    """Wait until something accepts connections on ``port``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args!r} exited with {process.returncode}")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on port {port} after {timeout}s")


def stop(process: subprocess.Popen[bytes], timeout: float = 10) -> None:
    """SIGTERM, then SIGKILL if it does not go."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A private redis-server on a free port, with no persistence."""
    program = require_program("redis-server")
    port = free_port()
    workdir = tmp_path_factory.mktemp("redis")
    args = [
        program,
        "--port",
        str(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        str(workdir),
    ]
    process = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    try:
        wait_for_port(port, process, timeout=10)
        yield f"redis://127.0.0.1:{port}/0"
    finally:
        stop(process)


def manage(env: dict[str, str], *args: str) -> str:
    """Run ``manage.py`` in a subprocess with ``env``; its standard output."""
    done = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
        timeout=120,
    )
    return done.stdout


@pytest.fixture
def site_env(tmp_path: Path) -> dict[str, str]:
    """Environment for Pilothouse processes, with a fresh migrated database."""
    env = {**os.environ, "DB_PATH": str(tmp_path / "db.sqlite3"), "DEBUG": "0"}
    for name in ("REDIS_URL", "DJANGO_SETTINGS_MODULE"):
        env.pop(name, None)
    manage(env, "migrate", "--noinput", "-v", "0")
    return env


Spawn = Callable[..., "subprocess.Popen[bytes]"]


@pytest.fixture
def spawn(tmp_path: Path) -> Iterator[Spawn]:
    """Start processes (output to files in tmp_path) that are stopped afterwards."""
    started: list[subprocess.Popen[bytes]] = []

    def start(
        args: list[str],
        env: dict[str, str],
        port: int | None = None,
        name: str = "process",
    ) -> subprocess.Popen[bytes]:
        log = (tmp_path / f"{name}-{len(started)}.log").open("wb")
        process = subprocess.Popen(
            args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        process.log_path = Path(log.name)  # type: ignore[attr-defined]
        started.append(process)
        if port is not None:
            wait_for_port(port, process, timeout=30)
        return process

    yield start
    for process in started:
        stop(process)
