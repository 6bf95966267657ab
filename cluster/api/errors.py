"""API errors worded as kube-apiserver words them (apimachinery ``errors.go``)."""

from __future__ import annotations

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


def invalid_object(kind: str, name: str, errors: list[FieldError]) -> StatusError:
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
        f'{kind} "{name}" is invalid: {joined}',
        {"kind": kind, "name": name, "causes": causes},
    )


def bad_request(message: str) -> StatusError:
    return StatusError(400, "BadRequest", message)


def _resource(rt: ResourceType) -> str:
    """``pods``, or ``deployments.apps`` for grouped types, as in NotFound messages."""
    return f"{rt.plural}.{rt.group}" if rt.group else rt.plural


def _cause(error: FieldError) -> str:
    return "Field" + error.kind.replace(" value", "Value").replace(" ", "")


def _go_quote(value: Any) -> str:
    """Render a value as field.Error does: strings %q-quoted, others %v."""
    if isinstance(value, str):
        escaped = value.replace("\\", "\\\\").replace('"', '\\"')
        return f'"{escaped}"'
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)
