"""Running one probe (``pkg/kubelet/prober/prober.go`` runProbe and
``pkg/probe/{exec,http,tcp,grpc}``): the result and the output that the
``Unhealthy`` event quotes.

Exec probes run the command in the container through ExecSync with the
probe's timeout; HTTP, TCP and gRPC probes connect from the node to the pod
IP, where whatever the container's processes listen on answers (nginx's
``/`` is 200, a port nobody listens on refuses the connection).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cluster.node.launch import StartError, exec_run
from cluster.node.process import Listener, drain
from cluster.node.runtime import Container, ContainerRuntime

Obj = dict[str, Any]
SUCCESS, FAILURE = "Success", "Failure"


@dataclass(frozen=True)
class Outcome:
    result: str  # Success | Failure
    output: str = ""
    error: str = ""  # a prober error: the result is thrown away


@dataclass(frozen=True)
class Target:
    pod_ip: str
    client_ip: str  # where the kubelet's connections come from (the bridge)
    container: Container
    spec: Obj
    runtime: ContainerRuntime
    faulty: bool = False  # ``sim fail-probe``: the application answers badly


def run_probe(probe: Obj, target: Target) -> Outcome:
    timeout = float(probe.get("timeoutSeconds", 1))
    if "exec" in probe:
        return _exec(probe["exec"].get("command") or [], timeout, target)
    if "httpGet" in probe:
        return _http(probe["httpGet"], target)
    if "tcpSocket" in probe:
        return _tcp(probe["tcpSocket"], target)
    if "grpc" in probe:
        return _grpc(probe["grpc"], timeout, target)
    return Outcome(FAILURE, error="missing probe handler")


def _exec(command: list[str], timeout: float, target: Target) -> Outcome:
    box = target.container.box
    if box is None:
        return Outcome(FAILURE, error="container not running")
    chunks: list[str] = []
    try:
        run = exec_run(box, list(command), chunks.append)
    except StartError as err:
        return Outcome(FAILURE, error=f"rpc error: code = Unknown desc = {err}")
    code, _ = drain(run, budget=timeout)
    if code == -1:
        return Outcome(FAILURE, f"command {_go_quote(' '.join(command))} timed out")
    if target.faulty:
        return Outcome(FAILURE, "")
    output = "".join(chunks)
    return Outcome(SUCCESS if code == 0 else FAILURE, output)


def _http(get: Obj, target: Target) -> Outcome:
    port = resolve_port(get.get("port"), target.spec)
    host = get.get("host") or target.pod_ip
    scheme = str(get.get("scheme", "HTTP")).lower()
    path = get.get("path") or "/"
    url = f"{scheme}://{host}:{port}{path}"
    listener = _listener(target, host, port)
    if listener is None:
        return Outcome(FAILURE, f'Get "{url}": {_refused(host, port)}')
    if listener.http is None:
        return Outcome(FAILURE, f'Get "{url}": EOF')
    status, body = (503, "") if target.faulty else listener.http(path)
    if listener.on_request is not None:
        listener.on_request(target.client_ip, path, status, len(body))
    if 200 <= status < 400:
        return Outcome(SUCCESS, body)
    return Outcome(FAILURE, f"HTTP probe failed with statuscode: {status}")


def _tcp(sock: Obj, target: Target) -> Outcome:
    port = resolve_port(sock.get("port"), target.spec)
    host = sock.get("host") or target.pod_ip
    if target.faulty or _listener(target, host, port) is None:
        return Outcome(FAILURE, _refused(host, port))
    return Outcome(SUCCESS)


def _grpc(grpc: Obj, timeout: float, target: Target) -> Outcome:
    port = int(grpc.get("port", 0))
    address = f"{target.pod_ip}:{port}"
    listener = _listener(target, target.pod_ip, port)
    if listener is None:
        return Outcome(
            FAILURE,
            f'timeout: failed to connect service "{address}" within {timeout:g}s: '
            "context deadline exceeded",
        )
    status = "NOT_SERVING" if target.faulty else (listener.grpc_status or "UNKNOWN")
    if status == "SERVING":
        return Outcome(SUCCESS)
    return Outcome(FAILURE, f'service unhealthy (responded with "{status}")')


def _listener(target: Target, host: str, port: int) -> Listener | None:
    if host != target.pod_ip:
        return None
    for container in target.runtime.pod_containers(target.container.pod_uid):
        box = container.box
        if container.state == "CONTAINER_RUNNING" and box and port in box.listeners:
            return box.listeners[port]
    return None


def resolve_port(port: Any, spec: Obj) -> int:
    """A number, or the name of one of the container's ports."""
    if isinstance(port, int):
        return port
    for item in spec.get("ports") or []:
        if item.get("name") == port:
            return int(item["containerPort"])
    return int(port) if str(port).isdigit() else 0


def _refused(host: str, port: int) -> str:
    return f"dial tcp {host}:{port}: connect: connection refused"


def _go_quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
