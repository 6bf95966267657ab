"""``kubectl explain``'s plaintext output, as kubectl v1.35 renders its
OpenAPI v3 template (``pkg/explain/v2/templates/plaintext.tmpl``).

A node is a type expression (``Pod``, ``[]Container``, ``map[string]string``,
``string``) with the description its field gives it. Fields are listed in
name order, as Go templates range over maps; descriptions are word-wrapped
with go-wordwrap and indented; the field list separates name and type with
a literal tab (explain writes straight to the terminal, no tabwriter).
"""

from __future__ import annotations

from dataclasses import dataclass

from cluster.api.schema.docs import FieldDoc, Model, models

PRIMITIVES = ("string", "integer", "boolean", "number", "Object")


@dataclass(frozen=True)
class Node:
    type: str
    description: str = ""


class FieldMissing(Exception):
    """The field path leads nowhere (the template's ``throw``)."""


class NotDocumented(Exception):
    """The path enters a type whose fields this cluster does not document."""


def render(root: str, path: list[str], recursive: bool) -> str:
    """The text after the KIND/VERSION header, or FieldMissing."""
    text = _output(Node(root), path, recursive)
    if not text:
        raise FieldMissing(path[-1] if path else root)
    return text


def _output(node: Node, path: list[str], recursive: bool) -> str:
    if not path:
        return _describe(node, recursive)
    inner, model = _unwrap(node.type)
    if model is None and inner not in PRIMITIVES:
        raise NotDocumented(inner)
    field = model.field(path[0]) if model else None
    if field is None:
        return ""
    sub = Node(field.type, field.description)
    head = _field_line(field) if len(path) == 1 else ""
    rest = _output(sub, path[1:], recursive)
    return head + rest if rest or len(path) == 1 else ""


def _field_line(field: FieldDoc) -> str:
    enum = "".join(f"\n    {_enum_value(v)}" for v in field.enum)
    return (
        f"FIELD: {field.name} <{type_guess(field.type)}>\n"
        + (f"ENUM:{enum}" if enum else "")
        + "\n\n"
    )


def _describe(node: Node, recursive: bool) -> str:
    text = description(node) or "<empty>"
    out = "DESCRIPTION:\n" + indent(4, wrap(76, text)) + "\n"
    fields = field_list(node.type, 1, recursive, frozenset())
    return out + ("FIELDS:\n" + fields if fields else "")


def description(node: Node) -> str:
    """The field's description, then its type's, each ending a line."""
    text = node.description + "\n" if node.description else ""
    inner, model = _unwrap(node.type)
    if model is not None and model.description:
        text += model.description + "\n"
    return text


def field_list(type_: str, level: int, recursive: bool, seen: frozenset[str]) -> str:
    inner, model = _unwrap(type_)
    if model is None or inner in seen:
        return ""
    out = []
    for field in sorted(model.fields, key=lambda f: f.name):
        out.append(field_detail(field, level, recursive))
        if recursive:
            out.append(field_list(field.type, level + 1, True, seen | {inner}))
    return "".join(out)


def field_detail(field: FieldDoc, level: int, short: bool) -> str:
    pad = level * 2
    line = indent(pad, field.name) + f"\t<{type_guess(field.type)}>"
    line += " -required-" if field.required else ""
    line += _short_enum(field.enum, pad) + "\n"
    if short:
        return line
    text = wrap(78 - pad, field.description or "<no description>")
    return line + indent(pad + 2, text) + "\n\n"


def _short_enum(values: tuple[str, ...], pad: int) -> str:
    if not values:
        return ""
    shown = ", ".join(_enum_value(v) for v in values[:4])
    return "\n" + " " * pad + "enum: " + shown + (", ...." if len(values) > 4 else "")


def _enum_value(value: str) -> str:
    return '""' if value == "" else value


def type_guess(type_: str) -> str:
    """``typeGuess``: ``[]Container``, ``map[string]string``, ``Object``..."""
    if type_.startswith("[]"):
        return "[]" + type_guess(type_[2:])
    if type_.startswith("map[string]"):
        return "map[string]" + type_guess(type_[len("map[string]") :])
    model = models().get(type_)
    if model is not None and model.primitive:
        return model.primitive
    return type_


def _unwrap(type_: str) -> tuple[str, Model | None]:
    """Through arrays and maps to the named model, if any."""
    while type_.startswith(("[]", "map[string]")):
        type_ = type_[2:] if type_.startswith("[]") else type_[len("map[string]") :]
    return type_, models().get(type_)


def indent(amount: int, text: str) -> str:
    pad = " " * amount
    return pad + text.replace("\n", "\n" + pad)


def wrap(limit: int, text: str) -> str:
    """``wordwrap.WrapString`` (mitchellh/go-wordwrap v1.0.1)."""
    out: list[str] = []
    current, word, space = 0, "", ""
    for char in text:
        if char == "\n":
            if not word:
                if current + len(space) <= limit:
                    out.append(space)
            else:
                out.append(space + word)
            out.append("\n")
            current, word, space = 0, "", ""
        elif char.isspace() and char != "\xa0":
            if not space or word:
                current += len(space) + len(word)
                out.append(space + word)
                word, space = "", ""
            space += char
        else:
            word += char
            if current + len(word) + len(space) > limit and len(word) < limit:
                out.append("\n")
                current, space = 0, ""
    if not word:
        if current + len(space) <= limit:
            out.append(space)
    else:
        out.append(space + word)
    return "".join(out)
