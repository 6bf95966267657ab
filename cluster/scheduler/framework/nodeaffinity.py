"""A pod's node selector and node affinity, parsed once
(``component-helpers/scheduling/corev1/nodeaffinity``).

- ``RequiredNodeAffinity``: ``spec.nodeSelector`` AND the required node
  selector terms; the terms are ORed, a term ANDs its expressions and fields.
  An empty term matches nothing; a term that fails to parse never matches
  (the "lazy error" selector kube-scheduler keeps for compatibility).
- ``PreferredTerms``: the sum of the weights of the preferred terms a node
  matches; weight-0 and empty terms are left out.
"""

from __future__ import annotations

from typing import Any

from cluster.scheduler.framework.labels import (
    IN,
    NOT_IN,
    Labels,
    Selector,
    SelectorError,
    from_set,
    node_selector_requirements,
)

Obj = dict[str, Any]
NAME_FIELD = "metadata.name"


class Term:
    """One NodeSelectorTerm: label requirements plus metadata.name fields."""

    __slots__ = ("labels", "fields", "error")

    def __init__(self, term: Obj) -> None:
        self.labels: Selector | None = None
        self.fields: tuple[tuple[str, str], ...] | None = None
        self.error = ""
        try:
            if term.get("matchExpressions"):
                self.labels = node_selector_requirements(term["matchExpressions"])
            if term.get("matchFields"):
                self.fields = _fields(term["matchFields"])
        except SelectorError as err:
            self.error = str(err)

    def matches(self, name: str, labels: Labels) -> bool:
        if self.error:
            return False
        if self.labels is not None and not self.labels.matches(labels):
            return False
        if self.fields is not None and name:
            return all((name == value) == (op == IN) for op, value in self.fields)
        return True


def is_empty_term(term: Obj) -> bool:
    return not term.get("matchExpressions") and not term.get("matchFields")


class NodeSelector:
    """Terms ORed (``LazyErrorNodeSelector``)."""

    __slots__ = ("terms",)

    def __init__(self, selector: Obj) -> None:
        self.terms = tuple(
            Term(t)
            for t in selector.get("nodeSelectorTerms") or ()
            if not is_empty_term(t)
        )

    def matches(self, name: str, labels: Labels) -> bool:
        return any(term.matches(name, labels) for term in self.terms)

    def errors(self) -> list[str]:
        return [term.error for term in self.terms if term.error]


class RequiredNodeAffinity:
    """GetRequiredNodeAffinity(pod): nodeSelector and required affinity."""

    __slots__ = ("selector", "affinity")

    def __init__(self, spec: Obj) -> None:
        node_selector = spec.get("nodeSelector") or {}
        self.selector = from_set(node_selector) if node_selector else None
        required = _node_affinity(spec).get(
            "requiredDuringSchedulingIgnoredDuringExecution"
        )
        self.affinity = NodeSelector(required) if required is not None else None

    @property
    def trivial(self) -> bool:
        return self.selector is None and self.affinity is None

    def matches(self, name: str, labels: Labels) -> bool:
        if self.selector is not None and not self.selector.matches(labels):
            return False
        return self.affinity is None or self.affinity.matches(name, labels)


class PreferredTerms:
    """PreferredSchedulingTerms: weighted terms; Score sums matching weights."""

    __slots__ = ("terms",)

    def __init__(self, terms: list[Obj]) -> None:
        parsed = []
        for term in terms:
            preference = term.get("preference") or {}
            if not term.get("weight") or is_empty_term(preference):
                continue
            parsed.append((Term(preference), int(term["weight"])))
        self.terms = tuple(parsed)

    def score(self, name: str, labels: Labels) -> int:
        return sum(weight for term, weight in self.terms if term.matches(name, labels))

    def errors(self) -> list[str]:
        return [term.error for term, _ in self.terms if term.error]


def preferred_terms(spec: Obj) -> PreferredTerms | None:
    terms = _node_affinity(spec).get("preferredDuringSchedulingIgnoredDuringExecution")
    return PreferredTerms(terms) if terms is not None else None


def _node_affinity(spec: Obj) -> Obj:
    return (spec.get("affinity") or {}).get("nodeAffinity") or {}


def _fields(requirements: list[Obj]) -> tuple[tuple[str, str], ...]:
    """nodeSelectorRequirementsAsFieldSelector: only In/NotIn, one value."""
    fields = []
    for requirement in requirements:
        op, values = requirement.get("operator"), requirement.get("values") or []
        if op not in (IN, NOT_IN):
            raise SelectorError(
                f'Unsupported value: "{op}": supported values: "In", "NotIn"'
            )
        if len(values) != 1:
            raise SelectorError("must have one element")
        if requirement.get("key") == NAME_FIELD:
            fields.append((op, str(values[0])))
        else:
            # A field the node does not have: In never matches, NotIn always.
            fields.append((op, "\x00"))
    return tuple(fields)
