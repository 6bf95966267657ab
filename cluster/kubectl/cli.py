"""Command-line parsing as kubectl's cobra/pflag does it, with pflag's messages.

Flags may come before, between or after positional arguments; ``--`` ends
them; ``-ojson``, ``-o=json``, ``-o json``, ``--output=json`` and ``--output
json`` all work; boolean flags take no separate value (``--wait=false``).
Errors read as kubectl prints them, e.g. ``unknown flag: --foo`` followed by
``See 'kubectl get --help' for usage.``
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from cluster.kubectl.errors import KubectlError
from cluster.kubectl.timefmt import parse_duration


@dataclass(frozen=True)
class Flag:
    """One flag: ``kind`` is ``string``, ``bool``, ``int``, ``strings`` (a
    repeatable comma-separated list), ``array`` (repeatable, each value whole,
    as pflag's StringArray) or ``duration`` (seconds)."""

    name: str
    short: str = ""
    kind: str = "string"
    default: Any = None
    no_opt: str | None = None  # the value of a bare ``--flag`` (pflag NoOptDefVal)

    @property
    def bare_value(self) -> str | None:
        return "true" if self.kind == "bool" else self.no_opt


# Global flags every command accepts (kubectl's persistent flags we model).
GLOBAL_FLAGS = (
    Flag("namespace", "n"),
    Flag("v", "v", "int", 0),
    Flag("request-timeout", "", "string", "0"),
)


@dataclass
class Parsed:
    values: dict[str, Any]
    args: list[str]
    changed: set[str] = field(default_factory=set)
    # cobra's ArgsLenAtDash: how many arguments came before ``--`` (or None).
    dash_at: int | None = None


class FlagError(KubectlError):
    """A flag parse failure; ``str`` is pflag's message without the usage hint."""


class HelpRequested(Exception):
    pass


def usage_error(command_path: str, message: str) -> KubectlError:
    """``cmdutil.UsageErrorf``: the message and a pointer to ``-h``."""
    return KubectlError(f"{message}\nSee '{command_path} -h' for help and examples")


def flag_error(command_path: str, err: FlagError) -> KubectlError:
    """kubectl's FlagErrorFunc: the pflag message and a pointer to ``--help``."""
    return KubectlError(f"{err.message}\nSee '{command_path} --help' for usage.")


def parse(
    flags: Sequence[Flag], argv: Sequence[str], with_globals: bool = True
) -> Parsed:
    """Parse ``argv`` against ``flags`` (plus kubectl's global flags), as pflag
    does."""
    spec = _Spec([*flags, *(GLOBAL_FLAGS if with_globals else ())])
    parsed = Parsed({f.name: _initial(f) for f in spec.flags}, [])
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        if len(word) < 2 or word[0] != "-":
            parsed.args.append(word)
        elif word == "--":
            parsed.dash_at = len(parsed.args)
            parsed.args.extend(rest)
            break
        elif word.startswith("--"):
            rest = _long(spec, parsed, word, rest)
        else:
            rest = _shorts(spec, parsed, word[1:], rest)
    return parsed


def split_command(argv: Sequence[str]) -> tuple[str | None, list[str]]:
    """The subcommand word and the other arguments, skipping leading flags
    and their values as cobra's ``stripFlags`` does."""
    spec = _Spec(list(GLOBAL_FLAGS))
    words = list(argv)
    i = 0
    while i < len(words):
        word = words[i]
        if word == "--":
            return None, words
        if not word.startswith("-") and word:
            return word, words[:i] + words[i + 1 :]
        takes_value = "=" not in word and (
            (word.startswith("--") and not spec.is_bool_long(word[2:]))
            or (len(word) == 2 and not spec.is_bool_short(word[1:]))
        )
        i += 2 if takes_value else 1
    return None, words


class _Spec:
    def __init__(self, flags: list[Flag]) -> None:
        self.flags = flags
        self.long = {f.name: f for f in flags}
        self.short = {f.short: f for f in flags if f.short}

    def is_bool_long(self, name: str) -> bool:
        flag = self.long.get(_normalize(name))
        return flag is None or flag.bare_value is not None

    def is_bool_short(self, char: str) -> bool:
        flag = self.short.get(char)
        return flag is None or flag.bare_value is not None


def _initial(flag: Flag) -> Any:
    if flag.kind in ("strings", "array"):
        return list(flag.default or [])
    return flag.default


def _normalize(name: str) -> str:
    # kubectl's WordSepNormalizeFunc: --all_namespaces means --all-namespaces.
    return name.replace("_", "-")


def _long(spec: _Spec, parsed: Parsed, word: str, rest: list[str]) -> list[str]:
    body = word[2:]
    if not body or body[0] in "-=":
        raise FlagError(f"bad flag syntax: {word}")
    name, has_value, value = body.partition("=")
    flag = spec.long.get(_normalize(name))
    if flag is None:
        if name == "help":
            raise HelpRequested()
        raise FlagError(f"unknown flag: --{name}")
    if not has_value:
        if flag.bare_value is not None:
            value = flag.bare_value
        elif rest:
            value = rest.pop(0)
        else:
            raise FlagError(f"flag needs an argument: --{name}")
    _set(parsed, flag, value)
    return rest


def _shorts(spec: _Spec, parsed: Parsed, shorts: str, rest: list[str]) -> list[str]:
    while shorts:
        char = shorts[0]
        flag = spec.short.get(char)
        if flag is None:
            if char == "h":
                raise HelpRequested()
            raise FlagError(f"unknown shorthand flag: '{char}' in -{shorts}")
        if len(shorts) > 2 and shorts[1] == "=":
            value, next_shorts = shorts[2:], ""
        elif flag.bare_value is not None:
            value, next_shorts = flag.bare_value, shorts[1:]
        elif len(shorts) > 1:
            value, next_shorts = shorts[1:], ""
        elif rest:
            value, next_shorts = rest.pop(0), ""
        else:
            raise FlagError(f"flag needs an argument: '{char}' in -{shorts}")
        _set(parsed, flag, value)
        shorts = next_shorts
    return rest


def _set(parsed: Parsed, flag: Flag, value: str) -> None:
    try:
        converted = _convert(
            flag, value, parsed.values.get(flag.name), flag.name in parsed.changed
        )
    except ValueError as exc:
        shown = f"-{flag.short}, --{flag.name}" if flag.short else f"--{flag.name}"
        raise FlagError(
            f'invalid argument "{value}" for "{shown}" flag: {exc}'
        ) from None
    parsed.values[flag.name] = converted
    parsed.changed.add(flag.name)


def _convert(flag: Flag, value: str, current: Any, changed: bool) -> Any:
    if flag.kind == "bool":
        return _parse_bool(value)
    if flag.kind == "int":
        return _parse_int(value)
    if flag.kind == "duration":
        return parse_duration(value)
    if flag.kind == "strings":
        items = next(csv.reader([value])) if value else []
        return [*current, *items] if changed else items
    if flag.kind == "array":
        return [*current, value] if changed else [value]
    return value


def _parse_bool(value: str) -> bool:
    if value in ("1", "t", "T", "true", "TRUE", "True"):
        return True
    if value in ("0", "f", "F", "false", "FALSE", "False"):
        return False
    raise ValueError(f'strconv.ParseBool: parsing "{value}": invalid syntax')


def _parse_int(value: str) -> int:
    """strconv.ParseInt(value, 0, 64): decimal, or 0x / 0o / 0b prefixed."""
    body = value.lstrip("+-").lower()
    prefixed = body[:2] in ("0x", "0o", "0b")
    base = {"0x": 16, "0o": 8, "0b": 2}.get(body[:2], 10) if prefixed else 10
    digits = body[2:] if prefixed else body
    if not digits or not all(c.isalnum() or c == "_" for c in digits):
        raise ValueError(f'strconv.ParseInt: parsing "{value}": invalid syntax')
    try:
        number = int(digits, base) * (-1 if value.startswith("-") else 1)
    except ValueError:
        raise ValueError(
            f'strconv.ParseInt: parsing "{value}": invalid syntax'
        ) from None
    if not -(2**63) <= number < 2**63:
        raise ValueError(f'strconv.ParseInt: parsing "{value}": value out of range')
    return number
