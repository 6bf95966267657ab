"""Redirections: ``> file``, ``>> file``, ``< file``, ``2>&1``, ``2> file``."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from cluster.node.fs import ENOENT, FsError
from cluster.node.process import Proc
from cluster.node.programs.syntax import Redirect

if TYPE_CHECKING:
    from cluster.node.programs.shell import Shell


def redirected(shell: Shell, redirects: list[Redirect], proc: Proc) -> Proc | None:
    """``proc`` with its streams redirected, or None (after the shell's
    message) when a file cannot be opened."""
    for redirect in redirects:
        if redirect.op == "2>&1":
            proc = proc.child(err=proc.out)
            continue
        path = shell.expander.one(redirect.target) if redirect.target else ""
        try:
            proc = _apply(proc, redirect.op, path)
        except FsError as err:
            proc.err(_cannot(proc, redirect.op, path, str(err)))
            return None
    return proc


def _apply(proc: Proc, op: str, path: str) -> Proc:
    fs = proc.box.fs
    if op == "<":
        return proc.child(stdin=fs.read(path))
    if path == "/dev/null":
        sink: Callable[[str], None] = _discard
    else:
        fs.write(path, "", append=op != ">" and op != "&>" and op != "2>")
        sink = _appender(proc, path)
    if op == "2>":
        return proc.child(err=sink)
    if op == "&>":
        return proc.child(out=sink, err=sink)
    return proc.child(out=sink)


def _appender(proc: Proc, path: str) -> Callable[[str], None]:
    return lambda text: proc.box.fs.write(path, text, append=True)


def _discard(text: str) -> None:
    return None


def _cannot(proc: Proc, op: str, path: str, why: str) -> str:
    if op == "<":
        return f"sh: can't open '{path}': {why}\n"
    reason = "nonexistent directory" if why == ENOENT else why
    return f"sh: can't create {path}: {reason}\n"
