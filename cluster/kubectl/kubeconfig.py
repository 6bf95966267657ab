"""The kubeconfig this kubectl uses: kubeadm's admin.conf, one cluster
``kubernetes``, one user ``kubernetes-admin`` (cluster-admin) and one context
``kubernetes-admin@kubernetes``; the server is the control plane's API
server address, as the ``kubernetes`` Endpoints publish it."""

from __future__ import annotations

from typing import Any

from cluster.api.errors import StatusError

Obj = dict[str, Any]
CLUSTER = "kubernetes"
USER = "kubernetes-admin"
CONTEXT = f"{USER}@{CLUSTER}"
DEFAULT_ADDRESS = "192.168.49.2"
SECURE_PORT = 6443  # kube-apiserver's --secure-port (cluster.bootstrap)
REDACTED = "DATA+OMITTED"  # what ``config view`` shows for certificate data


def server(api: Any) -> str:
    """``https://<control plane IP>:6443``."""
    return f"https://{_address(api)}:{SECURE_PORT}"


def _address(api: Any) -> str:
    try:
        endpoints = api.get("endpoints", "kubernetes", "default")
    except StatusError:
        return DEFAULT_ADDRESS
    for subset in endpoints.get("subsets") or []:
        for address in subset.get("addresses") or []:
            return str(address["ip"])
    return DEFAULT_ADDRESS


def view(api: Any) -> Obj:
    """The config as ``kubectl config view`` prints it (data redacted), in
    clientcmd's v1 field order."""
    return {
        "kind": "Config",
        "apiVersion": "v1",
        "preferences": {},
        "clusters": [
            {
                "name": CLUSTER,
                "cluster": {
                    "server": server(api),
                    "certificate-authority-data": REDACTED,
                },
            }
        ],
        "users": [
            {
                "name": USER,
                "user": {
                    "client-certificate-data": REDACTED,
                    "client-key-data": REDACTED,
                },
            }
        ],
        "contexts": [{"name": CONTEXT, "context": {"cluster": CLUSTER, "user": USER}}],
        "current-context": CONTEXT,
    }
