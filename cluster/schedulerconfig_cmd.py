"""``sim scheduler-config``: give kube-scheduler a new KubeSchedulerConfiguration.

A real kube-scheduler reads its configuration file when it starts, so a lab
changes it by editing the file and restarting the scheduler; this does both at
once, through the console so the change is journalled and replays the same.
``-f -`` takes the document from stdin; ``--preset`` names a common one a
teacher switches between (spreading is the default profile's LeastAllocated,
bin-packing is NodeResourcesFit's MostAllocated strategy).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import yaml

if TYPE_CHECKING:
    from cluster.console import CommandResult, ConsoleContext

Obj = dict[str, Any]
API_VERSION = "kubescheduler.config.k8s.io/v1"
USAGE = "usage: sim scheduler-config -f - (a KubeSchedulerConfiguration on stdin)"


def _strategy(kind: str) -> Obj:
    return {
        "apiVersion": API_VERSION,
        "kind": "KubeSchedulerConfiguration",
        "profiles": [
            {
                "schedulerName": "default-scheduler",
                "pluginConfig": [
                    {
                        "name": "NodeResourcesFit",
                        "args": {
                            "scoringStrategy": {
                                "type": kind,
                                "resources": [
                                    {"name": "cpu", "weight": 1},
                                    {"name": "memory", "weight": 1},
                                ],
                            }
                        },
                    }
                ],
            }
        ],
    }


PRESETS: dict[str, Obj] = {
    "spreading": _strategy("LeastAllocated"),
    "bin-packing": _strategy("MostAllocated"),
}


def run(args: list[str], stdin: str | None, ctx: ConsoleContext) -> CommandResult:
    from cluster.console import CommandResult

    document, problem = _document(args, stdin)
    if problem:
        return CommandResult(f"sim scheduler-config: {problem}", False)
    if ctx.nodes is None:
        return CommandResult("sim scheduler-config: no scheduler to configure", False)
    errors = ctx.nodes.configure_scheduler(document)
    if errors:
        lines = [f"sim scheduler-config: {e}" for e in errors]
        return CommandResult(
            "\n".join(lines + ["(kube-scheduler kept its previous configuration)"]),
            False,
        )
    return CommandResult("kube-scheduler restarted with the new configuration", True)


def _document(args: list[str], stdin: str | None) -> tuple[Obj, str | None]:
    if args[:1] == ["--preset"] and len(args) == 2:
        if args[1] not in PRESETS:
            return {}, f'unknown preset "{args[1]}" (presets: {", ".join(PRESETS)})'
        return PRESETS[args[1]], None
    if args != ["-f", "-"]:
        return {}, f"{USAGE}, or --preset {'|'.join(PRESETS)}"
    try:
        document = yaml.safe_load(stdin or "")
    except yaml.YAMLError as err:
        return {}, f"error parsing STDIN: {str(err).splitlines()[0]}"
    if not isinstance(document, dict):
        return {}, "STDIN is not a KubeSchedulerConfiguration document"
    return document, None
