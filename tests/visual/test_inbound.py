"""What a browser may send over the websocket."""

from __future__ import annotations

import json

import pytest

from visual.front.inbound import BadInput, parse


def frame(**data: object) -> str:
    return json.dumps(data)


def test_console_command_with_stdin():
    message = parse(frame(action="command", line=" kubectl apply -f - ", stdin="a: 1"))
    assert message == {
        "type": "sim.command",
        "line": "kubectl apply -f -",
        "stdin": "a: 1",
    }


def test_empty_stdin_is_no_stdin():
    message = parse(frame(action="command", line="kubectl get pods", stdin=""))
    assert message["stdin"] is None


@pytest.mark.parametrize("action", ["play", "pause", "step"])
def test_time_controls(action):
    assert parse(frame(action=action)) == {"type": "sim.control", "action": action}


def test_seek_comes_as_the_timeline_sends_it():
    assert parse(frame(action="seek", time="61.5", entry="")) == {
        "type": "sim.seek",
        "time": 61.5,
        "entry": None,
    }
    assert parse(frame(action="seek", time="61.5", entry="3"))["entry"] == 3


def test_speed_comes_as_the_select_sends_it():
    message = parse(frame(action="speed", speed="0.5"))
    assert message == {"type": "sim.control", "action": "speed", "speed": 0.5}


@pytest.mark.parametrize(
    ("text", "error"),
    [
        ("not json", "error: message is not valid JSON"),
        ("[1, 2]", "error: expected a JSON object"),
        (None, "error: expected a text frame"),
        (frame(action="dance"), 'error: unknown action "dance"'),
        (frame(line="kubectl get pods"), 'error: unknown action "None"'),
        (frame(action="command", line="   "), "error: type a command"),
        (frame(action="command", line=7), "error: type a command"),
        (frame(action="command", line="a\nb"), "error: a command is one line"),
        (frame(action="command", line="x" * 5000), "error: a command is one line"),
        (frame(action="command", line="k", stdin=["x"]), "error: standard input"),
        (frame(action="speed", speed="3"), "error: speed must be one of 0.5, 1, 2"),
        (frame(action="speed"), "error: speed must be one of"),
        (frame(action="seek", time=-1), "error: seek needs a time in seconds"),
        (frame(action="seek", time="later"), "error: seek needs a time in seconds"),
        (frame(action="seek"), "error: seek needs a time in seconds"),
        ('{"action": "seek", "time": NaN}', "error: seek needs a time"),
        (frame(action="seek", time=1, entry="x"), "error: seek entry must be"),
        (frame(action="seek", time=1, entry=-1), "error: seek entry must be"),
    ],
    ids=[
        "not-json",
        "not-object",
        "binary",
        "unknown-action",
        "no-action",
        "blank-line",
        "line-not-text",
        "two-lines",
        "too-long",
        "stdin-not-text",
        "odd-speed",
        "no-speed",
        "seek-negative",
        "seek-not-a-number",
        "seek-no-time",
        "seek-nan",
        "seek-entry-not-a-number",
        "seek-entry-negative",
    ],
)
def test_bad_input_gets_one_clear_line(text, error):
    with pytest.raises(BadInput) as raised:
        parse(text)
    message = str(raised.value)
    assert message.startswith(error) and "\n" not in message
