"""``python -m cluster play FILE [--seed N]``: run a scenario headless.

Prints a transcript: for every step a ``$ <step>`` line, then that step's
output exactly as the tool prints it. A ``kubectl get -w`` step's output goes
on until the next console step: the rows its watch printed meanwhile
(through any ``wait`` steps) appear under it. A failing command does not stop the
play, as in a shell script. An invalid scenario exits 2 with one line on
stderr naming the file, the place and the problem.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from typing import TextIO

from cluster.consolewatch import WatchSession
from cluster.scenario import Scenario, ScenarioError, load_scenario


def main(
    argv: Sequence[str] | None = None,
    out: TextIO | None = None,
    err: TextIO | None = None,
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    args = _parser().parse_args(argv)
    try:
        scenario = load_scenario(args.file)
    except ScenarioError as exc:
        err.write(f"{exc}\n")
        return 2
    out.write(play(scenario, seed=args.seed))
    return 0


def play(scenario: Scenario, seed: int | None = None) -> str:
    """The transcript of a scenario run on a fresh cluster."""
    from cluster.engine import Cluster

    cluster = Cluster.from_scenario(scenario, seed=seed)
    lines: list[str] = []
    watch_end = 0  # where a running ``-w`` step's output ends
    for step in scenario.steps:
        if step.kind != "wait":
            _insert_watch_lines(lines, watch_end, cluster.stop_watches())
        lines.append(f"$ {step.line}")
        if step.kind == "wait":
            cluster.advance(step.seconds)
            continue
        output = cluster.execute(step.line, step.stdin).output
        if output:
            lines.append(output)
        watch_end = len(lines)
    _insert_watch_lines(lines, watch_end, cluster.stop_watches())
    return "".join(line + "\n" for line in lines)


def _insert_watch_lines(
    lines: list[str], at: int, sessions: Sequence[WatchSession]
) -> None:
    """A ``kubectl get -w`` step shows what its watch printed until the next
    console step (waits in between let time pass while it watches), as if
    the learner pressed Ctrl-C just before typing that step."""
    lines[at:at] = [line for session in sessions for line in session.lines]


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="python -m cluster", description="Pilothouse's simulated cluster."
    )
    commands = parser.add_subparsers(dest="command", required=True)
    play_cmd = commands.add_parser(
        "play", help="run a scenario file, print the transcript"
    )
    play_cmd.add_argument("file", help="the scenario file (YAML)")
    play_cmd.add_argument(
        "--seed", type=int, default=None, help="override the scenario's seed"
    )
    return parser


if __name__ == "__main__":
    sys.exit(main())
