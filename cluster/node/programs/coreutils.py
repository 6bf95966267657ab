"""The everyday utilities: busybox's applets and Debian's coreutils.

Both exist because their error messages differ and learners read them: in
busybox ``cat: can't open '/tmp/healthy': No such file or directory``, in
coreutils ``cat: /tmp/healthy: No such file or directory``.
"""

from __future__ import annotations

import math
import re

from cluster.node.fs import FsError
from cluster.node.process import FOREVER, Proc, Run, Sleep

_SUFFIXES = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def gnu(proc: Proc) -> bool:
    return getattr(proc.box.image, "shell", "ash") == "dash"


def sleep(proc: Proc, argv: list[str]) -> Run:
    proc.box.memory.use(proc.pid, 300 * 1024)
    if len(argv) < 2:
        proc.err(_usage(proc, "sleep", "sleep [N]..."))
        return 1
    total = 0.0
    for arg in argv[1:]:
        seconds = _duration(arg)
        if seconds is None:
            proc.err(f"sleep: invalid number '{arg}'\n")
            return 1
        total += seconds
    yield FOREVER if math.isinf(total) else Sleep(total)
    return 0


def _duration(arg: str) -> float | None:
    if arg in ("inf", "infinity"):
        return math.inf
    match = re.fullmatch(r"(\d+(?:\.\d*)?|\.\d+)([smhd]?)", arg)
    if not match:
        return None
    return float(match.group(1)) * _SUFFIXES.get(match.group(2) or "s", 1)


def echo(proc: Proc, argv: list[str]) -> Run:
    args, newline = argv[1:], True
    while args and args[0] in ("-n", "-e", "-ne", "-en"):
        newline = newline and "n" not in args[0]
        args = args[1:]
    proc.out(" ".join(args) + ("\n" if newline else ""))
    return 0
    yield


def printf(proc: Proc, argv: list[str]) -> Run:
    if len(argv) < 2:
        proc.err("printf: usage: printf format [arguments]\n")
        return 1
    fmt = argv[1].replace("\\n", "\n").replace("\\t", "\t")
    values = iter(argv[2:])
    text = re.sub(r"%[sd]", lambda m: next(values, ""), fmt).replace("%%", "%")
    proc.out(text)
    return 0
    yield


def cat(proc: Proc, argv: list[str]) -> Run:
    status = 0
    for path in argv[1:] or ["-"]:
        if path == "-":
            proc.out(proc.stdin)
            continue
        try:
            proc.out(proc.box.fs.read(path))
        except FsError as err:
            proc.err(_cannot_open(proc, "cat", path, str(err)))
            status = 1
    return status
    yield


def _cannot_open(proc: Proc, tool: str, path: str, why: str) -> str:
    if gnu(proc):
        return f"{tool}: {path}: {why}\n"
    return f"{tool}: can't open '{path}': {why}\n"


def touch(proc: Proc, argv: list[str]) -> Run:
    status = 0
    for path in [a for a in argv[1:] if not a.startswith("-")]:
        fs = proc.box.fs
        try:
            if not fs.exists(path):
                fs.write(path, "")
        except FsError as err:
            name = f"cannot touch '{path}'" if gnu(proc) else path
            proc.err(f"touch: {name}: {err}\n")
            status = 1
    return status
    yield


def rm(proc: Proc, argv: list[str]) -> Run:
    flags = "".join(a[1:] for a in argv[1:] if a.startswith("-"))
    status = 0
    for path in [a for a in argv[1:] if not a.startswith("-")]:
        try:
            proc.box.fs.remove(path, recursive="r" in flags or "R" in flags)
        except FsError as err:
            if "f" in flags and "No such" in str(err):
                continue
            verb = "cannot remove" if gnu(proc) else "can't remove"
            proc.err(f"rm: {verb} '{path}': {err}\n")
            status = 1
    return status
    yield


def mkdir(proc: Proc, argv: list[str]) -> Run:
    parents = "-p" in argv
    status = 0
    for path in [a for a in argv[1:] if not a.startswith("-")]:
        try:
            proc.box.fs.mkdir(path, parents)
        except FsError as err:
            proc.err(f"mkdir: can't create directory '{path}': {err}\n")
            status = 1
    return status
    yield


def ls(proc: Proc, argv: list[str]) -> Run:
    paths = [a for a in argv[1:] if not a.startswith("-")] or ["."]
    status = 0
    for path in paths:
        target = "/" if path == "." else path
        try:
            names = proc.box.fs.listdir(target)
        except FsError as err:
            if proc.box.fs.exists(target):
                proc.out(path + "\n")
                continue
            proc.err(f"ls: {path}: {err}\n")
            status = 1
            continue
        proc.out("".join(n + "\n" for n in names))
    return status
    yield


def date(proc: Proc, argv: list[str]) -> Run:
    now = proc.box.clock.wall()
    fmt = next((a[1:] for a in argv[1:] if a.startswith("+")), None)
    if fmt is not None:
        proc.out(now.strftime(fmt) + "\n")
    else:
        proc.out(f"{now:%a %b} {now.day:2d} {now:%H:%M:%S} UTC {now:%Y}\n")
    return 0
    yield


def hostname(proc: Proc, argv: list[str]) -> Run:
    proc.out(proc.box.hostname + "\n")
    return 0
    yield


def env(proc: Proc, argv: list[str]) -> Run:
    proc.out("".join(f"{k}={v}\n" for k, v in proc.env.items()))
    return 0
    yield


def printenv(proc: Proc, argv: list[str]) -> Run:
    if len(argv) == 1:
        return (yield from env(proc, argv))
    found = [proc.env[name] for name in argv[1:] if name in proc.env]
    proc.out("".join(v + "\n" for v in found))
    return 0 if len(found) == len(argv) - 1 else 1


def tail(proc: Proc, argv: list[str]) -> Run:
    if "-f" in argv or "-F" in argv:
        yield FOREVER
        return 0
    paths = [a for a in argv[1:] if not a.startswith("-") and not a.isdigit()]
    count = int(argv[argv.index("-n") + 1]) if "-n" in argv[:-1] else 10
    text = proc.stdin
    if paths:
        try:
            text = proc.box.fs.read(paths[-1])
        except FsError as err:
            proc.err(_cannot_open(proc, "tail", paths[-1], str(err)))
            return 1
    lines = text.splitlines(keepends=True)
    proc.out("".join(lines[-count:]))
    return 0


def true(proc: Proc, argv: list[str]) -> Run:
    return 0
    yield


def false(proc: Proc, argv: list[str]) -> Run:
    return 1
    yield


def _usage(proc: Proc, tool: str, usage: str) -> str:
    if gnu(proc):
        return f"{tool}: missing operand\nTry '{tool} --help' for more information.\n"
    banner = "BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary."
    return f"{banner}\n\nUsage: {usage}\n"


def not_simulated(proc: Proc, argv: list[str]) -> Run:
    """A real tool of the image that this simulation does not run."""
    name = argv[0].rsplit("/", 1)[-1]
    proc.err(f"{name}: not supported in this simulated container\n")
    return 1
    yield


PROGRAMS = {
    "sleep": sleep,
    "echo": echo,
    "printf": printf,
    "cat": cat,
    "touch": touch,
    "rm": rm,
    "mkdir": mkdir,
    "ls": ls,
    "date": date,
    "hostname": hostname,
    "env": env,
    "printenv": printenv,
    "tail": tail,
    "true": true,
    "false": false,
}
