"""The parse tree of kubectl's JSONPath dialect (client-go ``util/jsonpath``)."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class ListNode:
    nodes: list[Node] = field(default_factory=list)


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class Field:
    name: str


@dataclass(frozen=True)
class Param:
    value: int = 0
    known: bool = False
    derived: bool = False  # ``[3]`` means ``[3:4]``


@dataclass(frozen=True)
class Array:
    params: tuple[Param, Param, Param]


@dataclass(frozen=True)
class Filter:
    left: ListNode
    right: ListNode
    operator: str  # ``==``, ``<`` ..., or ``exists``


@dataclass(frozen=True)
class Literal:
    """An int, float or bool constant (IntNode, FloatNode, BoolNode)."""

    value: int | float | bool


@dataclass(frozen=True)
class Wildcard:
    pass


@dataclass(frozen=True)
class Recursive:
    pass


@dataclass(frozen=True)
class Union:
    branches: tuple[ListNode, ...]


@dataclass(frozen=True)
class Identifier:
    name: str  # ``range`` or ``end``


Node = (
    ListNode
    | Text
    | Field
    | Array
    | Filter
    | Literal
    | Wildcard
    | Recursive
    | Union
    | Identifier
)
