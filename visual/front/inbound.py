"""What a browser may send over the websocket, checked before it goes anywhere.

Each frame is a JSON object with an ``action``: ``command`` (``line`` and
optional ``stdin``, as the console form sends them through htmx's ws
extension), ``play``, ``pause``, ``step``, ``speed`` (with ``speed``) or
``seek`` (with ``time``, simulated seconds, from the timeline, and optionally
``entry``, the index of the command to go to just before).
"""

from __future__ import annotations

import json
import math
from typing import Any

from visual.simhost.journal import SPEEDS

MAX_LINE = 4_000
MAX_STDIN = 200_000


class BadInput(ValueError):
    """Input a browser sent that we answer with one line of error."""


def parse(text: str | None) -> dict[str, Any]:
    """The ``sim.*`` message for one frame (without cluster/reply), or BadInput."""
    data = _json_object(text)
    action = data.get("action")
    if action == "command":
        return _command(data)
    if action in ("play", "pause", "step"):
        return {"type": "sim.control", "action": action}
    if action == "speed":
        return {"type": "sim.control", "action": "speed", "speed": _speed(data)}
    if action == "seek":
        return {"type": "sim.seek", "time": _seconds(data), "entry": _entry(data)}
    raise BadInput(f'error: unknown action "{action}"')


def _json_object(text: str | None) -> dict[str, Any]:
    if text is None:
        raise BadInput("error: expected a text frame with a JSON object")
    try:
        data = json.loads(text)
    except ValueError:
        raise BadInput("error: message is not valid JSON") from None
    if not isinstance(data, dict):
        raise BadInput("error: expected a JSON object")
    return data


def _command(data: dict[str, Any]) -> dict[str, Any]:
    line, stdin = data.get("line"), data.get("stdin") or None
    if not isinstance(line, str) or not line.strip():
        raise BadInput("error: type a command, for example: kubectl get pods")
    if len(line) > MAX_LINE or "\n" in line.strip():
        raise BadInput("error: a command is one line of at most 4000 characters")
    if stdin is not None and (not isinstance(stdin, str) or len(stdin) > MAX_STDIN):
        raise BadInput("error: standard input must be text of at most 200 kB")
    return {"type": "sim.command", "line": line.strip(), "stdin": stdin}


def _speed(data: dict[str, Any]) -> float:
    try:
        speed = float(data.get("speed", ""))
    except (TypeError, ValueError):
        speed = -1.0
    if speed not in SPEEDS:
        allowed = ", ".join(f"{s:g}" for s in SPEEDS)
        raise BadInput(f"error: speed must be one of {allowed}")
    return speed


def _seconds(data: dict[str, Any]) -> float:
    try:
        time = float(data.get("time", ""))
    except (TypeError, ValueError):
        time = math.nan
    if not math.isfinite(time) or time < 0:
        raise BadInput("error: seek needs a time in seconds, 0 or more")
    return time


def _entry(data: dict[str, Any]) -> int | None:
    entry = data.get("entry")
    if entry is None or entry == "":
        return None
    try:
        index = int(str(entry))
    except ValueError:
        index = -1
    if index < 0:
        raise BadInput("error: seek entry must be a command's index, 0 or more")
    return index
