"""The parser of kubectl's JSONPath templates, as client-go's ``parser.go``.

Text outside ``{...}`` is printed as is; inside, ``.field``, ``..``, ``[*]``,
``[0]``, ``[1:3]``, ``['a','b']``, ``[?(@.x=="y")]``, quoted strings,
numbers, ``true``/``false`` and the ``range``/``end`` keywords. Errors carry
client-go's wording (``unclosed action``, ``unterminated array`` ...).
"""

from __future__ import annotations

import re

from cluster.kubectl.jsonpath.nodes import (
    Array,
    Field,
    Filter,
    Identifier,
    ListNode,
    Literal,
    Param,
    Recursive,
    Text,
    Union,
    Wildcard,
)
from cluster.kubectl.jsonpath.unquote import unquote_extend

EOF_CHAR = ""
_DICT_KEY = re.compile(r"^'([^']*)'$")
_SLICE = re.compile(r"^(-?[\d]*)(:-?[\d]*)?(:-?[\d]*)?$")
_FILTER = re.compile(r"^([^!<>=]+)([!<>=]+)(.+?)$")
_TERMINATORS = set(" \t\r\n.,[]$@{}") | {EOF_CHAR}


class ParseError(Exception):
    """A template client-go's parser rejects; ``str`` is its message."""


def parse(text: str) -> ListNode:
    """The template's root list: Text nodes and one ListNode per action."""
    return _Parser(text).run()


def parse_action(text: str) -> ListNode:
    """``parseAction``: the nodes of ``{text}``."""
    root = parse("{" + text + "}")
    first = root.nodes[0]
    assert isinstance(first, ListNode)
    return first


class _Parser:
    def __init__(self, text: str) -> None:
        self.input = text
        self.pos = 0
        self.start = 0
        self.root = ListNode()

    def run(self) -> ListNode:
        cur: ListNode | None = self.root
        while cur is not None:
            cur = self._text(self.root) if cur is self.root else self._action(cur)
        return self.root

    # -- helpers ---------------------------------------------------------------

    def _next(self) -> str:
        if self.pos >= len(self.input):
            return EOF_CHAR
        self.pos += 1
        return self.input[self.pos - 1]

    def _backup(self) -> None:
        self.pos -= 1

    def _peek(self) -> str:
        return self.input[self.pos] if self.pos < len(self.input) else EOF_CHAR

    def _consume(self) -> str:
        value = self.input[self.start : self.pos]
        self.start = self.pos
        return value

    def _rest(self) -> str:
        return self.input[self.pos :]

    # -- outside actions -------------------------------------------------------

    def _text(self, root: ListNode) -> ListNode | None:
        """Scan plain text; return the new action's list, or None at the end."""
        while not self._rest().startswith("{"):
            if self._next() == EOF_CHAR:
                if self.pos > self.start:
                    root.nodes.append(Text(self._consume()))
                return None
        if self.pos > self.start:
            root.nodes.append(Text(self._consume()))
        self.pos += 1
        self._consume()
        action = ListNode()
        root.nodes.append(action)
        return action

    # -- inside actions: each step returns where to continue -------------------

    def _action(self, cur: ListNode) -> ListNode:
        rest = self._rest()
        if rest.startswith("}"):
            self.pos += 1
            self._consume()
            return self.root
        if rest.startswith("[?("):
            return self._filter(cur)
        if rest.startswith(".."):
            return self._recursive(cur)
        r = self._next()
        if r == EOF_CHAR or r in "\r\n":
            raise ParseError("unclosed action")
        if r in " @$":
            self._consume()
        elif r == "[":
            self._array(cur)
        elif r in "\"'":
            self._quote(cur, r)
        elif r == ".":
            self._field(cur)
        elif r in "+-" or r.isdigit():
            self._backup()
            self._number(cur)
        elif r == "_" or r.isalnum():
            self._backup()
            self._identifier(cur)
        else:
            raise ParseError(f"unrecognized character in action: {_go_rune(r)}")
        return cur

    def _identifier(self, cur: ListNode) -> None:
        while True:
            r = self._next()
            if r in _TERMINATORS:
                if r != EOF_CHAR:
                    self._backup()
                break
        value = self._consume()
        if value in ("true", "false"):
            cur.nodes.append(Literal(value == "true"))
        else:
            cur.nodes.append(Identifier(value))

    def _recursive(self, cur: ListNode) -> ListNode:
        if cur.nodes and isinstance(cur.nodes[-1], Recursive):
            raise ParseError("invalid multiple recursive descent")
        self.pos += 2
        self._consume()
        cur.nodes.append(Recursive())
        peek = self._peek()
        if peek and (peek == "_" or peek.isalnum()):
            self._field(cur)
        return cur

    def _number(self, cur: ListNode) -> None:
        if self._peek() in ("+", "-"):
            self._next()
        while True:
            r = self._next()
            if r != "." and not r.isdigit():
                if r != EOF_CHAR:
                    self._backup()
                break
        value = self._consume()
        cur.nodes.append(Literal(_number(value)))

    def _array(self, cur: ListNode) -> None:
        while True:
            r = self._next()
            if r in (EOF_CHAR, "\n"):
                raise ParseError("unterminated array")
            if r == "]":
                break
        text = self._consume()[1:-1]
        cur.nodes.extend(_subscript("*" if text == "*" else text))

    def _filter(self, cur: ListNode) -> ListNode:
        self.pos += 3
        self._consume()
        begin = end = False
        pair = ""
        while True:
            r = self._next()
            if r in (EOF_CHAR, "\n"):
                raise ParseError("unterminated filter")
            if r in "\"'":
                if not begin:
                    begin, pair = True, r
                    continue
                if self.input[self.pos - 2] != "\\" and r == pair:
                    end = True
            elif r == ")" and begin == end:
                break
        if self._next() != "]":
            raise ParseError("unclosed array expect ]")
        text = self._consume()[:-2]
        cur.nodes.append(_filter_node(text))
        return cur

    def _quote(self, cur: ListNode, end: str) -> None:
        while True:
            r = self._next()
            if r in (EOF_CHAR, "\n"):
                raise ParseError("unterminated quoted string")
            if r == end and self.input[self.pos - 2] != "\\":
                break
        value = self._consume()
        try:
            cur.nodes.append(Text(unquote_extend(value)))
        except ValueError as exc:
            raise ParseError(f"unquote string {value} error {exc}") from None

    def _field(self, cur: ListNode) -> None:
        self._consume()
        while self._advance():
            pass
        value = self._consume()
        cur.nodes.append(Wildcard() if value == "*" else Field(value.replace("\\", "")))

    def _advance(self) -> bool:
        r = self._next()
        if r == "\\":
            self._next()
        elif r in _TERMINATORS:
            if r != EOF_CHAR:
                self._backup()
            return False
        return True


def _number(value: str) -> int | float:
    if re.fullmatch(r"[+-]?\d+", value):
        return int(value)
    try:
        return float(value)
    except ValueError:
        raise ParseError(f"cannot parse number {value}") from None


def _subscript(text: str) -> list[Array | Union | Field | Wildcard]:
    """The nodes of ``[text]``: a union, a quoted key, or a slice."""
    text = ":" if text == "*" else text
    parts = text.split(",")
    if len(parts) > 1:
        return [Union(tuple(parse_action(f"[{p.strip(' ')}]") for p in parts))]
    key = _DICT_KEY.match(text)
    if key:
        return list(parse_action(f".{key.group(1)}").nodes)  # type: ignore[arg-type]
    return [_slice(text)]


def _slice(text: str) -> Array:
    match = _SLICE.match(text)
    if match is None:
        raise ParseError(f"invalid array index {text}")
    groups = [g or "" for g in match.groups()]
    params: list[Param] = []
    for i, raw in enumerate(groups):
        value = raw[1:] if i > 0 and raw else raw
        if raw and value:
            params.append(Param(_index(value), known=True))
        elif raw:
            params.append(Param())
        elif i == 1:
            params.append(Param(params[0].value + 1, known=True, derived=True))
        else:
            params.append(Param())
    return Array((params[0], params[1], params[2]))


def _index(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise ParseError(f"array index {value} is not a number") from None


def _filter_node(text: str) -> Filter:
    match = _FILTER.match(text)
    if match is None:
        return Filter(parse_action(text), ListNode(), "exists")
    left, operator, right = match.groups()
    return Filter(parse_action(left), parse_action(right), operator)


def _go_rune(r: str) -> str:
    """Go's ``%#U``: ``U+0021 '!'``."""
    return f"U+{ord(r):04X} '{r}'"
