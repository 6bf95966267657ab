"""The resource types the API server serves, and how users name them."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ResourceType:
    kind: str
    plural: str
    singular: str
    short_names: tuple[str, ...]
    namespaced: bool
    api_version: str = "v1"

    @property
    def group(self) -> str:
        return self.api_version.rpartition("/")[0]

    def key(self, name: str, namespace: str | None) -> str:
        """The etcd key of an object of this type."""
        if self.namespaced:
            return f"/registry/{self.plural}/{namespace}/{name}"
        return f"/registry/{self.plural}/{name}"

    def prefix(self, namespace: str | None = None) -> str:
        if self.namespaced and namespace:
            return f"/registry/{self.plural}/{namespace}/"
        return f"/registry/{self.plural}/"


POD = ResourceType("Pod", "pods", "pod", ("po",), namespaced=True)
NODE = ResourceType("Node", "nodes", "node", ("no",), namespaced=False)
NAMESPACE = ResourceType(
    "Namespace", "namespaces", "namespace", ("ns",), namespaced=False
)
EVENT = ResourceType("Event", "events", "event", ("ev",), namespaced=True)

RESOURCES: tuple[ResourceType, ...] = (POD, NODE, NAMESPACE, EVENT)

_BY_NAME = {
    alias: rt
    for rt in RESOURCES
    for alias in (rt.plural, rt.singular, rt.kind.lower(), *rt.short_names)
}


def lookup(name: str) -> ResourceType:
    """Find a type by plural, singular, short name or kind; KeyError if unknown."""
    return _BY_NAME[name.lower().partition(".")[0]]


def for_kind(kind: str, api_version: str = "v1") -> ResourceType:
    """The type serving ``kind`` in ``api_version``; KeyError if none does."""
    for rt in RESOURCES:
        if rt.kind == kind and rt.api_version == api_version:
            return rt
    raise KeyError(kind)
