"""Admission plugins and registry hooks that need to read the cluster.

Per-kind rules that look only at the object live in ``cluster.api.kinds``;
what must consult other objects (does the namespace still accept content,
which ClusterIPs are taken, how much of a quota is used) lives here, run by
the API server in kube-apiserver's order: the mutating plugins and the
service allocator before validation, the validating plugins after it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from cluster.api.resources import ResourceType

if TYPE_CHECKING:
    from cluster.apiserver import APIServer

Obj = dict[str, Any]
CREATE, UPDATE, DELETE = "CREATE", "UPDATE", "DELETE"


@dataclass(frozen=True)
class Request:
    """What an admission plugin is asked about (``admission.Attributes``)."""

    operation: str
    rt: ResourceType
    obj: Obj  # the new object; for DELETE, the one being deleted
    old: Obj | None = None
    dry_run: bool = False  # admission may check, but must change nothing

    @property
    def name(self) -> str:
        return str(self.obj["metadata"].get("name", ""))

    @property
    def namespace(self) -> str:
        return str(self.obj["metadata"].get("namespace") or "")


Plugin = Callable[["APIServer", Request], None]


def mutating() -> tuple[Plugin, ...]:
    from cluster.api.plugins import lifecycle, priority, service_alloc

    return (lifecycle.admit, priority.admit, service_alloc.admit)


def validating() -> tuple[Plugin, ...]:
    from cluster.api.plugins import resourcequota

    return (resourcequota.validate,)


def admit(api: APIServer, request: Request) -> None:
    for plugin in mutating():
        plugin(api, request)


def validate(api: APIServer, request: Request) -> None:
    for plugin in validating():
        plugin(api, request)
