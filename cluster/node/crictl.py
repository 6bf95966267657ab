"""``crictl`` on a node: ``ps [-a]``, ``pods``, ``images``, ``logs ID``.

Tables are laid out the way crictl's tabwriter does (minimum width 20,
padding 3); CREATED reads like Docker's ``HumanDuration`` ("2 minutes ago"),
IDs are truncated to 13 characters and sizes use decimal units (72.2MB).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from cluster.node.runtime import ContainerRuntime

STATES = {
    "CONTAINER_RUNNING": "Running",
    "CONTAINER_EXITED": "Exited",
    "CONTAINER_CREATED": "Created",
}
USAGE = (
    "NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command "
    "[command options]\n\nCOMMANDS:\n   images, image, img   List images\n"
    "   logs                 Fetch the logs of a container\n"
    "   pods                 List pods\n   ps                   List containers\n"
)


def run(runtime: ContainerRuntime, args: Sequence[str]) -> tuple[str, bool]:
    command, rest = (args[0], list(args[1:])) if args else ("", [])
    if command == "ps":
        return ps(runtime, all_="-a" in rest or "--all" in rest), True
    if command in ("images", "image", "img"):
        return images(runtime), True
    if command == "pods":
        return pods(runtime), True
    if command == "logs" and rest:
        return logs(runtime, rest[-1])
    if not command:
        return USAGE, True
    return f"FATA[0000] no help topic for '{command}'", False


def ps(runtime: ContainerRuntime, all_: bool = False) -> str:
    now = runtime.clock.now
    rows = [
        [
            "CONTAINER",
            "IMAGE",
            "CREATED",
            "STATE",
            "NAME",
            "ATTEMPT",
            "POD ID",
            "POD",
            "NAMESPACE",
        ]
    ]
    listed = sorted(runtime.containers.values(), key=lambda c: -c.created_at)
    for c in listed:
        if not all_ and c.state != "CONTAINER_RUNNING":
            continue
        sandbox = runtime.sandboxes.get(c.sandbox_id)
        rows.append(
            [
                c.id[:13],
                c.image_id.removeprefix("sha256:")[:13],
                ago(now - c.created_at),
                STATES.get(c.state, "Unknown"),
                c.name,
                str(c.attempt),
                c.sandbox_id[:13],
                sandbox.name if sandbox else "",
                sandbox.namespace if sandbox else "",
            ]
        )
    return table(rows)


def pods(runtime: ContainerRuntime) -> str:
    now = runtime.clock.now
    rows = [["POD ID", "CREATED", "STATE", "NAME", "NAMESPACE", "ATTEMPT", "RUNTIME"]]
    for s in sorted(runtime.sandboxes.values(), key=lambda s: -s.created_at):
        state = "Ready" if s.state == "SANDBOX_READY" else "NotReady"
        rows.append(
            [
                s.id[:13],
                ago(now - s.created_at),
                state,
                s.name,
                s.namespace,
                str(s.attempt),
                "(default)",
            ]
        )
    return table(rows)


def images(runtime: ContainerRuntime) -> str:
    rows = [["IMAGE", "TAG", "IMAGE ID", "SIZE"]]
    entries = []
    for record in runtime.images.values():
        for tag in record.repo_tags or ["<none>:<none>"]:
            repo, _, name = tag.rpartition(":")
            entries.append(
                (
                    repo,
                    name,
                    record.id.removeprefix("sha256:")[:13],
                    human_size(record.size),
                )
            )
    rows += [list(e) for e in sorted(entries)]
    return table(rows)


def logs(runtime: ContainerRuntime, prefix: str) -> tuple[str, bool]:
    found = [c for c in runtime.containers.values() if c.id.startswith(prefix)]
    if len(found) != 1 or found[0].box is None:
        return (
            f"FATA[0000] rpc error: code = NotFound desc = an error occurred when try "
            f'to find container "{prefix}": not found',
            False,
        )
    return "\n".join(line.text for line in found[0].box.log), True


def table(rows: list[list[str]]) -> str:
    """Go's tabwriter with minwidth 20, padding 3 (the last column unpadded)."""
    widths = [max(20, max(len(r[i]) for r in rows) + 3) for i in range(len(rows[0]))]
    lines = []
    for row in rows:
        cells = [
            cell.ljust(width) for cell, width in zip(row[:-1], widths, strict=False)
        ]
        lines.append(("".join(cells) + row[-1]).rstrip())
    return "\n".join(lines)


def ago(seconds: float) -> str:
    """``units.HumanDuration(d) + " ago"``."""
    return human_duration(seconds) + " ago"


def human_duration(seconds: float) -> str:
    whole = int(seconds)
    if whole < 1:
        return "Less than a second"
    if whole == 1:
        return "1 second"
    if whole < 60:
        return f"{whole} seconds"
    minutes = int(seconds / 60)
    if minutes == 1:
        return "About a minute"
    if minutes < 60:
        return f"{minutes} minutes"
    hours = round(seconds / 3600)
    if hours == 1:
        return "About an hour"
    if hours < 48:
        return f"{hours} hours"
    return f"{hours // 24} days"


def human_size(size: int) -> str:
    """``units.HumanSizeWithPrecision(size, 3)``: decimal kB, MB, GB."""
    units = ["B", "kB", "MB", "GB", "TB"]
    value, index = float(size), 0
    while value >= 1000 and index < len(units) - 1:
        value /= 1000
        index += 1
    text = f"{value:.3g}"
    if "e" in text:
        text = str(int(math.floor(value)))
    return f"{text}{units[index]}"
