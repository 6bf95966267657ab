"""``kubectl cluster-info`` (``pkg/cmd/clusterinfo/clusterinfo.go``).

The control plane's address, then every Service labelled
``kubernetes.io/cluster-service=true`` in ``kube-system`` (or ``-n``). A
kubeadm cluster shows CoreDNS there; this cluster runs no CoreDNS, so unless
a user creates such a Service only the control plane line appears.
"""

from __future__ import annotations

from typing import Any

from cluster.kubectl import kubeconfig
from cluster.kubectl.cli import usage_error
from cluster.kubectl.command import Command, Invocation
from cluster.kubectl.commands.common import go_list
from cluster.kubectl.errors import Error, KubectlError

Obj = dict[str, Any]
_DUMP = (
    "\nTo further debug and diagnose cluster problems, use "
    "'kubectl cluster-info dump'.\n"
)


def run(inv: Invocation) -> list[Error]:
    if inv.args and inv.args[0] == "dump":
        raise KubectlError(
            '"kubectl cluster-info dump" is not available in this simulated cluster yet'
        )
    if inv.args:
        return [usage_error(inv.path, f"Unexpected args: {go_list(inv.args)}")]
    host = kubeconfig.server(inv.ctx.api)
    namespace = inv.parsed.values.get("namespace") or "kube-system"
    services = inv.ctx.api.list(
        "services", namespace, label_selector="kubernetes.io/cluster-service=true"
    )
    inv.io.out(_line("Kubernetes control plane", host))
    for service in services:
        inv.io.out(_line(_display_name(service), _link(host, service)))
    inv.io.out(_DUMP)
    return []


def _line(name: str, link: str) -> str:
    return f"{name} is running at {link}\n"


def _display_name(service: Obj) -> str:
    meta = service["metadata"]
    return str((meta.get("labels") or {}).get("kubernetes.io/name") or meta["name"])


def _link(host: str, service: Obj) -> str:
    ingress = ((service.get("status") or {}).get("loadBalancer") or {}).get("ingress")
    ports = (service.get("spec") or {}).get("ports") or []
    if ingress:
        ip = ingress[0].get("ip") or ingress[0].get("hostname", "")
        return "".join(f"http://{ip}:{p['port']} " for p in ports)
    meta = service["metadata"]
    name = meta["name"]
    if ports:
        port = ports[0]
        scheme = "https" if port.get("name") == "https" or port["port"] == 443 else ""
        name = _join_scheme_name_port(scheme, name, port.get("name", ""))
    return f"{host}/api/v1/namespaces/{meta['namespace']}/services/{name}/proxy"


def _join_scheme_name_port(scheme: str, name: str, port: str) -> str:
    """``utilnet.JoinSchemeNamePort``: ``name``, ``name:port`` or
    ``scheme:name:port``."""
    if scheme:
        return f"{scheme}:{name}:{port}"
    return f"{name}:{port}" if port else name


COMMAND = Command("cluster-info", (), run)
