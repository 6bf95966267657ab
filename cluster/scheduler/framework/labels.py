"""Label selectors as the scheduler evaluates them (``apimachinery/pkg/labels``,
``metav1.LabelSelectorAsSelector`` and ``component-helpers``' node affinity).

A ``Selector`` is a tuple of requirements, ANDed. ``NOTHING`` matches no
labels (a nil ``LabelSelector``), ``EVERYTHING`` matches all (an empty one).
Parsing errors come back as ``SelectorError`` with apimachinery's text.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

Obj = dict[str, Any]
Labels = Mapping[str, str]

IN, NOT_IN, EXISTS, DOES_NOT_EXIST, GT, LT = (
    "In",
    "NotIn",
    "Exists",
    "DoesNotExist",
    "Gt",
    "Lt",
)
_SET_OPS = (IN, NOT_IN)
_PRESENCE_OPS = (EXISTS, DOES_NOT_EXIST)


class SelectorError(ValueError):
    """A selector that cannot be parsed; ``str`` is apimachinery's message."""


class Requirement:
    """One ``key op values`` requirement (``labels.Requirement``)."""

    __slots__ = ("key", "op", "values", "number", "pair")

    def __init__(self, key: str, op: str, values: tuple[str, ...] = ()) -> None:
        _check(op, values)
        self.key, self.op = key, op
        self.values = frozenset(values)
        self.number = int(values[0]) if op in (GT, LT) else 0
        # (key, value) when only that one label value satisfies this.
        self.pair = (key, values[0]) if op == IN and len(self.values) == 1 else None

    def matches(self, labels: Labels) -> bool:
        op, value = self.op, labels.get(self.key)
        if op == IN:
            return value in self.values
        if op == NOT_IN:
            return value not in self.values
        if op == EXISTS:
            return value is not None
        if op == DOES_NOT_EXIST:
            return value is None
        return _compare(value, op, self.number)

    def equality(self) -> tuple[str, str] | None:
        """(key, value) when only that one label value satisfies this."""
        return self.pair


class Selector:
    """Requirements ANDed; ``nothing`` matches no labels at all."""

    __slots__ = ("requirements", "nothing", "key", "pair")

    def __init__(
        self, requirements: tuple[Requirement, ...] = (), nothing: bool = False
    ) -> None:
        self.requirements = requirements
        self.nothing = nothing
        # A hashable identity: equal selectors share index entries.
        self.key = (
            ("nothing",)
            if nothing
            else tuple((r.key, r.op, tuple(sorted(r.values))) for r in requirements)
        )
        self.pair = next((r.pair for r in requirements if r.pair), None)

    @property
    def empty(self) -> bool:
        """labels.Selector.Empty(): selects everything."""
        return not self.nothing and not self.requirements

    def matches(self, labels: Labels) -> bool:
        if self.nothing:
            return False
        for requirement in self.requirements:
            if not requirement.matches(labels):
                return False
        return True

    def equality(self) -> tuple[str, str] | None:
        """A (key, value) every matching set of labels must carry, if any:
        callers use it to look at fewer pods."""
        return self.pair

    def add(self, *requirements: Requirement) -> Selector:
        return Selector((*self.requirements, *requirements), self.nothing)


NOTHING = Selector(nothing=True)
EVERYTHING = Selector()


def from_set(labels: Labels) -> Selector:
    """labels.SelectorFromSet: each key must equal its value."""
    return Selector(tuple(Requirement(k, IN, (v,)) for k, v in sorted(labels.items())))


def label_selector(selector: Obj | None) -> Selector:
    """metav1.LabelSelectorAsSelector: None selects nothing, {} everything."""
    if selector is None:
        return NOTHING
    match = selector.get("matchLabels") or {}
    requirements = [Requirement(k, IN, (str(v),)) for k, v in match.items()]
    for expression in selector.get("matchExpressions") or ():
        requirements.append(_expression(expression, label_ops=_SET_OPS + _PRESENCE_OPS))
    if not requirements:
        return EVERYTHING
    return Selector(tuple(sorted(requirements, key=lambda r: (r.key, r.op))))


def node_selector_requirements(expressions: list[Obj]) -> Selector:
    """nodeSelectorRequirementsAsSelector: In, NotIn, Exists, DoesNotExist,
    Gt and Lt over node labels."""
    return Selector(
        tuple(
            _expression(e, label_ops=_SET_OPS + _PRESENCE_OPS + (GT, LT))
            for e in expressions
        )
    )


def _expression(expression: Obj, label_ops: tuple[str, ...]) -> Requirement:
    op = expression.get("operator", "")
    if op not in label_ops:
        raise SelectorError(f'"{op}" is not a valid label selector operator')
    values = tuple(str(v) for v in expression.get("values") or ())
    return Requirement(str(expression.get("key", "")), op, values)


def _check(op: str, values: tuple[str, ...]) -> None:
    """NewRequirement's value rules."""
    if op in _SET_OPS and not values:
        raise SelectorError("for 'in', 'notin' operators, values set can't be empty")
    if op in _PRESENCE_OPS and values:
        raise SelectorError("values set must be empty for exists and does not exist")
    if op in (GT, LT) and len(values) != 1:
        raise SelectorError("for 'Gt', 'Lt' operators, exactly one value is required")
    if op in (GT, LT) and not _is_int(values[0]):
        raise SelectorError("for 'Gt', 'Lt' operators, the value must be an integer")


def _compare(value: str | None, op: str, number: int) -> bool:
    if value is None or not _is_int(value):
        return False
    return int(value) > number if op == GT else int(value) < number


def _is_int(text: str) -> bool:
    body = text[1:] if text[:1] in "+-" else text
    return body.isdigit() and body.isascii()
