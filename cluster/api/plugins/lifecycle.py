"""The NamespaceLifecycle admission plugin
(``apiserver/pkg/admission/plugin/namespace/lifecycle/admission.go``).

The system namespaces may not be deleted, and a namespace being terminated
accepts no new content. (A missing namespace is the API server's NotFound.)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from cluster.api import resources
from cluster.api.errors import forbidden
from cluster.api.plugins import CREATE, DELETE, Request

if TYPE_CHECKING:
    from cluster.apiserver import APIServer

IMMORTAL_NAMESPACES = ("default", "kube-system", "kube-public")
TERMINATING_CAUSE = "NamespaceTerminating"


def admit(api: APIServer, request: Request) -> None:
    if request.operation == DELETE and request.rt is resources.NAMESPACE:
        if request.name in IMMORTAL_NAMESPACES:
            raise forbidden(
                request.rt, request.name, "this namespace may not be deleted"
            )
        return
    if request.operation != CREATE or not request.rt.namespaced:
        return
    if _terminating(api, request.namespace):
        raise forbidden(
            request.rt,
            request.name,
            f"unable to create new content in namespace {request.namespace} "
            "because it is being terminated",
            TERMINATING_CAUSE,
        )


def _terminating(api: APIServer, namespace: str) -> bool:
    kv = api.store.get(resources.NAMESPACE.key(namespace, None))
    return kv is not None and kv.value.get("status", {}).get("phase") == "Terminating"
