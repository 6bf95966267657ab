"""``kubectl exec POD [-c CONTAINER] -- COMMAND [args...]``
(``pkg/cmd/exec/exec.go``): run a command in a running container.

The command is a process in the container, with its filesystem and
environment; kubectl waits for it, so simulated time passes while it runs
(``kubectl exec web -- sleep 5`` takes five seconds). A non-zero exit is
reported as ``command terminated with exit code N``.
"""

from __future__ import annotations

from typing import Any

from cluster.api.errors import StatusError
from cluster.kubectl.cli import Flag
from cluster.kubectl.command import Command, Invocation
from cluster.kubectl.commands.logs import default_container
from cluster.kubectl.errors import Error, Exit, KubectlError
from cluster.node import kubelet_server

Obj = dict[str, Any]
# A session that has not ended after this much simulated time is closed.
MAX_SECONDS = 600.0
FLAGS = (
    Flag("container", "c"),
    Flag("stdin", "i", "bool", False),
    Flag("tty", "t", "bool", False),
    Flag("quiet", "q", "bool", False),
)


def run(inv: Invocation) -> list[Error]:
    if not inv.args:
        return [KubectlError("pod, type/name or --filename must be specified")]
    if len(inv.args) < 2:
        return [KubectlError("you must specify at least one command for the container")]
    pod = inv.ctx.api.get("pods", inv.args[0].rpartition("/")[2], inv.namespace)
    phase = pod.get("status", {}).get("phase")
    if phase in ("Succeeded", "Failed"):
        return [
            KubectlError(
                "cannot exec into a container in a completed pod; current phase is "
                f"{phase}"
            )
        ]
    container = _container(inv, pod)
    return _execute(inv, pod, container, inv.args[1:])


def _container(inv: Invocation, pod: Obj) -> str:
    name = inv.opt("container")
    if not name:
        return default_container(inv, pod)
    names = [
        c["name"]
        for c in (pod["spec"].get("initContainers") or []) + pod["spec"]["containers"]
    ]
    if name not in names:
        raise KubectlError(
            f"container {name} not found in pod {pod['metadata']['name']}"
        )
    return str(name)


def _execute(inv: Invocation, pod: Obj, container: str, argv: list[str]) -> list[Error]:
    nodes = inv.ctx.nodes
    node = pod["spec"].get("nodeName")
    if nodes is None or not node or node not in nodes.kubelets:
        raise KubectlError(
            f'unable to upgrade connection: container not found ("{container}")'
        )
    kubelet = nodes.kubelets[node]
    if not kubelet.running:
        ip = kubelet.host_ip
        raise StatusError(
            500, "", f"error dialing backend: dial tcp {ip}:10250: i/o timeout"
        )
    codes: list[int] = []
    try:
        process = kubelet_server.exec_process(
            kubelet, pod, container, argv, inv.io.out, codes.append, inv.stdin or ""
        )
    except kubelet_server.KubeletError as err:
        raise KubectlError(str(err)) from None
    waited = 0.0
    while process.alive and waited < MAX_SECONDS:
        inv.ctx.advance(1.0)
        waited += 1.0
    if process.alive:
        process.kill()
        raise KubectlError("the simulated exec session was closed after 10m0s")
    if codes and codes[0] != 0:
        inv.io.err(f"command terminated with exit code {codes[0]}\n")
        raise Exit
    return []


COMMAND = Command("exec", FLAGS, run)
