"""Namespaces (core/v1): DNS-1123 label names, the metadata.name label, and the
deletion that only starts termination (``pkg/registry/core/namespace/storage``).

The first DELETE stamps ``deletionTimestamp`` and moves the namespace to the
``Terminating`` phase; it goes only once the namespace controller has emptied
it and taken ``kubernetes`` out of ``spec.finalizers``.
"""

from __future__ import annotations

import random
from typing import Any

from cluster.api import names
from cluster.api.errors import FieldError
from cluster.api.strategy import Strategy
from cluster.api.validation import validate_metadata

Obj = dict[str, Any]


def validate(namespace: Obj) -> list[FieldError]:
    return validate_metadata(namespace, names.dns1123_label, namespaced=False)


def admit(namespace: Obj, rng: random.Random) -> None:
    # NamespaceDefaultLabelName (GA in v1.22) labels every namespace with its name.
    labels = namespace["metadata"].setdefault("labels", {})
    labels["kubernetes.io/metadata.name"] = namespace["metadata"]["name"]


def prepare_for_create(namespace: Obj) -> None:
    # On create the kubernetes finalizer is required, whatever the spec says.
    spec = namespace.get("spec")
    if not isinstance(spec, dict):
        spec = namespace["spec"] = {}
    finalizers = list(spec.get("finalizers") or [])
    if "kubernetes" not in finalizers:
        spec["finalizers"] = [*finalizers, "kubernetes"]
    namespace["status"] = {"phase": "Active"}


def begin_delete(namespace: Obj, now: str) -> Obj | None:
    finalizers = namespace.get("spec", {}).get("finalizers") or []
    if namespace["metadata"].get("deletionTimestamp"):
        return namespace if finalizers else None
    if not finalizers:
        return None
    namespace["metadata"]["deletionTimestamp"] = now
    namespace.setdefault("status", {})["phase"] = "Terminating"
    return namespace


STRATEGY = Strategy(
    validate=validate,
    admit=admit,
    prepare_for_create=prepare_for_create,
    begin_delete=begin_delete,
)
