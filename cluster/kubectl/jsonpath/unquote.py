"""``UnquoteExtend``: Go's ``strconv.Unquote`` that also takes single quotes."""

from __future__ import annotations

_SIMPLE = {
    "a": "\a",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
    "v": "\v",
    "\\": "\\",
}
_HEX_LENGTHS = {"x": 2, "u": 4, "U": 8}


def unquote_extend(text: str) -> str:
    """The string a quoted literal stands for; ValueError ``invalid syntax``."""
    if len(text) < 2 or text[0] != text[-1] or text[0] not in "\"'":
        raise ValueError("invalid syntax")
    quote, body = text[0], text[1:-1]
    out: list[str] = []
    i = 0
    while i < len(body):
        char, i = _unquote_char(body, i, quote)
        out.append(char)
    return "".join(out)


def _unquote_char(body: str, i: int, quote: str) -> tuple[str, int]:
    char = body[i]
    if char == quote:
        raise ValueError("invalid syntax")
    if char != "\\":
        return char, i + 1
    if i + 1 >= len(body):
        raise ValueError("invalid syntax")
    code = body[i + 1]
    if code in _SIMPLE:
        return _SIMPLE[code], i + 2
    if code in "\"'":
        if code != quote:
            raise ValueError("invalid syntax")
        return code, i + 2
    if code in _HEX_LENGTHS:
        return _hex(body, i + 2, _HEX_LENGTHS[code])
    if code in "01234567":
        return _hex(body, i + 1, 3, base=8)
    raise ValueError("invalid syntax")


def _hex(body: str, start: int, length: int, base: int = 16) -> tuple[str, int]:
    digits = body[start : start + length]
    try:
        if len(digits) != length:
            raise ValueError
        return chr(int(digits, base)), start + length
    except ValueError:
        raise ValueError("invalid syntax") from None
