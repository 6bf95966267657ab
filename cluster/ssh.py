"""``ssh NODE CMD``: run one command on a node, as an operator would.

The node answers from its own state: ``crictl`` from its containerd,
``journalctl -u kubelet`` from its journal, ``systemctl status kubelet``
from whether its kubelet runs. ``sudo`` is accepted and ignored. Node tools
register in ``NODE_COMMANDS``; what kube-proxy programmed (``iptables-save``,
``ipvsadm``) is read from the node's kube-proxy, in ``PROXY_COMMANDS``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from cluster.node import crictl
from cluster.proxy import nodecmds

if TYPE_CHECKING:
    from cluster.console import CommandResult, ConsoleContext
    from cluster.node.kubelet import Kubelet
    from cluster.node.kubeproxy import KubeProxy

NodeCommand = Callable[["Kubelet", list[str]], tuple[str, bool]]
ProxyCommand = Callable[["KubeProxy", list[str]], tuple[str, bool]]
USAGE = (
    "usage: ssh [-46AaCfGgKkMNnqsTtVvXxYy] [-B bind_interface] [-b bind_address]\n"
    "           destination [command [argument ...]]"
)


def run(args: list[str], stdin: str | None, ctx: ConsoleContext) -> CommandResult:
    from cluster.console import CommandResult

    if not args:
        return CommandResult(USAGE, False)
    host, words = args[0].rpartition("@")[2], args[1:]
    nodes = ctx.nodes
    if nodes is None or host not in nodes.kubelets:
        return CommandResult(
            f"ssh: Could not resolve hostname {host}: Name or service not known", False
        )
    if words[:1] == ["sudo"]:
        words = words[1:]
    if not words:
        return CommandResult(
            "this console runs one command per login: ssh NODE COMMAND", False
        )
    proxy = getattr(nodes, "proxies", {}).get(host)
    if words[0] in PROXY_COMMANDS and proxy is not None:
        return CommandResult(*PROXY_COMMANDS[words[0]](proxy, words[1:]))
    handler = NODE_COMMANDS.get(words[0])
    if handler is None:
        return CommandResult(f"bash: line 1: {words[0]}: command not found", False)
    output, ok = handler(nodes.kubelets[host], words[1:])
    return CommandResult(output, ok)


def _crictl(kubelet: Kubelet, args: list[str]) -> tuple[str, bool]:
    return crictl.run(kubelet.runtime, args)


def _journalctl(kubelet: Kubelet, args: list[str]) -> tuple[str, bool]:
    units = [args[i + 1] for i, a in enumerate(args[:-1]) if a in ("-u", "--unit")]
    units += [a.split("=", 1)[1] for a in args if a.startswith("--unit=")]
    journal = kubelet.runtime.journal
    if units and units[0].removesuffix(".service") != "kubelet":
        return "-- No entries --", True
    lines = None
    for i, arg in enumerate(args[:-1]):
        if arg in ("-n", "--lines"):
            lines = int(args[i + 1])
    return journal.render(lines), True


def _systemctl(kubelet: Kubelet, args: list[str]) -> tuple[str, bool]:
    if args[:2] != ["status", "kubelet"] and args[:2] != ["status", "kubelet.service"]:
        return "this simulated node answers only: systemctl status kubelet", False
    active = "active (running)" if kubelet.running else "failed (Result: signal)"
    dot = "●"
    text = (
        f"{dot} kubelet.service - kubelet: The Kubernetes Node Agent\n"
        "     Loaded: loaded (/usr/lib/systemd/system/kubelet.service; enabled; "
        "preset: enabled)\n"
        "    Drop-In: /usr/lib/systemd/system/kubelet.service.d\n"
        "             └─10-kubeadm.conf\n"
        f"     Active: {active}"
    )
    return text, kubelet.running


def _hostname(kubelet: Kubelet, args: list[str]) -> tuple[str, bool]:
    return kubelet.node_name, True


NODE_COMMANDS: dict[str, NodeCommand] = {
    "crictl": _crictl,
    "journalctl": _journalctl,
    "systemctl": _systemctl,
    "hostname": _hostname,
}
PROXY_COMMANDS: dict[str, ProxyCommand] = {
    "iptables-save": nodecmds.iptables_save,
    "ipvsadm": nodecmds.ipvsadm,
}
