"""Mutating admission a default kube-apiserver runs on create.

``ServiceAccount`` mounts the projected API token volume into every container;
the quantity round trip stores resource amounts in canonical form, as decoding
into ``resource.Quantity`` and encoding again does in the real server.
"""

from __future__ import annotations

from typing import Any

from cluster.api.quantity import canonical_text

Obj = dict[str, Any]
TOKEN_MOUNT_PATH = "/var/run/secrets/kubernetes.io/serviceaccount"
TOKEN_EXPIRATION_SECONDS = 3607


def mount_service_account_token(pod: Obj, suffix: str) -> None:
    """Add ``kube-api-access-<suffix>`` and mount it read-only in each container."""
    spec = pod["spec"]
    if spec.get("automountServiceAccountToken") is False:
        return
    containers = (spec.get("initContainers") or []) + spec.get("containers", [])
    if any(_mounts_token(c) for c in containers):
        return
    name = f"kube-api-access-{suffix}"
    spec.setdefault("volumes", []).append(_token_volume(name))
    for container in containers:
        container.setdefault("volumeMounts", []).append(
            {"name": name, "readOnly": True, "mountPath": TOKEN_MOUNT_PATH}
        )


def canonicalize_quantities(obj: Obj) -> None:
    """Rewrite resource amounts as the API server returns them (0.5 → 500m)."""
    spec = obj.get("spec", {})
    for container in (spec.get("initContainers") or []) + (
        spec.get("containers") or []
    ):
        for section in (container.get("resources") or {}).values():
            _canonicalize(section)
    for key in ("capacity", "allocatable"):
        _canonicalize(obj.get("status", {}).get(key))


def _canonicalize(amounts: Any) -> None:
    if isinstance(amounts, dict):
        for name, value in amounts.items():
            amounts[name] = canonical_text(value)


def _mounts_token(container: Obj) -> bool:
    return any(
        m.get("mountPath") == TOKEN_MOUNT_PATH
        for m in container.get("volumeMounts", [])
    )


def _token_volume(name: str) -> Obj:
    return {
        "name": name,
        "projected": {
            "defaultMode": 420,
            "sources": [
                {
                    "serviceAccountToken": {
                        "expirationSeconds": TOKEN_EXPIRATION_SECONDS,
                        "path": "token",
                    }
                },
                {
                    "configMap": {
                        "name": "kube-root-ca.crt",
                        "items": [{"key": "ca.crt", "path": "ca.crt"}],
                    }
                },
                {
                    "downwardAPI": {
                        "items": [
                            {
                                "path": "namespace",
                                "fieldRef": {
                                    "apiVersion": "v1",
                                    "fieldPath": "metadata.namespace",
                                },
                            }
                        ]
                    }
                },
            ],
        },
    }
