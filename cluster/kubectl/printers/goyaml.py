"""YAML exactly as ``kubectl -o yaml`` writes it.

kubectl marshals an object to JSON and converts that to YAML with go-yaml v2
(``sigs.k8s.io/yaml`` -> ``go.yaml.in/yaml/v2`` v2.4.3), so the output is
go-yaml's: map keys in go-yaml's "natural" order, sequences not indented under
their key, strings double-quoted when they would read back as another type
(``"2026-01-05T09:00:03Z"``, ``"123"``, ``""``, ``"yes"``), literal blocks for
strings with newlines, and long plain or single-quoted strings folded at 80
columns.

PyYAML's emitter is a port of the same libyaml emitter, so we reuse it and
replace the two places where PyYAML and go-yaml decide differently: which
strings must be quoted (go-yaml's ``resolve``) and which scalar style wins
(libyaml's ``yaml_emitter_select_scalar_style``).
"""

from __future__ import annotations

import functools
import re
from datetime import datetime
from typing import Any

import yaml
from yaml.emitter import Emitter
from yaml.representer import SafeRepresenter
from yaml.resolver import BaseResolver
from yaml.serializer import Serializer

from cluster.kubectl.printers.gojson import go_numbers

_STR = "tag:yaml.org,2002:str"

# go-yaml's resolveMap: these plain scalars read back as bools, nulls, floats.
_SPECIAL = frozenset(
    "y Y yes Yes YES true True TRUE on On ON n N no No NO false False FALSE "
    "off Off OFF ~ null Null NULL .nan .NaN .NAN .inf .Inf .INF +.inf +.Inf "
    "+.INF -.inf -.Inf -.INF".split()
) | {""}
# resolveTable: only scalars starting with one of these are resolved at all.
_HINTED = set("+-0123456789yYnNtTfFoO~.")
_YAML_FLOAT = re.compile(r"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")
_DOT_FLOAT = re.compile(r"^\.[0-9]+([eE][-+]?[0-9]+)?$")
_BASE60 = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$")
_TIMESTAMP = re.compile(
    r"^(\d{4})-(\d{1,2})-(\d{1,2})"
    r"(?:[Tt](\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})"
    r"| (\d{1,2}):(\d{1,2}):(\d{1,2})(?:\.\d+)?)?$"
)
_DIGITS = {2: "01", 8: "01234567", 10: "0123456789", 16: "0123456789abcdefABCDEF"}


def dump(obj: Any) -> str:
    """The YAML kubectl prints for ``obj`` (ends with a newline)."""
    return yaml.dump(
        go_numbers(obj),
        Dumper=_GoDumper,
        default_flow_style=False,
        allow_unicode=True,
        sort_keys=False,
        width=80,
    )


def needs_quotes(text: str) -> bool:
    """True if go-yaml would double-quote ``text`` so it reads back as a string."""
    if not text or _BASE60.match(text):
        return True
    if text[0] not in _HINTED:
        return False
    if text in _SPECIAL:
        return True
    if text[0] == ".":
        return bool(_DOT_FLOAT.match(text))
    if text[0] in "yYnNtTfFoO~":
        return False
    return _is_timestamp(text) or _is_number(text.replace("_", ""))


def _is_number(plain: str) -> bool:
    if _go_int(plain) or _YAML_FLOAT.match(plain):
        return True
    if plain.startswith("-0b"):
        return _in_base(plain[3:], 2)
    return False


def _go_int(plain: str) -> bool:
    """strconv.ParseInt(s, 0, 64), falling back to ParseUint, succeeds."""
    sign, body = (plain[0], plain[1:]) if plain[:1] in "+-" else ("", plain)
    base, digits = 10, body
    prefix = body[:2].lower()
    if prefix in ("0x", "0o", "0b"):
        base, digits = {"0x": 16, "0o": 8, "0b": 2}[prefix], body[2:]
    elif body.startswith("0") and len(body) > 1:
        base, digits = 8, body[1:]
    if not _in_base(digits, base):
        return False
    value = int(digits, base)
    if sign == "-":
        return value <= 2**63
    return value < 2**64 if sign == "" else value < 2**63


def _in_base(digits: str, base: int) -> bool:
    return bool(digits) and all(c in _DIGITS[base] for c in digits)


def _is_timestamp(text: str) -> bool:
    match = _TIMESTAMP.match(text)
    if not match:
        return False
    year, month, day = (int(g) for g in match.groups()[:3])
    hour, minute, second = [int(g) for g in match.groups()[3:] if g is not None] or [
        0,
        0,
        0,
    ]
    try:
        datetime(year, month, day, hour, minute, second)
    except ValueError:
        return False
    return True


def _go_key_less(a: str, b: str) -> bool:
    """go-yaml's keyList.Less for string keys: letters after other runes,
    runs of digits compared as numbers."""
    for i in range(min(len(a), len(b))):
        if a[i] == b[i]:
            continue
        al, bl = a[i].isalpha(), b[i].isalpha()
        if al and bl:
            return a[i] < b[i]
        if al or bl:
            return bl
        return _digit_run_less(a, b, i)
    return len(a) < len(b)


def _digit_run_less(a: str, b: str, i: int) -> bool:
    an = bn = 0
    if a[i] == "0" or b[i] == "0":
        j = i - 1
        while j >= 0 and a[j].isdecimal():
            if a[j] != "0":
                an = bn = 1
                break
            j -= 1
    ai, an = _read_number(a, i, an)
    bi, bn = _read_number(b, i, bn)
    if an != bn:
        return an < bn
    if ai != bi:
        return ai < bi
    return a[i] < b[i]


def _read_number(text: str, start: int, acc: int) -> tuple[int, int]:
    end = start
    while end < len(text) and text[end].isdecimal():
        acc = acc * 10 + ord(text[end]) - ord("0")
        end += 1
    return end, acc


def _key_order(a: str, b: str) -> int:
    return -1 if _go_key_less(a, b) else (1 if _go_key_less(b, a) else 0)


def sorted_keys(mapping: dict[str, Any]) -> list[str]:
    return sorted(mapping, key=functools.cmp_to_key(_key_order))


class _GoEmitter(Emitter):
    def choose_scalar_style(self) -> str:
        """libyaml's yaml_emitter_select_scalar_style."""
        event: Any = self.event  # a ScalarEvent whenever a style is chosen
        analysis: Any = getattr(self, "analysis", None)
        if analysis is None:
            analysis = self.analysis = self.analyze_scalar(event.value)
        style = event.style or ""
        if self.canonical or (self.simple_key_context and analysis.multiline):
            style = '"'
        if style == "":
            plain_ok = (
                analysis.allow_flow_plain
                if self.flow_level
                else analysis.allow_block_plain
            )
            if not plain_ok or (
                analysis.empty and (self.flow_level or self.simple_key_context)
            ):
                style = "'"
        if style == "'" and not analysis.allow_single_quoted:
            style = '"'
        if style in ("|", ">") and (
            not analysis.allow_block or self.flow_level or self.simple_key_context
        ):
            style = '"'
        return style


class _GoRepresenter(SafeRepresenter):
    def ignore_aliases(self, data: Any) -> bool:
        # go-yaml never writes anchors: equal values are written out again.
        return True


def _represent_str(dumper: _GoRepresenter, text: str) -> yaml.Node:
    style = "|" if "\n" in text else ('"' if needs_quotes(text) else None)
    return dumper.represent_scalar(_STR, text, style=style)


def _represent_plain(dumper: _GoRepresenter, value: Any) -> yaml.Node:
    if value is None:
        text = "null"
    elif isinstance(value, bool):
        text = "true" if value else "false"
    else:
        text = _go_number(value)
    return dumper.represent_scalar(_STR, text)


def _go_number(value: int | float) -> str:
    if isinstance(value, int):
        return str(value)
    return repr(value).replace("inf", ".inf").replace("nan", ".nan")


def _represent_dict(dumper: _GoRepresenter, data: dict[str, Any]) -> yaml.Node:
    ordered = {key: data[key] for key in sorted_keys(data)}
    return dumper.represent_mapping("tag:yaml.org,2002:map", ordered)


class _GoDumper(_GoEmitter, Serializer, _GoRepresenter, BaseResolver):
    """Emitter, serializer and representer for go-yaml's output.

    BaseResolver has no implicit resolvers, so every scalar is emitted
    untagged and our representers alone decide the quoting.
    """

    def __init__(
        self,
        stream: Any,
        default_style: Any = None,
        default_flow_style: Any = False,
        canonical: Any = None,
        indent: Any = None,
        width: Any = None,
        allow_unicode: Any = None,
        line_break: Any = None,
        encoding: Any = None,
        explicit_start: Any = None,
        explicit_end: Any = None,
        version: Any = None,
        tags: Any = None,
        sort_keys: bool = False,
    ) -> None:
        # PyYAML's stubs do not type these initialisers; they are SafeDumper's.
        emitter: Any = Emitter
        emitter.__init__(
            self,
            stream,
            canonical=canonical,
            indent=indent,
            width=width,
            allow_unicode=allow_unicode,
            line_break=line_break,
        )
        serializer: Any = Serializer
        serializer.__init__(
            self,
            encoding=encoding,
            explicit_start=explicit_start,
            explicit_end=explicit_end,
            version=version,
            tags=tags,
        )
        representer: Any = SafeRepresenter
        representer.__init__(
            self,
            default_style=default_style,
            default_flow_style=default_flow_style,
            sort_keys=False,
        )
        BaseResolver.__init__(self)


_GoDumper.add_representer(str, _represent_str)
_GoDumper.add_representer(bool, _represent_plain)
_GoDumper.add_representer(int, _represent_plain)
_GoDumper.add_representer(float, _represent_plain)
_GoDumper.add_representer(type(None), _represent_plain)
_GoDumper.add_representer(dict, _represent_dict)
