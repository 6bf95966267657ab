"""Container lifecycle hooks (``pkg/kubelet/lifecycle/handlers.go``):
``postStart`` and ``preStop`` as ``exec``, ``httpGet`` or ``sleep``.

A hook takes time like anything else in a container: ``preStop: sleep 5``
holds the container's termination for five seconds of its grace period.
``done(error)`` gets the message the kubelet posts when the hook fails.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cluster.clock import Clock
from cluster.node.launch import StartError, exec_run
from cluster.node.probe_runner import resolve_port
from cluster.node.process import Process
from cluster.node.runtime import Container

Obj = dict[str, Any]
Done = Callable[[str], None]  # "" on success, else the failure message


def run_hook(
    clock: Clock,
    handler: Obj,
    container: Container,
    spec: Obj,
    pod_name: str,
    deadline: float,
    done: Done,
) -> None:
    if "sleep" in handler:
        seconds = min(float(handler["sleep"].get("seconds", 0)), deadline)
        clock.call_later(seconds, done, "")
    elif "exec" in handler:
        _exec(
            clock,
            handler["exec"].get("command") or [],
            container,
            spec,
            pod_name,
            deadline,
            done,
        )
    elif "httpGet" in handler:
        done(_http(handler["httpGet"], container, spec))
    else:
        done("")


def _exec(
    clock: Clock,
    command: list[str],
    container: Container,
    spec: Obj,
    pod_name: str,
    deadline: float,
    done: Done,
) -> None:
    box = container.box
    chunks: list[str] = []
    where = f'for Container "{spec["name"]}" in Pod "{pod_name}"'
    try:
        if box is None:
            raise StartError("container is not running")
        run = exec_run(box, list(command), chunks.append)
    except StartError as err:
        prefix = f"Exec lifecycle hook ({_go_list(command)}) {where} failed"
        done(f'{prefix} - error: {err}, message: ""')
        return
    finished: list[bool] = []

    def exited(code: int) -> None:
        if finished:
            return
        finished.append(True)
        if code == 0:
            done("")
            return
        output = "".join(chunks)
        error = f"command '{' '.join(command)}' exited with {code}: {output}"
        done(
            f"Exec lifecycle hook ({_go_list(command)}) {where} failed - "
            f"error: {error}, message: {_go_quote(output)}"
        )

    process = Process(clock, run, exited)
    process.start()
    if process.alive:
        clock.call_later(deadline, _give_up, process, finished, done)


def _give_up(process: Process, finished: list[bool], done: Done) -> None:
    if process.alive and not finished:
        finished.append(True)
        process.kill()
        done("")


def _http(get: Obj, container: Container, spec: Obj) -> str:
    box = container.box
    port = resolve_port(get.get("port"), spec)
    listener = box.listeners.get(port) if box else None
    if listener is None or listener.http is None:
        return (
            f"Http lifecycle hook ({get.get('path', '/')}) for Container "
            f'"{spec["name"]}" failed - error: connection refused'
        )
    status, _ = listener.http(get.get("path") or "/")
    return "" if 200 <= status < 400 else f"HTTP lifecycle hook returned {status}"


def _go_list(items: list[str]) -> str:
    return "[" + " ".join(items) + "]"


def _go_quote(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{escaped}"'
