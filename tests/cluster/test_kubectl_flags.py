"""Flag parsing as pflag does it, with pflag's and cobra's messages."""

from __future__ import annotations

import pytest

from cluster.kubectl.cli import Flag, FlagError, parse, split_command

FLAGS = (
    Flag("output", "o"),
    Flag("all-namespaces", "A", "bool", False),
    Flag("watch", "w", "bool", False),
    Flag("filename", "f", "strings"),
    Flag("grace-period", "", "int", -1),
    Flag("timeout", "", "duration", 0.0),
    Flag("validate", "", "string", "strict", no_opt="strict"),
)


@pytest.mark.parametrize(
    ("argv", "name", "value"),
    [
        (["-o", "wide"], "output", "wide"),
        (["-owide"], "output", "wide"),
        (["-o=wide"], "output", "wide"),
        (["--output=wide"], "output", "wide"),
        (["--output", "wide"], "output", "wide"),
        (["-Aw"], "watch", True),
        (["--all_namespaces"], "all-namespaces", True),
        (["--all-namespaces=false"], "all-namespaces", False),
        (
            ["-f", "a.yaml", "-f", "b.yaml,c.yaml"],
            "filename",
            ["a.yaml", "b.yaml", "c.yaml"],
        ),
        (["-f", "-"], "filename", ["-"]),
        (["--grace-period=0x10"], "grace-period", 16),
        (["--timeout=1m30s"], "timeout", 90.0),
        (["--validate"], "validate", "strict"),
        (["-n", "kube-system"], "namespace", "kube-system"),
    ],
    ids=[
        "short-space",
        "short-joined",
        "short-equals",
        "long-equals",
        "long-space",
        "bool-group",
        "underscore-normalized",
        "bool-false",
        "repeated-csv",
        "stdin-dash",
        "int-hex",
        "duration",
        "no-opt-default",
        "global-namespace",
    ],
)
def test_values(argv: list[str], name: str, value: object) -> None:
    assert parse(FLAGS, argv).values[name] == value


def test_flags_and_arguments_interleave_and_dash_dash_ends_flags() -> None:
    parsed = parse(FLAGS, ["pods", "-o", "name", "web", "--", "-A"])
    assert parsed.args == ["pods", "web", "-A"]
    assert parsed.values["all-namespaces"] is False


def test_a_bool_flag_never_takes_the_next_word() -> None:
    assert parse(FLAGS, ["-A", "false"]).args == ["false"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--foo"], "unknown flag: --foo"),
        (["-z"], "unknown shorthand flag: 'z' in -z"),
        (["-Az"], "unknown shorthand flag: 'z' in -z"),  # pflag names what is left
        (["-o"], "flag needs an argument: 'o' in -o"),
        (["--output"], "flag needs an argument: --output"),
        (
            ["--grace-period=soon"],
            'invalid argument "soon" for "--grace-period" '
            'flag: strconv.ParseInt: parsing "soon": invalid syntax',
        ),
        (
            ["-A=maybe"],
            'invalid argument "maybe" for "-A, --all-namespaces" flag: '
            'strconv.ParseBool: parsing "maybe": invalid syntax',
        ),
        (
            ["--timeout=10"],
            'invalid argument "10" for "--timeout" flag: time: '
            'missing unit in duration "10"',
        ),
        (["---x"], "bad flag syntax: ---x"),
    ],
    ids=[
        "unknown-long",
        "unknown-short",
        "unknown-in-group",
        "short-needs-value",
        "long-needs-value",
        "bad-int",
        "bad-bool",
        "bad-duration",
        "bad-syntax",
    ],
)
def test_errors(argv: list[str], message: str) -> None:
    with pytest.raises(FlagError) as caught:
        parse(FLAGS, argv)
    assert caught.value.message == message


@pytest.mark.parametrize(
    ("argv", "command", "rest"),
    [
        (["get", "pods"], "get", ["pods"]),
        (["-n", "kube-system", "get", "pods"], "get", ["-n", "kube-system", "pods"]),
        (["--namespace=x", "get"], "get", ["--namespace=x"]),
        (["-v", "6", "apply", "-f", "-"], "apply", ["-v", "6", "-f", "-"]),
        ([], None, []),
    ],
    ids=["plain", "global-flag-first", "global-flag-equals", "verbosity", "empty"],
)
def test_split_command(argv: list[str], command: str | None, rest: list[str]) -> None:
    assert split_command(argv) == (command, rest)
