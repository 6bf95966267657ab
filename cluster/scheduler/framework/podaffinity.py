"""Pod (anti-)affinity terms, parsed once per pod (``framework.AffinityTerm``,
``NewPodInfo`` in ``pkg/scheduler/framework/types.go``).

A term matches a pod when the pod's namespace is one of the term's namespaces
(or the term's namespaceSelector selects the namespace's labels) and the
term's labelSelector selects the pod's labels. With neither ``namespaces`` nor
a ``namespaceSelector`` the term means the owning pod's own namespace.

``matchLabelKeys``/``mismatchLabelKeys`` (on by default since v1.31) are
merged into the selector from the owning pod's labels, as kube-apiserver
merges them on create.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from cluster.scheduler.framework.labels import (
    IN,
    NOT_IN,
    NOTHING,
    Labels,
    Requirement,
    Selector,
    label_selector,
)

Obj = dict[str, Any]
REQUIRED = "requiredDuringSchedulingIgnoredDuringExecution"
PREFERRED = "preferredDuringSchedulingIgnoredDuringExecution"


@dataclass(frozen=True, slots=True)
class AffinityTerm:
    namespaces: frozenset[str]
    selector: Selector
    topology_key: str
    namespace_selector: Selector = NOTHING

    def matches(self, namespace: str, labels: Labels, ns_labels: Labels | None) -> bool:
        """AffinityTerm.Matches(pod, nsLabels)."""
        if namespace not in self.namespaces and not self.namespace_selector.matches(
            ns_labels or {}
        ):
            return False
        return self.selector.matches(labels)

    def with_namespaces(self, names: frozenset[str]) -> AffinityTerm:
        """mergeAffinityTermNamespacesIfNotEmpty: the namespaces a selector
        picks, folded into the list."""
        return AffinityTerm(
            self.namespaces | names, self.selector, self.topology_key, NOTHING
        )


@dataclass(frozen=True, slots=True)
class WeightedTerm:
    term: AffinityTerm
    weight: int


@dataclass(frozen=True, slots=True)
class PodAffinityTerms:
    required_affinity: tuple[AffinityTerm, ...] = ()
    required_anti_affinity: tuple[AffinityTerm, ...] = ()
    preferred_affinity: tuple[WeightedTerm, ...] = ()
    preferred_anti_affinity: tuple[WeightedTerm, ...] = ()

    @property
    def any(self) -> bool:
        return bool(
            self.required_affinity
            or self.required_anti_affinity
            or self.preferred_affinity
            or self.preferred_anti_affinity
        )


NO_TERMS = PodAffinityTerms()


def parse_terms(
    affinity: Obj | None, namespace: str, labels: Mapping[str, str]
) -> PodAffinityTerms:
    """The pod's terms; raises SelectorError for a selector that cannot parse."""
    affinity = affinity or {}
    pod_affinity = affinity.get("podAffinity") or {}
    anti = affinity.get("podAntiAffinity") or {}
    if not pod_affinity and not anti:
        return NO_TERMS
    return PodAffinityTerms(
        _required(pod_affinity, namespace, labels),
        _required(anti, namespace, labels),
        _preferred(pod_affinity, namespace, labels),
        _preferred(anti, namespace, labels),
    )


def _required(
    section: Obj, namespace: str, labels: Mapping[str, str]
) -> tuple[AffinityTerm, ...]:
    return tuple(term(t, namespace, labels) for t in section.get(REQUIRED) or ())


def _preferred(
    section: Obj, namespace: str, labels: Mapping[str, str]
) -> tuple[WeightedTerm, ...]:
    return tuple(
        WeightedTerm(
            term(t.get("podAffinityTerm") or {}, namespace, labels),
            int(t.get("weight") or 0),
        )
        for t in section.get(PREFERRED) or ()
    )


def term(spec: Obj, namespace: str, labels: Mapping[str, str]) -> AffinityTerm:
    names = spec.get("namespaces") or []
    ns_selector = spec.get("namespaceSelector")
    namespaces = (
        frozenset(names)
        if names or ns_selector is not None
        else frozenset((namespace,))
    )
    selector = _with_label_keys(label_selector(spec.get("labelSelector")), spec, labels)
    return AffinityTerm(
        namespaces,
        selector,
        str(spec.get("topologyKey", "")),
        label_selector(ns_selector),
    )


def _with_label_keys(
    selector: Selector, spec: Obj, labels: Mapping[str, str]
) -> Selector:
    if spec.get("labelSelector") is None:
        return selector
    extra = [
        Requirement(k, IN, (labels[k],))
        for k in spec.get("matchLabelKeys") or ()
        if k in labels
    ]
    extra += [
        Requirement(k, NOT_IN, (labels[k],))
        for k in spec.get("mismatchLabelKeys") or ()
        if k in labels
    ]
    return selector.add(*extra) if extra else selector
