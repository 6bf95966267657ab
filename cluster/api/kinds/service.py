"""Services (core/v1): defaulting, validation and update rules
(``pkg/apis/core/v1/defaults.go`` SetDefaults_Service,
``pkg/apis/core/validation`` ValidateService, ``pkg/registry/core/service``).

ClusterIPs and NodePorts are given out by ``cluster.api.plugins.service_alloc``,
which needs to see the other Services.
"""

from __future__ import annotations

from typing import Any

from cluster.api import names
from cluster.api.errors import (
    FieldError,
    duplicate,
    invalid,
    required,
    unsupported,
)
from cluster.api.strategy import Strategy
from cluster.api.validation import validate_metadata

Obj = dict[str, Any]
TYPES = ["ClusterIP", "ExternalName", "LoadBalancer", "NodePort"]
NODE_PORT_TYPES = ("NodePort", "LoadBalancer")
PROTOCOLS = ["SCTP", "TCP", "UDP"]
AFFINITIES = ["ClientIP", "None"]
POLICIES = ["Cluster", "Local"]
CLIENT_IP_TIMEOUT = 10800  # DefaultClientIPServiceAffinitySeconds
_PORT_RANGE = "must be between 1 and 65535, inclusive"


def default(svc: Obj) -> None:
    spec = svc.setdefault("spec", {})
    spec.setdefault("type", "ClusterIP")
    spec.setdefault("sessionAffinity", "None")
    if spec["sessionAffinity"] == "ClientIP":
        spec.setdefault(
            "sessionAffinityConfig", {"clientIP": {"timeoutSeconds": CLIENT_IP_TIMEOUT}}
        )
    for port in spec.get("ports") or []:
        port.setdefault("protocol", "TCP")
        if "port" in port:
            port.setdefault("targetPort", port["port"])
    if spec["type"] in NODE_PORT_TYPES:
        spec.setdefault("externalTrafficPolicy", "Cluster")
    if spec["type"] == "LoadBalancer":
        spec.setdefault("allocateLoadBalancerNodePorts", True)
    if spec["type"] != "ExternalName":
        spec.setdefault("internalTrafficPolicy", "Cluster")


def prepare_for_create(svc: Obj) -> None:
    svc["status"] = {"loadBalancer": {}}


def validate(svc: Obj) -> list[FieldError]:
    errors = validate_metadata(svc, names.dns1035_label, namespaced=True)
    spec = svc.get("spec", {})
    kind = spec.get("type")
    if kind not in TYPES:
        errors.append(unsupported("spec.type", kind, TYPES))
    if spec.get("sessionAffinity") not in AFFINITIES:
        errors.append(
            unsupported("spec.sessionAffinity", spec.get("sessionAffinity"), AFFINITIES)
        )
    ports = spec.get("ports") or []
    if not ports and kind != "ExternalName" and spec.get("clusterIP") != "None":
        errors.append(required("spec.ports"))
    errors += _ports(ports, kind)
    if kind in NODE_PORT_TYPES and spec.get("clusterIP") == "None":
        errors.append(
            invalid(
                "spec.clusterIPs[0]",
                "None",
                f"may not be set to 'None' for {kind} services",
            )
        )
    return errors


def validate_update(old: Obj, new: Obj) -> list[FieldError]:
    before = old.get("spec", {}).get("clusterIP")
    after = new.get("spec", {}).get("clusterIP")
    if before and after and before != after:
        return [invalid("spec.clusterIPs[0]", [after], "may not change once set")]
    return []


def _ports(ports: list[Obj], kind: Any) -> list[FieldError]:
    errors: list[FieldError] = []
    seen: set[str] = set()
    for i, port in enumerate(ports):
        errors += _port(port, f"spec.ports[{i}]", len(ports) > 1, seen)
        if port.get("nodePort") and kind not in NODE_PORT_TYPES:
            errors.append(
                FieldError(
                    f"spec.ports[{i}].nodePort",
                    "Forbidden",
                    detail=f"may not be used when `type` is '{kind}'",
                )
            )
    return errors


def _port(port: Obj, path: str, named: bool, seen: set[str]) -> list[FieldError]:
    errors = _port_name(port.get("name") or "", path, named, seen)
    number = port.get("port")
    if not isinstance(number, int) or not 1 <= number <= 65535:
        errors.append(invalid(f"{path}.port", number, _PORT_RANGE))
    if port.get("protocol") not in PROTOCOLS:
        errors.append(unsupported(f"{path}.protocol", port.get("protocol"), PROTOCOLS))
    target = port.get("targetPort")
    if isinstance(target, int) and not 1 <= target <= 65535:
        errors.append(invalid(f"{path}.targetPort", target, _PORT_RANGE))
    return errors


def _port_name(name: str, path: str, named: bool, seen: set[str]) -> list[FieldError]:
    if not name:
        return [required(f"{path}.name")] if named else []
    errors = [invalid(f"{path}.name", name, m) for m in names.dns1123_label(name)]
    if name in seen:
        errors.append(duplicate(f"{path}.name", name))
    seen.add(name)
    return errors


STRATEGY = Strategy(
    default=default,
    validate=validate,
    validate_update=validate_update,
    prepare_for_create=prepare_for_create,
)
