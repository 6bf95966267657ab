"""``test`` / ``[``: the file, string and integer tests scripts use."""

from __future__ import annotations

from cluster.node.process import Proc

_FILE_TESTS = ("-e", "-f", "-d", "-s", "-r", "-w", "-x")
_INT_TESTS = {
    "-eq": int.__eq__,
    "-ne": int.__ne__,
    "-lt": int.__lt__,
    "-le": int.__le__,
    "-gt": int.__gt__,
    "-ge": int.__ge__,
}


def test(proc: Proc, argv: list[str]) -> int:
    args = argv[1:]
    if argv[0] == "[":
        if not args or args[-1] != "]":
            proc.err("sh: missing ]\n")
            return 2
        args = args[:-1]
    try:
        return 0 if _evaluate(proc, args) else 1
    except ValueError as err:
        proc.err(f"sh: {err}\n")
        return 2


def _evaluate(proc: Proc, args: list[str]) -> bool:
    if not args:
        return False
    if args[0] == "!":
        return not _evaluate(proc, args[1:])
    if len(args) == 1:
        return args[0] != ""
    if len(args) == 2:
        return _unary(proc, args[0], args[1])
    if len(args) == 3:
        return _binary(args[0], args[1], args[2])
    raise ValueError("syntax error: unexpected argument")


def _unary(proc: Proc, op: str, value: str) -> bool:
    if op == "-z":
        return value == ""
    if op == "-n":
        return value != ""
    if op in _FILE_TESTS:
        return _file_test(proc, op, value)
    raise ValueError(f"{op}: unknown operand")


def _file_test(proc: Proc, op: str, path: str) -> bool:
    fs = proc.box.fs
    if op == "-d":
        return fs.is_dir(path)
    if op == "-f":
        return fs.exists(path) and not fs.is_dir(path)
    if op == "-s":
        return fs.exists(path) and not fs.is_dir(path) and fs.read(path) != ""
    return fs.exists(path)


def _binary(left: str, op: str, right: str) -> bool:
    if op in ("=", "=="):
        return left == right
    if op == "!=":
        return left != right
    if op in _INT_TESTS:
        try:
            return bool(_INT_TESTS[op](int(left), int(right)))
        except ValueError:
            bad = left if not left.lstrip("-").isdigit() else right
            raise ValueError(f"bad number: {bad}") from None
    raise ValueError(f"{op}: unknown operand")
