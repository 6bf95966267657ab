"""The container shell: what the docs' ``sh -c`` one-liners print and return."""

from __future__ import annotations

import pytest

from cluster.node.programs.syntax import ShellSyntaxError, parse

from .box_harness import sh

CASES = [
    ("echo", "echo hello world", "hello world\n", 0),
    ("exit-code", "echo before; exit 3; echo after", "before\n", 3),
    ("and", "true && echo yes", "yes\n", 0),
    ("or", "false || echo fallback", "fallback\n", 0),
    (
        "and-or",
        "cat /nope && echo a || echo b",
        "cat: can't open '/nope': No such file or directory\nb\n",
        0,
    ),
    ("status", "false; echo $?", "1\n", 0),
    ("negate", "! false && echo negated", "negated\n", 0),
    ("vars", 'x=1; y="$x and $x"; echo "$y"', "1 and 1\n", 0),
    ("default", 'echo "${NOPE:-fallback}"', "fallback\n", 0),
    ("single-quotes", "echo '$HOME is literal'", "$HOME is literal\n", 0),
    ("arith", "i=4; echo $((i * 2 + 1))", "9\n", 0),
    ("for", "for x in a b c; do echo $x; done", "a\nb\nc\n", 0),
    ("if", "if [ -f /etc/hostname ]; then echo yes; else echo no; fi", "yes\n", 0),
    ("test-eq", "[ 3 -gt 2 ] && echo bigger", "bigger\n", 0),
    ("touch-cat", "touch /tmp/healthy; cat /tmp/healthy && echo there", "there\n", 0),
    (
        "rm",
        "touch /tmp/x; rm /tmp/x; cat /tmp/x",
        "cat: can't open '/tmp/x': No such file or directory\n",
        1,
    ),
    ("rm-f", "rm -f /tmp/never; echo ok", "ok\n", 0),
    (
        "rm-missing",
        "rm /tmp/never",
        "rm: can't remove '/tmp/never': No such file or directory\n",
        1,
    ),
    ("redirect", "echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f", "one\ntwo\n", 0),
    (
        "redirect-missing-dir",
        "echo x > /nope/f",
        "sh: can't create /nope/f: nonexistent directory\n",
        1,
    ),
    ("pipe", "echo hi | cat", "hi\n", 0),
    ("command-subst", 'echo "host: $(hostname)"', "host: web\n", 0),
    ("not-found", "frobnicate", "sh: frobnicate: not found\n", 127),
    (
        "while-break",
        "i=0; while true; do i=$((i+1)); [ $i -ge 3 ] && break; done; echo $i",
        "3\n",
        0,
    ),
    ("until", "i=0; until [ $i -eq 2 ]; do i=$((i+1)); done; echo $i", "2\n", 0),
    ("group", "{ echo a; echo b; } > /tmp/g; cat /tmp/g", "a\nb\n", 0),
    ("subshell-exit", "(exit 4); echo $?", "4\n", 0),
    ("stderr-redirect", "cat /nope 2>/dev/null; echo $?", "1\n", 0),
    ("printenv", "export GREETING=hi; printenv GREETING", "hi\n", 0),
]


@pytest.mark.parametrize(
    ("script", "output", "code"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_scripts(script: str, output: str, code: int) -> None:
    ran = sh(script, seconds=5)
    assert (ran.output, ran.code) == (output, code)


def test_sleep_takes_simulated_time() -> None:
    ran = sh("echo start; sleep 30; echo end", seconds=29)
    assert ran.output == "start\n" and ran.code is None
    ran.box.clock.run_until(31)
    assert [line.time for line in ran.box.log] == [0, 30]
    assert ran.code == 0


def test_the_docs_counter_loop_logs_once_a_second() -> None:
    ran = sh(
        'i=0; while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done', seconds=2.5
    )
    assert ran.stream("stdout") == [
        "0: Mon Jan  5 09:00:00 UTC 2026",
        "1: Mon Jan  5 09:00:01 UTC 2026",
        "2: Mon Jan  5 09:00:02 UTC 2026",
    ]


def test_a_loop_that_never_sleeps_spins_without_stalling_the_clock() -> None:
    ran = sh("while true; do :; done", seconds=10)
    assert ran.code is None and ran.process is not None and ran.process.alive


def test_debian_images_have_dash_and_coreutils_wording() -> None:
    ran = sh("cat /nope; frobnicate", image="nginx")
    assert ran.output == (
        "cat: /nope: No such file or directory\nsh: 1: frobnicate: not found\n"
    )


@pytest.mark.parametrize(
    ("script", "message"),
    [
        ("while true; do echo", "sh: syntax error: unexpected end of file"),
        ("echo hi; done", 'sh: syntax error: unexpected "done"'),
        ("echo 'open", "sh: syntax error: unterminated quoted string"),
        ("; echo", 'sh: syntax error: unexpected ";"'),
    ],
    ids=["unclosed-loop", "stray-done", "open-quote", "leading-semicolon"],
)
def test_syntax_errors(script: str, message: str) -> None:
    with pytest.raises(ShellSyntaxError, match=message):
        parse(script)
    assert sh(script).output == message + "\n"
    assert sh(script).code == 2
