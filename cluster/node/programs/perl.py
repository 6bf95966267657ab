"""``perl``: enough of it for the Job the docs run, ``perl -Mbignum=bpi -wle
'print bpi(2000)'``, which prints pi to 2000 digits after a few seconds."""

from __future__ import annotations

import re

from cluster.node.process import Proc, Run, Sleep

SECONDS_PER_DIGIT = 0.0025
DEBUGGER_BANNER = (
    "\nLoading DB routines from perl5db.pl version 1.60\n"
    "Editor support available.\n\n"
    "Enter h or 'h h' for help, or 'man perldebug' for more help.\n\n"
    "main::(-e:1):\t0\n"
)


def perl(proc: Proc, argv: list[str]) -> Run:
    proc.box.memory.use(proc.pid, 6 * 1024 * 1024)
    script = _script(argv[1:])
    if "-v" in argv[1:]:
        proc.out("\nThis is perl 5, version 34, subversion 0 (v5.34.0)\n")
        return 0
    if script is None:
        if "-de0" in argv[1:]:
            proc.out(DEBUGGER_BANNER)
        return 0
    match = re.search(r"bpi\((\d+)\)", script)
    if match and "bignum" in " ".join(argv):
        digits = int(match.group(1))
        proc.box.memory.use(proc.pid, 12 * 1024 * 1024)
        yield Sleep(round(0.6 + digits * SECONDS_PER_DIGIT, 3))
        proc.out(pi_digits(digits) + "\n")
        return 0
    printed = re.findall(r'print\s+"([^"]*)"', script)
    proc.out("".join(p.replace("\\n", "\n") for p in printed))
    return 0


def _script(args: list[str]) -> str | None:
    for i, arg in enumerate(args):
        if arg.startswith("-") and "e" in arg and not arg.startswith("-M"):
            return args[i + 1] if i + 1 < len(args) else ""
    return None


def pi_digits(digits: int) -> str:
    """Pi to ``digits`` significant digits, rounded, as bignum's bpi prints it."""
    extra = 10
    scale = 10 ** (digits + extra)
    value = 4 * (4 * _arctan_inverse(5, scale) - _arctan_inverse(239, scale))
    rounded = (value + 5 * 10 ** (extra - 1)) // 10**extra
    text = str(rounded)
    return text[0] + "." + text[1:digits]


def _arctan_inverse(x: int, scale: int) -> int:
    total = term = scale // x
    x2, n, sign = x * x, 1, -1
    while term:
        term //= x2
        n += 2
        total += sign * (term // n)
        sign = -sign
    return total
