"""``polinux/stress`` (stress 1.0.4) and ``vish/stress``: the load generators
the docs' resource tasks use. Memory they allocate counts against the
container's limit, so ``--vm-bytes 250M`` under a 100Mi limit is OOM-killed."""

from __future__ import annotations

import re

from cluster.node.process import FOREVER, Proc, Run, Sleep, Stopper

_UNITS = {"": 1, "b": 1, "k": 1024, "m": 1024**2, "g": 1024**3}
BASELINE = 700 * 1024


def stress(proc: Proc, argv: list[str]) -> Run:
    opts = _options(argv[1:])
    if opts is None or not any(opts.get(k) for k in ("cpu", "io", "vm", "hdd")):
        proc.err(_USAGE)
        return 1
    counts = [int(opts.get(k) or 0) for k in ("cpu", "io", "vm", "hdd")]
    proc.out(
        "stress: info: [1] dispatching hogs: "
        f"{counts[0]} cpu, {counts[1]} io, {counts[2]} vm, {counts[3]} hdd\n"
    )
    proc.box.cpu_millis += 1000 * (counts[0] + counts[2])
    vm_bytes = _bytes(opts.get("vm-bytes") or "256M")
    # stress installs no SIGTERM handler: as PID 1 it ignores the signal.
    proc.box.memory.use(proc.pid, BASELINE + counts[2] * vm_bytes)
    timeout = opts.get("timeout")
    if timeout:
        yield Sleep(float(str(timeout).rstrip("s")))
        proc.out(f"stress: info: [1] successful run completed in {timeout}s\n")
        return 0
    yield FOREVER
    return 0


def _options(args: list[str]) -> dict[str, str] | None:
    opts: dict[str, str] = {}
    short = {"c": "cpu", "i": "io", "m": "vm", "d": "hdd", "t": "timeout"}
    i = 0
    while i < len(args):
        arg = args[i]
        name = arg.lstrip("-")
        name = short.get(name, name)
        if not arg.startswith("-"):
            return None
        if name in ("v", "verbose", "q", "quiet", "n", "dry-run"):
            i += 1
            continue
        if i + 1 >= len(args):
            return None
        opts[name], i = args[i + 1], i + 2
    return opts


def _bytes(text: str) -> int:
    match = re.fullmatch(r"(\d+)([bkmgBKMG]?)", text)
    if not match:
        return 0
    return int(match.group(1)) * _UNITS[match.group(2).lower()]


_USAGE = (
    "`stress' imposes certain types of compute stress on your system\n\n"
    "Usage: stress [OPTION [ARG]] ...\n"
)


def vish_stress(proc: Proc, argv: list[str]) -> Run:
    """``vish/stress -cpus 2``: burns that many CPUs (throttled by the limit)."""
    cpus = _go_flag(argv, "cpus", "0")
    total = _go_flag(argv, "mem-total", "0")
    stamp = proc.box.clock.wall().strftime("%m%d %H:%M:%S.000000")
    proc.err(
        f'I{stamp}       1 main.go:26] Allocating "{total}" memory, in "4Ki" '
        "chunks, with a 1ms sleep between allocations\n"
    )
    for _ in range(int(cpus)):
        proc.err(f"I{stamp}       1 main.go:39] Spawning a thread to consume CPU\n")
    proc.box.cpu_millis += 1000 * int(cpus)
    proc.box.memory.use(proc.pid, BASELINE + _quantity_bytes(total))
    proc.stop_with(Stopper(0.05, 2))  # a Go program as PID 1: exit status 2
    yield FOREVER
    return 0


def _go_flag(argv: list[str], name: str, default: str) -> str:
    for i, arg in enumerate(argv):
        if arg.lstrip("-").startswith(name + "="):
            return arg.split("=", 1)[1]
        if arg.lstrip("-") == name and i + 1 < len(argv):
            return argv[i + 1]
    return default


def _quantity_bytes(text: str) -> int:
    from cluster.api.quantity import QuantityError, byte_value

    try:
        return byte_value(text)
    except (QuantityError, ValueError):
        return 0
