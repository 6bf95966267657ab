"""API errors worded as kube-apiserver words them (apimachinery ``errors.go``)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from cluster.api.resources import ResourceType


@dataclass(frozen=True)
class FieldError:
    """One ``field.Error``: ``spec.x: Invalid value: "v": detail``."""

    field: str
    kind: str  # "Invalid value" | "Required value" | "Unsupported value" | ...
    value: Any = None
    detail: str = ""

    def body(self) -> str:
        if self.kind in ("Required value", "Forbidden", "Too many"):
            return f"{self.kind}: {self.detail}" if self.detail else self.kind
        text = f"{self.kind}: {_go_quote(self.value)}"
        return f"{text}: {self.detail}" if self.detail else text

    def __str__(self) -> str:
        return f"{self.field}: {self.body()}"


def invalid(field: str, value: Any, detail: str) -> FieldError:
    return FieldError(field, "Invalid value", value, detail)


def required(field: str, detail: str = "") -> FieldError:
    return FieldError(field, "Required value", None, detail)


def unsupported(field: str, value: Any, supported: list[str]) -> FieldError:
    listed = ", ".join(f'"{s}"' for s in supported)
    return FieldError(field, "Unsupported value", value, f"supported values: {listed}")


def duplicate(field: str, value: Any) -> FieldError:
    return FieldError(field, "Duplicate value", value)


class StatusError(Exception):
    """A failed API call, carrying the metav1.Status the server would send."""

    def __init__(
        self,
        code: int,
        reason: str,
        message: str,
        details: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details


def not_found(rt: ResourceType, name: str) -> StatusError:
    return StatusError(
        404,
        "NotFound",
        f'{_resource(rt)} "{name}" not found',
        {"kind": rt.plural, "name": name},
    )


def already_exists(rt: ResourceType, name: str) -> StatusError:
    return StatusError(
        409,
        "AlreadyExists",
        f'{_resource(rt)} "{name}" already exists',
        {"kind": rt.plural, "name": name},
    )


def conflict(rt: ResourceType, name: str) -> StatusError:
    return StatusError(
        409,
        "Conflict",
        f'Operation cannot be fulfilled on {_resource(rt)} "{name}": the object '
        "has been modified; please apply your changes to the latest version and "
        "try again",
        {"kind": rt.plural, "name": name},
    )


def invalid_object(
    kind: str, name: str, errors: list[FieldError], group: str = ""
) -> StatusError:
    joined = (
        str(errors[0])
        if len(errors) == 1
        else ("[" + ", ".join(str(e) for e in errors) + "]")
    )
    causes = [
        {"field": e.field, "reason": _cause(e), "message": e.body()} for e in errors
    ]
    return StatusError(
        422,
        "Invalid",
        # NewInvalid names the qualified kind (``Deployment.apps``) in the
        # message and the bare kind in the details.
        f'{kind}{"." + group if group else ""} "{name}" is invalid: {joined}',
        {"kind": kind, "name": name, "causes": causes},
    )


def bad_request(message: str) -> StatusError:
    return StatusError(400, "BadRequest", message)


def forbidden(
    rt: ResourceType, name: str, reason: str, cause: str | None = None
) -> StatusError:
    """``NewForbidden``: ``pods "x" is forbidden: <reason>``."""
    shown = f'{_resource(rt)} "{name}"' if name else _resource(rt)
    details: dict[str, Any] = {"kind": rt.plural, "name": name}
    if cause:
        details["causes"] = [{"reason": cause, "message": reason}]
    return StatusError(403, "Forbidden", f"{shown} is forbidden: {reason}", details)


def too_many_requests(message: str, causes: list[dict[str, str]]) -> StatusError:
    """``NewTooManyRequests`` (HTTP 429), as the eviction API answers."""
    return StatusError(429, "TooManyRequests", message, {"causes": causes})


def _resource(rt: ResourceType) -> str:
    """``pods``, or ``deployments.apps`` for grouped types, as in NotFound messages."""
    return f"{rt.plural}.{rt.group}" if rt.group else rt.plural


def _cause(error: FieldError) -> str:
    return "Field" + error.kind.replace(" value", "Value").replace(" ", "")


class GoRepr(str):
    """A value already printed as field.Error prints structs and maps (``%#v``)."""


def _go_quote(value: Any) -> str:
    """Render a value as field.Error does: strings %q-quoted, others %v."""
    if isinstance(value, GoRepr):
        return str(value)
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        # Lists and maps render as JSON (``["None"]``) since v1.33.
        return json.dumps(value, separators=(",", ":"))
    return str(value)
