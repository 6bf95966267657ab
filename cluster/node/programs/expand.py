"""Word expansion: ``$VAR``, ``${VAR:-x}``, ``$((i+1))``, ``$(date)``, field
splitting of unquoted results, and the kubelet's own ``$(VAR)`` references in
``command``/``args``."""

from __future__ import annotations

import ast
import operator
import re
from collections.abc import Callable

from cluster.node.programs.syntax import Word, matching

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_SPLIT = re.compile(r"[ \t\n]+")
_ARITH_OPS: dict[type, Callable[..., int]] = {
    ast.Add: operator.add,
    ast.Sub: operator.sub,
    ast.Mult: operator.mul,
    ast.FloorDiv: operator.floordiv,
    ast.Mod: operator.mod,
    ast.USub: operator.neg,
    ast.UAdd: operator.pos,
}
_COMPARE_OPS: dict[type, Callable[[int, int], bool]] = {
    ast.Lt: operator.lt,
    ast.LtE: operator.le,
    ast.Gt: operator.gt,
    ast.GtE: operator.ge,
    ast.Eq: operator.eq,
    ast.NotEq: operator.ne,
}


class Expander:
    """Expands words against ``lookup`` (variables and specials such as
    ``?``); ``substitute(script)`` runs ``$(...)`` and returns its output."""

    def __init__(
        self, lookup: Callable[[str], str | None], substitute: Callable[[str], str]
    ) -> None:
        self.lookup = lookup
        self.substitute = substitute

    def fields(self, word: Word) -> list[str]:
        """The argument words ``word`` becomes (split, empties dropped)."""
        fields = [""]
        for part in word.parts:
            if part.kind == "lit":
                fields[-1] += part.text
            elif part.kind == "dq":
                fields[-1] += self.text(part.text, dq=True)
            else:
                pieces = _SPLIT.split(self.text(part.text))
                fields[-1] += pieces[0]
                fields.extend(pieces[1:])
        if word.quoted:
            return fields
        return [f for f in fields if f]

    def one(self, word: Word) -> str:
        """``word`` as one string: assignments and redirection targets."""
        return "".join(
            part.text if part.kind == "lit" else self.text(part.text, part.kind == "dq")
            for part in word.parts
        )

    def text(self, text: str, dq: bool = False) -> str:
        out, i = [], 0
        while i < len(text):
            if dq and text[i] == "\\" and text[i + 1 : i + 2] in ('"', "\\", "$"):
                out.append(text[i + 1])
                i += 2
            elif text[i] == "$":
                value, i = self._dollar(text, i)
                out.append(value)
            else:
                out.append(text[i])
                i += 1
        return "".join(out)

    def _dollar(self, text: str, i: int) -> tuple[str, int]:
        rest = text[i:]
        if rest.startswith("$(("):
            end = matching(text, i + 3, "(", "))")
            inner = text[i + 3 : end]
            return str(arithmetic(self.text(inner), self.lookup)), end + 2
        if rest.startswith("$("):
            end = matching(text, i + 2, "(", ")")
            return self.substitute(text[i + 2 : end]).rstrip("\n"), end + 1
        if rest.startswith("${"):
            end = text.index("}", i)
            return self._braced(text[i + 2 : end]), end + 1
        match = _NAME.match(text, i + 1)
        if match:
            return self.lookup(match.group()) or "", match.end()
        if len(rest) > 1 and (rest[1] in "?$#!@*-" or rest[1].isdigit()):
            return self.lookup(rest[1]) or "", i + 2
        return "$", i + 1

    def _braced(self, inner: str) -> str:
        for op in (":-", "-", ":=", "="):
            name, found, default = inner.partition(op)
            if found and _NAME.fullmatch(name):
                value = self.lookup(name)
                empty = value is None or (op.startswith(":") and value == "")
                return self.text(default) if empty else str(value)
        return self.lookup(inner) or ""


def arithmetic(expr: str, lookup: Callable[[str], str | None]) -> int:
    """``$((...))``: integers, + - * / %, comparisons, variables."""
    try:
        tree = ast.parse(expr.strip().replace("/", "//"), mode="eval")
        return _eval(tree.body, lookup)
    except (SyntaxError, ValueError, ZeroDivisionError, KeyError):
        raise ArithmeticError(expr) from None


def _eval(node: ast.AST, lookup: Callable[[str], str | None]) -> int:
    if isinstance(node, ast.Constant) and isinstance(node.value, int):
        return node.value
    if isinstance(node, ast.Name):
        return int(lookup(node.id) or 0)
    if isinstance(node, ast.BinOp):
        return _ARITH_OPS[type(node.op)](
            _eval(node.left, lookup), _eval(node.right, lookup)
        )
    if isinstance(node, ast.UnaryOp):
        return _ARITH_OPS[type(node.op)](_eval(node.operand, lookup))
    if isinstance(node, ast.Compare) and len(node.ops) == 1:
        op = _COMPARE_OPS[type(node.ops[0])]
        return int(op(_eval(node.left, lookup), _eval(node.comparators[0], lookup)))
    raise ValueError(expr_text(node))


def expr_text(node: ast.AST) -> str:
    return ast.unparse(node)


_KUBE_VAR = re.compile(r"\$\$|\$\(([A-Za-z_][A-Za-z0-9_.-]*)\)")


def kubelet_expand(value: str, env: dict[str, str]) -> str:
    """``$(VAR_NAME)`` in command/args, as the kubelet expands it: unknown
    references stay as written and ``$$`` escapes a dollar."""

    def replace(match: re.Match[str]) -> str:
        if match.group() == "$$":
            return "$"
        name = match.group(1)
        return env[name] if name in env else match.group()

    return _KUBE_VAR.sub(replace, value)
