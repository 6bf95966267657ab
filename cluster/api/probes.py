"""Probes and lifecycle handlers in the API: ``SetDefaults_Probe``,
``SetDefaults_HTTPGetAction`` (``pkg/apis/core/v1/defaults.go``) and
``validateProbe`` / ``validateHandler`` (``pkg/apis/core/validation``)."""

from __future__ import annotations

from typing import Any

from cluster.api.errors import FieldError, invalid, required, unsupported

Obj = dict[str, Any]
PROBES = ("livenessProbe", "readinessProbe", "startupProbe")
HANDLERS = ("exec", "httpGet", "tcpSocket", "grpc")
PROBE_DEFAULTS = {
    "timeoutSeconds": 1,
    "periodSeconds": 10,
    "successThreshold": 1,
    "failureThreshold": 3,
}
COUNTERS = ("initialDelaySeconds", *PROBE_DEFAULTS)
SCHEMES = ["HTTP", "HTTPS"]


def default_probes(container: Obj) -> None:
    for key in PROBES:
        probe = container.get(key)
        if isinstance(probe, dict):
            for field, value in PROBE_DEFAULTS.items():
                probe.setdefault(field, value)
            _default_action(probe)
    for hook in (container.get("lifecycle") or {}).values():
        if isinstance(hook, dict):
            _default_action(hook)


def _default_action(handler: Obj) -> None:
    get = handler.get("httpGet")
    if isinstance(get, dict):
        get.setdefault("path", "/")
        get.setdefault("scheme", "HTTP")
    grpc = handler.get("grpc")
    if isinstance(grpc, dict):
        grpc.setdefault("service", "")


def validate_probes(container: Obj, path: str, init: bool) -> list[FieldError]:
    errors: list[FieldError] = []
    sidecar = container.get("restartPolicy") == "Always"
    for key in PROBES:
        probe = container.get(key)
        if probe is None:
            continue
        where = f"{path}.{key}"
        if init and not sidecar:
            errors.append(
                FieldError(
                    where,
                    "Forbidden",
                    None,
                    "may not be set for init containers without restartPolicy=Always",
                )
            )
            continue
        errors += _probe(probe, where, key != "readinessProbe")
    return errors


def _probe(probe: Obj, where: str, single_success: bool) -> list[FieldError]:
    errors = _handler(probe, where)
    for field in COUNTERS:
        value = probe.get(field, 0)
        if isinstance(value, int) and value < 0:
            errors.append(
                invalid(f"{where}.{field}", value, "must be greater than or equal to 0")
            )
    success = probe.get("successThreshold", 1)
    if single_success and success != 1:
        errors.append(invalid(f"{where}.successThreshold", success, "must be 1"))
    grace = probe.get("terminationGracePeriodSeconds")
    if isinstance(grace, int) and grace <= 0:
        errors.append(
            invalid(
                f"{where}.terminationGracePeriodSeconds",
                grace,
                "must be greater than 0",
            )
        )
    return errors


def _handler(handler: Obj, where: str) -> list[FieldError]:
    kinds = [k for k in HANDLERS if handler.get(k) is not None]
    if not kinds:
        return [required(where, "must specify a handler type")]
    if len(kinds) > 1:
        return [
            FieldError(
                f"{where}.{kinds[1]}",
                "Forbidden",
                None,
                "may not specify more than 1 handler type",
            )
        ]
    action = handler[kinds[0]]
    place = f"{where}.{kinds[0]}"
    if kinds[0] == "exec":
        return [] if action.get("command") else [required(f"{place}.command")]
    errors = _port(action.get("port"), f"{place}.port")
    scheme = action.get("scheme", "HTTP")
    if kinds[0] == "httpGet" and scheme not in SCHEMES:
        errors.append(unsupported(f"{place}.scheme", scheme, SCHEMES))
    return errors


def _port(port: Any, where: str) -> list[FieldError]:
    if port is None:
        return [required(where)]
    if isinstance(port, int):
        if 1 <= port <= 65535:
            return []
        return [invalid(where, port, "must be between 1 and 65535, inclusive")]
    if str(port).isdigit() or not any(c.isalpha() for c in str(port)):
        return [invalid(where, port, "must contain at least one letter (a-z)")]
    return []
