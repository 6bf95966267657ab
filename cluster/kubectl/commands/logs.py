"""``kubectl logs`` (``pkg/cmd/logs/logs.go``): what a container wrote, as
the kubelet of its node serves it through the API server.

``-c`` picks the container (else the ``kubectl.kubernetes.io/default-container``
annotation or the first one, announced as kubectl does), ``-p`` the previous
instance; ``--tail``, ``--timestamps``, ``--prefix`` and ``--all-containers``
shape the output. Refusals are the kubelet's, relayed as BadRequest.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from cluster.api.errors import StatusError
from cluster.kubectl.cli import Flag
from cluster.kubectl.command import Command, Invocation
from cluster.kubectl.commands.common import refuse_unsupported
from cluster.kubectl.errors import Error, KubectlError
from cluster.node import kubelet_server
from cluster.node.process import LogLine

Obj = dict[str, Any]
DEFAULT_CONTAINER = "kubectl.kubernetes.io/default-container"
FLAGS = (
    Flag("container", "c"),
    Flag("previous", "p", "bool", False),
    Flag("tail", "", "int", -1),
    Flag("timestamps", "", "bool", False),
    Flag("prefix", "", "bool", False),
    Flag("all-containers", "", "bool", False),
    Flag("follow", "f", "bool", False),
    Flag("since", ""),
    Flag("selector", "l"),
)


def run(inv: Invocation) -> list[Error]:
    refuse_unsupported(inv, ("follow", "since", "selector"))
    if len(inv.args) != 1:
        return [_usage(inv)]
    pod = _pod(inv, inv.args[0])
    names = _containers(inv, pod)
    for name in names:
        lines = _fetch(inv, pod, name)
        prefix = f"[pod/{pod['metadata']['name']}/{name}] " if inv.opt("prefix") else ""
        inv.io.out("".join(_format(inv, line, prefix) for line in _tail(inv, lines)))
    return []


def _usage(inv: Invocation) -> KubectlError:
    if not inv.args:
        return KubectlError(
            "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
            "POD or TYPE/NAME is a required argument for the logs command\n"
            "See 'kubectl logs -h' for help and examples"
        )
    return KubectlError(
        "expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\n"
        "See 'kubectl logs -h' for help and examples"
    )


def _pod(inv: Invocation, arg: str) -> Obj:
    kind, slash, name = arg.rpartition("/")
    if slash and kind not in ("pod", "pods", "po"):
        raise KubectlError(
            f"cannot get the logs from {kind}: selecting a pod of a {kind} is not "
            "supported by this simulated cluster yet"
        )
    return inv.ctx.api.get("pods", name, inv.namespace)


def _containers(inv: Invocation, pod: Obj) -> list[str]:
    spec = pod["spec"]
    regular = [c["name"] for c in spec.get("containers") or []]
    inits = [c["name"] for c in spec.get("initContainers") or []]
    if inv.opt("all-containers"):
        return inits + regular
    if inv.opt("container"):
        name = str(inv.opt("container"))
        if name not in regular + inits:
            raise StatusError(
                400,
                "BadRequest",
                f"container {name} is not valid for pod {pod['metadata']['name']}",
            )
        return [name]
    return [default_container(inv, pod)]


def default_container(inv: Invocation, pod: Obj) -> str:
    """The annotated default or the first container, announced on stderr
    when the pod has more than one."""
    spec = pod["spec"]
    regular = [c["name"] for c in spec.get("containers") or []]
    inits = [c["name"] for c in spec.get("initContainers") or []]
    annotated = (pod["metadata"].get("annotations") or {}).get(DEFAULT_CONTAINER)
    chosen = str(annotated) if annotated in regular else regular[0]
    if len(regular) + len(inits) > 1 and annotated not in regular:
        listed = ", ".join(regular + [f"{n} (init)" for n in inits])
        inv.io.err(f'Defaulted container "{chosen}" out of: {listed}\n')
    return chosen


def _fetch(inv: Invocation, pod: Obj, container: str) -> list[LogLine]:
    node = pod["spec"].get("nodeName")
    nodes = inv.ctx.nodes
    if not node or nodes is None or node not in nodes.kubelets:
        return []
    kubelet = nodes.kubelets[node]
    meta = pod["metadata"]
    path = (
        f"/containerLogs/{meta.get('namespace', 'default')}/{meta['name']}/{container}"
    )
    if not kubelet.running:
        raise StatusError(500, "", kubelet_server.unreachable(kubelet, path))
    try:
        return kubelet_server.logs(kubelet, pod, container, bool(inv.opt("previous")))
    except kubelet_server.KubeletError as err:
        raise StatusError(400, "BadRequest", str(err)) from None


def _tail(inv: Invocation, lines: list[LogLine]) -> list[LogLine]:
    count = int(inv.opt("tail"))
    return lines if count < 0 else lines[len(lines) - count :] if count else []


def _format(inv: Invocation, line: LogLine, prefix: str) -> str:
    text = line.text + "\n"
    if inv.opt("timestamps"):
        when = inv.ctx.clock.epoch + timedelta(seconds=line.time)
        nanos = round(line.time * 1e9) % 1_000_000_000
        text = f"{when:%Y-%m-%dT%H:%M:%S}.{nanos:09d}Z {text}"
    return prefix + text


COMMAND = Command("logs", FLAGS, run)
