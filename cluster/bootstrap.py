"""What kube-apiserver puts in a fresh cluster before anyone asks.

The four system namespaces, the two built-in PriorityClasses, and the
``kubernetes`` Service in ``default`` with the API server's own endpoints
(10.96.0.1:443 → the control plane's address, port 6443), written as the
apiserver's endpoint reconciler writes them: an EndpointSlice named
``kubernetes`` and the legacy Endpoints, which it keeps from being mirrored.
"""

from __future__ import annotations

from typing import Any

from cluster.api.allocators import FIRST_IP
from cluster.api.kinds.priorityclass import system_classes
from cluster.apiserver import APIServer

Obj = dict[str, Any]
ACTOR = "kube-apiserver"
SYSTEM_NAMESPACES = ("default", "kube-node-lease", "kube-public", "kube-system")
SECURE_PORT = 6443


def create_system_objects(api: APIServer, apiserver_ip: str) -> None:
    for name in SYSTEM_NAMESPACES:
        api.create(_namespace(name), actor=ACTOR)
    for pc in system_classes():
        api.create(pc, actor=ACTOR)
    for obj in (_service(), _slice(apiserver_ip), _endpoints(apiserver_ip)):
        api.create(obj, actor=ACTOR)


def _namespace(name: str) -> Obj:
    return {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name}}


def _service() -> Obj:
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {
            "name": "kubernetes",
            "namespace": "default",
            "labels": {"component": "apiserver", "provider": "kubernetes"},
        },
        "spec": {
            "clusterIP": str(FIRST_IP),
            "ports": [
                {"name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443}
            ],
            "sessionAffinity": "None",
            "type": "ClusterIP",
        },
    }


def _slice(ip: str) -> Obj:
    return {
        "apiVersion": "discovery.k8s.io/v1",
        "kind": "EndpointSlice",
        "metadata": {
            "name": "kubernetes",
            "namespace": "default",
            "labels": {"kubernetes.io/service-name": "kubernetes"},
        },
        "addressType": "IPv4",
        "endpoints": [{"addresses": [ip], "conditions": {"ready": True}}],
        "ports": [{"name": "https", "port": SECURE_PORT, "protocol": "TCP"}],
    }


def _endpoints(ip: str) -> Obj:
    return {
        "apiVersion": "v1",
        "kind": "Endpoints",
        "metadata": {
            "name": "kubernetes",
            "namespace": "default",
            "labels": {"endpointslice.kubernetes.io/skip-mirror": "true"},
        },
        "subsets": [
            {
                "addresses": [{"ip": ip}],
                "ports": [{"name": "https", "port": SECURE_PORT, "protocol": "TCP"}],
            }
        ],
    }
