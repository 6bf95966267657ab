"""``--validate``: the API server's field validation for what kubectl sends.

kubectl v1.35 asks the server to decode strictly (``fieldValidation=Strict``,
the default ``--validate=strict``): an unknown field fails the request with
``strict decoding error: unknown field "spec.foo"``. ``--validate=warn`` lets
it through with a warning per field, ``--validate=false`` silently; either
way the server drops the fields it does not know.
"""

from __future__ import annotations

from typing import Any

from cluster.api.errors import StatusError
from cluster.api.resources import ResourceType
from cluster.api.schema import prune, unknown_fields
from cluster.kubectl.command import Invocation
from cluster.kubectl.gofmt import sprint

Obj = dict[str, Any]
_DIRECTIVES = {"strict": "Strict", "true": "Strict", "warn": "Warn"}


def directive(inv: Invocation) -> str:
    """``Strict``, ``Warn`` or ``Ignore``, from ``--validate``."""
    return _DIRECTIVES.get(str(inv.opt("validate")).lower(), "Ignore")


def strict_error(unknown: list[str]) -> str:
    return "strict decoding error: " + ", ".join(
        f'unknown field "{path}"' for path in unknown
    )


def checked_create(inv: Invocation, rt: ResourceType, obj: Obj) -> Obj:
    """The object the server keeps from a create; BadRequest when strict."""
    unknown = unknown_fields(obj)
    if unknown and directive(inv) == "Strict":
        raise StatusError(
            400,
            "BadRequest",
            f'{rt.kind} in version "{rt.api_version.rpartition("/")[2]}" '
            f"cannot be handled as a {rt.kind}: {strict_error(unknown)}",
        )
    _warn(inv, unknown)
    return prune(obj) if unknown else obj


def checked_patch(inv: Invocation, patched: Obj, patch: Obj) -> Obj:
    """The object the server keeps from a patch; Invalid when strict."""
    unknown = unknown_fields(patched)
    if unknown and directive(inv) == "Strict":
        value = sprint(patch).replace('"', '\\"')
        raise StatusError(
            422,
            "Invalid",
            f'patch: Invalid value: "{value}": {strict_error(unknown)}',
            {
                "causes": [
                    {
                        "field": "patch",
                        "message": f'Invalid value: "{value}": '
                        + strict_error(unknown),
                    }
                ]
            },
        )
    _warn(inv, unknown)
    return prune(patched) if unknown else patched


def _warn(inv: Invocation, unknown: list[str]) -> None:
    if directive(inv) == "Warn":
        for path in unknown:
            inv.io.err(f'Warning: unknown field "{path}"\n')
