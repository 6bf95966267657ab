"""How kubectl turns errors into the text on stderr (``cmd/util/helpers.go``).

``checkErr`` prints an API status error as ``Error from server (Reason):
message``, an Invalid error with field causes as ``The Kind "name" is
invalid: ...`` (one cause per ``* `` line when there are several), any other
error with an ``error: `` prefix, and several errors one per line.
"""

from __future__ import annotations

from collections.abc import Sequence

from cluster.api.errors import StatusError


class KubectlError(Exception):
    """A client-side failure, printed as ``error: <message>``."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class AggregateError(KubectlError):
    """A ``utilerrors.Aggregate``: checkErr prints its errors one per line,
    with no ``error: `` prefix (``MultipleErrors``)."""

    def __init__(self, messages: Sequence[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = list(messages)

    def __str__(self) -> str:
        """``Aggregate.Error()``: one message, or ``[a, b]``."""
        if len(self.messages) == 1:
            return self.messages[0]
        return "[" + ", ".join(self.messages) + "]"


class Exit(Exception):
    """Stop the command with a non-zero status, having printed everything."""


Error = StatusError | KubectlError


def with_source(verb: str, source: str, err: Error) -> Error:
    """``AddSourceToErr``: ``error when creating "STDIN": ...``, keeping the status."""
    if not source:
        return err
    prefix = f"error when {verb} {go_quote(source)}: "
    if isinstance(err, StatusError):
        return StatusError(err.code, err.reason, prefix + err.message, err.details)
    return KubectlError(prefix + err.message)


def check_err(errors: Sequence[Error]) -> str:
    """What kubectl prints for the errors a command returned (no final newline)."""
    if len(errors) == 1:
        return _single(errors[0])
    return "\n".join(message_for_error(err) for err in errors)


def message_for_error(err: Error) -> str:
    """``messageForError``: a status error in its standard form, else its text."""
    if isinstance(err, StatusError):
        return standard_message(err)
    return err.message


def standard_message(err: StatusError) -> str:
    """``StandardErrorMessage`` for an API status error."""
    if err.reason == "Unauthorized":
        return f"error: You must be logged in to the server ({err.message})"
    if err.reason:
        return f"Error from server ({err.reason}): {err.message}"
    return f"Error from server: {err.message}"


def _single(err: Error) -> str:
    if isinstance(err, StatusError) and err.code == 422 and err.reason == "Invalid":
        return _invalid(err)
    if isinstance(err, StatusError):
        return standard_message(err)
    if isinstance(err, AggregateError):
        return err.message
    text = err.message
    return text if text.startswith("error: ") else f"error: {text}"


def _invalid(err: StatusError) -> str:
    details = err.details
    if details is None:
        return "The request is invalid" + (f": {err.message}" if err.message else "")
    causes = _cause_lines(details.get("causes") or [])
    if details.get("kind") or details.get("name"):
        prefix = f"The {details.get('kind', '')} {go_quote(details.get('name', ''))}"
        prefix += " is invalid"
    elif err.message and not causes:
        prefix = f"The request is invalid: {err.message}"
    else:
        prefix = "The request is invalid"
    if not causes:
        return prefix
    if len(causes) == 1:
        return f"{prefix}: {causes[0]}"
    # MultilineError prints the prefix with Fprintln: its trailing space stays.
    return "\n".join([f"{prefix}: ", *(f"* {cause}" for cause in causes)])


def _cause_lines(causes: list[dict[str, str]]) -> list[str]:
    lines: list[str] = []
    for cause in causes:
        line = f"{cause.get('field', '')}: {cause.get('message', '')}"
        if line not in lines:
            lines.append(line)
    return lines


def go_quote(text: str) -> str:
    """Go's ``%q`` for the strings kubectl quotes (names, paths)."""
    escaped = (
        text.replace("\\", "\\\\")
        .replace('"', '\\"')
        .replace("\n", "\\n")
        .replace("\t", "\\t")
        .replace("\r", "\\r")
    )
    return f'"{escaped}"'
