"""Field documentation of the served kinds, for ``kubectl explain``.

The models are written in a compact text form (``docs_core``,
``docs_workloads``)::

    @Pod
    Pod is a collection of containers that can run on a host.
      spec <PodSpec> Specification of the desired behavior of the pod.
      containers <[]Container> ! List of containers belonging to the pod.
      restartPolicy <string> {Always,Never,OnFailure} Restart policy for ...

A line indented by four spaces continues a field's description. ``!``
marks a required field, ``{...}`` its enum values. A model header
``@Time:string`` is a named type that explain shows as that primitive.
Descriptions are short summaries written from the Kubernetes API reference,
not the OpenAPI text itself.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

_FIELD = re.compile(r"^\s+(\S+) <([^>]+)>( !)?(?: \{([^}]*)\})?(?: (.*))?$")


@dataclass(frozen=True)
class FieldDoc:
    name: str
    type: str  # string, integer, boolean, number, Object, Model, []T, map[string]T
    description: str
    required: bool = False
    enum: tuple[str, ...] = ()


@dataclass(frozen=True)
class Model:
    name: str
    description: str
    fields: tuple[FieldDoc, ...] = ()
    primitive: str = ""  # Time is a model that explain calls "string"

    def field(self, name: str) -> FieldDoc | None:
        return next((f for f in self.fields if f.name == name), None)


def parse_models(text: str) -> dict[str, Model]:
    """Models from the compact text form, by name."""
    models: dict[str, Model] = {}
    for block in ("\n" + text).split("\n@")[1:]:
        model = _model(block)
        models[model.name] = model
    return models


def _model(block: str) -> Model:
    header, *lines = _join_continuations(block.strip("\n@").split("\n"))
    name, _, primitive = header.partition(":")
    description = " ".join(x.strip() for x in lines if x and not x[0].isspace())
    fields = tuple(_field(x) for x in lines if x[:1].isspace() and x.strip())
    return Model(name.strip(), description, fields, primitive.strip())


def _join_continuations(lines: list[str]) -> list[str]:
    """A line indented by four spaces continues the field line before it."""
    joined: list[str] = []
    for line in lines:
        if line.startswith("    ") and joined:
            joined[-1] += " " + line.strip()
        else:
            joined.append(line)
    return joined


def _field(line: str) -> FieldDoc:
    match = _FIELD.match(line)
    if match is None:
        raise ValueError(f"bad field line: {line!r}")
    name, type_, required, enum, description = match.groups()
    values = tuple(v.strip() for v in enum.split(",")) if enum is not None else ()
    return FieldDoc(name, type_, description or "", bool(required), values)


@cache
def models() -> dict[str, Model]:
    """Every documented model, by name."""
    from cluster.api.schema import (
        docs_core,
        docs_details,
        docs_meta,
        docs_status,
        docs_workloads,
    )

    found: dict[str, Model] = {}
    for module in (docs_meta, docs_core, docs_details, docs_status, docs_workloads):
        found.update(parse_models(module.TEXT))
    return found
