"""Validation as kube-apiserver does it, one function per kind.

Messages follow ``pkg/apis/core/validation``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from cluster.api import names
from cluster.api.errors import FieldError, duplicate, invalid, required, unsupported
from cluster.api.probes import validate_probes
from cluster.api.quantity import QuantityError, parse_quantity

Obj = dict[str, Any]
RESTART_POLICIES = ["Always", "OnFailure", "Never"]
PULL_POLICIES = ["Always", "IfNotPresent", "Never"]


def validate_metadata(
    obj: Obj, name_rule: Callable[[str], list[str]], namespaced: bool
) -> list[FieldError]:
    meta = obj.get("metadata", {})
    errors: list[FieldError] = []
    name = meta.get("name", "")
    if not name:
        errors.append(required("metadata.name", "name or generateName is required"))
    errors += [
        invalid("metadata.name", name, m) for m in (name_rule(name) if name else [])
    ]
    if namespaced:
        namespace = meta.get("namespace", "")
        errors += [
            invalid("metadata.namespace", namespace, m)
            for m in names.dns1123_label(namespace)
        ]
    return errors


def validate_pod_spec(spec: Obj, path: str = "spec") -> list[FieldError]:
    """A PodSpec's rules, shared by pods and the templates of workloads."""
    errors: list[FieldError] = []
    containers = spec.get("containers") or []
    if not containers:
        errors.append(required(f"{path}.containers"))
    inits = spec.get("initContainers") or []
    errors += _containers(inits, f"{path}.initContainers", seen=set())
    errors += _containers(
        containers, f"{path}.containers", seen={c.get("name") for c in inits}
    )
    policy = spec.get("restartPolicy")
    if policy not in RESTART_POLICIES:
        errors.append(unsupported(f"{path}.restartPolicy", policy, RESTART_POLICIES))
    grace = spec.get("terminationGracePeriodSeconds")
    if isinstance(grace, int) and grace < 0:
        errors.append(
            invalid(
                f"{path}.terminationGracePeriodSeconds",
                grace,
                "must be greater than or equal to 0",
            )
        )
    return errors


def check_quantities(obj: Obj) -> str | None:
    """The decode error for the first malformed resource quantity, if any.

    Quantities fail while the server decodes the body, before validation, so
    the caller reports this as a BadRequest rather than Invalid.
    """
    spec = obj.get("spec", {})
    for container in (spec.get("initContainers") or []) + (
        spec.get("containers") or []
    ):
        for section in ("requests", "limits"):
            for value in (
                (container.get("resources") or {}).get(section) or {}
            ).values():
                try:
                    parse_quantity(value)
                except QuantityError as exc:
                    return str(exc)
    return None


def _containers(containers: list[Obj], path: str, seen: set[Any]) -> list[FieldError]:
    errors: list[FieldError] = []
    for i, container in enumerate(containers):
        where = f"{path}[{i}]"
        name = container.get("name", "")
        if not name:
            errors.append(required(f"{where}.name"))
        else:
            errors += [
                invalid(f"{where}.name", name, m) for m in names.dns1123_label(name)
            ]
            if name in seen:
                errors.append(duplicate(f"{where}.name", name))
            seen.add(name)
        if not container.get("image"):
            errors.append(required(f"{where}.image"))
        policy = container.get("imagePullPolicy")
        if policy not in PULL_POLICIES:
            errors.append(
                unsupported(f"{where}.imagePullPolicy", policy, PULL_POLICIES)
            )
        errors += _resources(container.get("resources") or {}, f"{where}.resources")
        errors += _ports(container.get("ports") or [], f"{where}.ports")
        errors += validate_probes(container, where, path.endswith("initContainers"))
    return errors


def _resources(resources: Obj, path: str) -> list[FieldError]:
    errors: list[FieldError] = []
    requests = resources.get("requests") or {}
    limits = resources.get("limits") or {}
    for name, value in requests.items():
        if parse_quantity(value).value < 0:
            errors.append(
                invalid(
                    f"{path}.requests[{name}]",
                    str(value),
                    "must be greater than or equal to 0",
                )
            )
        if (
            name in limits
            and parse_quantity(value).value > parse_quantity(limits[name]).value
        ):
            errors.append(
                invalid(
                    f"{path}.requests",
                    str(value),
                    f"must be less than or equal to {name} limit of {limits[name]}",
                )
            )
    return errors


def _ports(ports: list[Obj], path: str) -> list[FieldError]:
    errors: list[FieldError] = []
    for i, port in enumerate(ports):
        number = port.get("containerPort")
        if not isinstance(number, int) or not 1 <= number <= 65535:
            errors.append(
                invalid(
                    f"{path}[{i}].containerPort",
                    number,
                    "must be between 1 and 65535, inclusive",
                )
            )
    return errors
