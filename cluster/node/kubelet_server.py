"""What the kubelet serves on port 10250 for ``kubectl logs`` and ``kubectl
exec`` (``pkg/kubelet/server``, ``validateContainerLogStatus``).

The API server proxies these requests to the pod's node: the answer comes
from the container log containerd kept and from a process started in the
container, and the refusals use the kubelet's own words.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from cluster.node.launch import StartError, exec_run
from cluster.node.process import LogLine, Process

if TYPE_CHECKING:
    from cluster.node.kubelet import Kubelet

Obj = dict[str, Any]
PORT = 10250


class KubeletError(Exception):
    """A request the kubelet refused (HTTP 400): ``str`` is its message."""


def logs(
    kubelet: Kubelet, pod: Obj, container: str, previous: bool = False
) -> list[LogLine]:
    """The log lines of the container the request means."""
    container_id = _log_container(pod, container, previous)
    record = kubelet.runtime.containers.get(container_id.removeprefix("containerd://"))
    if record is None or record.box is None:
        return []
    return list(record.box.log)


def _log_container(pod: Obj, name: str, previous: bool) -> str:
    status = _container_status(pod, name)
    pod_name = pod["metadata"]["name"]
    if status is None:
        raise KubeletError(f'container "{name}" in pod "{pod_name}" is not available')
    last = (status.get("lastState") or {}).get("terminated") or {}
    state = status.get("state") or {}
    if previous:
        if not last.get("containerID"):
            raise KubeletError(
                f'previous terminated container "{name}" in pod "{pod_name}" not found'
            )
        return str(last["containerID"])
    if "running" in state:
        return str(status["containerID"])
    terminated = state.get("terminated")
    if terminated is not None:
        found = terminated.get("containerID") or last.get("containerID")
        if not found:
            raise KubeletError(f'container "{name}" in pod "{pod_name}" is terminated')
        return str(found)
    if last.get("containerID"):
        return str(last["containerID"])
    return _waiting(name, pod_name, (state.get("waiting") or {}).get("reason", ""))


def _waiting(name: str, pod_name: str, reason: str) -> str:
    prefix = f'container "{name}" in pod "{pod_name}" is waiting to start'
    if reason == "ErrImagePull":
        raise KubeletError(f"{prefix}: image can't be pulled")
    if reason == "ImagePullBackOff":
        raise KubeletError(f"{prefix}: trying and failing to pull image")
    if reason:
        raise KubeletError(f"{prefix}: {reason}")
    raise KubeletError(f"{prefix} - no logs yet")


def _container_status(pod: Obj, name: str) -> Obj | None:
    status = pod.get("status") or {}
    for key in ("containerStatuses", "initContainerStatuses"):
        for item in status.get(key) or []:
            if item.get("name") == name:
                return dict(item)
    return None


def exec_process(
    kubelet: Kubelet,
    pod: Obj,
    container: str,
    argv: list[str],
    out: Callable[[str], None],
    on_exit: Callable[[int], None],
    stdin: str = "",
) -> Process:
    """Start ``argv`` in the running container; raise KubeletError as the
    CRI would refuse it."""
    uid = pod["metadata"]["uid"]
    running = [
        c
        for c in kubelet.runtime.pod_containers(uid)
        if c.name == container and c.state == "CONTAINER_RUNNING"
    ]
    if not running or running[0].box is None:
        raise KubeletError(
            f'unable to upgrade connection: container not found ("{container}")'
        )
    record = running[0]
    try:
        run = exec_run(record.box, argv, out, stdin)  # type: ignore[arg-type]
    except StartError as err:
        raise KubeletError(
            "Internal error occurred: error executing command in container: failed to "
            f'exec in container: failed to start exec "{_exec_id(kubelet)}": {err}'
        ) from None
    process = Process(kubelet.clock, run, on_exit)
    process.start()
    return process


def _exec_id(kubelet: Kubelet) -> str:
    bits = kubelet.clock.rng(f"exec-ids/{kubelet.node_name}").getrandbits(256)
    return f"{bits:064x}"


def unreachable(kubelet: Kubelet, path: str) -> str:
    """What the API server says when the node's kubelet does not answer."""
    address = f"{kubelet.host_ip}:{PORT}"
    return f'Get "https://{address}{path}": dial tcp {address}: i/o timeout'
