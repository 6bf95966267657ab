"""The shell's lexer: words (with their quoting kept as :class:`Part` runs)
and operators, in busybox ash's terms."""

from __future__ import annotations

from dataclasses import dataclass

# Longest first, as the lexer tries them.
OPERATORS: tuple[str, ...] = ("2>&1", "&&", "||", ";;", ">>", "<<", "&>", "2>")
OPERATORS += (";", "&", "|", "(", ")", "<", ">", "\n")


class ShellSyntaxError(ValueError):
    """``sh: syntax error: unexpected "done"``."""


@dataclass(frozen=True)
class Part:
    """A run of a word: ``lit`` (single-quoted or escaped, never expanded),
    ``text`` (unquoted, expanded and split), ``dq`` (double-quoted, expanded)."""

    kind: str
    text: str


@dataclass(frozen=True)
class Word:
    parts: tuple[Part, ...]

    @property
    def raw(self) -> str:
        return "".join(p.text for p in self.parts)

    @property
    def quoted(self) -> bool:
        return any(p.kind != "text" for p in self.parts)


Token = Word | str  # operators are plain strings


def tokenize(script: str) -> list[Token]:
    lexer = _Lexer(script)
    return lexer.run()


class _Lexer:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.tokens: list[Token] = []

    def run(self) -> list[Token]:
        while self.i < len(self.text):
            self._step()
        return self.tokens

    def _step(self) -> None:
        ch = self.text[self.i]
        if ch in " \t":
            self.i += 1
        elif ch == "#" and self._at_word_start():
            while self.i < len(self.text) and self.text[self.i] != "\n":
                self.i += 1
        elif ch == "\\" and self.text[self.i : self.i + 2] == "\\\n":
            self.i += 2
        elif (op := self._operator()) is not None:
            self.tokens.append(op)
            self.i += len(op)
        else:
            self.tokens.append(self._word())

    def _at_word_start(self) -> bool:
        return self.i == 0 or self.text[self.i - 1] in " \t\n;&|()"

    def _operator(self) -> str | None:
        for op in OPERATORS:
            if self.text.startswith(op, self.i):
                if op.startswith("2") and not self._at_word_start():
                    return None
                return op
        return None

    def _word(self) -> Word:
        parts: list[Part] = []
        while self.i < len(self.text):
            ch = self.text[self.i]
            if ch in " \t\n;&|()<>":
                break
            parts.append(self._part(ch))
        return Word(_merge(parts))

    def _part(self, ch: str) -> Part:
        if ch == "'":
            end = self._find("'", self.i + 1)
            text, self.i = self.text[self.i + 1 : end], end + 1
            return Part("lit", text)
        if ch == '"':
            return Part("dq", self._double_quoted())
        if ch == "\\":
            text, self.i = self.text[self.i + 1 : self.i + 2], self.i + 2
            return Part("lit", text)
        if ch == "$":
            return Part("text", self._dollar())
        self.i += 1
        return Part("text", ch)

    def _double_quoted(self) -> str:
        out, self.i = [], self.i + 1
        while self.i < len(self.text) and self.text[self.i] != '"':
            ch = self.text[self.i]
            if ch == "\\" and self.text[self.i + 1 : self.i + 2] in ('"', "\\", "$"):
                out.append("\\" + self.text[self.i + 1])
                self.i += 2
            elif ch == "$":
                out.append(self._dollar())
            else:
                out.append(ch)
                self.i += 1
        if self.i >= len(self.text):
            raise ShellSyntaxError("sh: syntax error: unterminated quoted string")
        self.i += 1
        return "".join(out)

    def _dollar(self) -> str:
        """``$(...)``, ``$((...))`` and ``${...}`` kept whole for the expander."""
        rest = self.text[self.i :]
        for opener, closer in (("$((", "))"), ("$(", ")"), ("${", "}")):
            if rest.startswith(opener):
                end = matching(self.text, self.i + len(opener), opener[-1], closer)
                chunk = self.text[self.i : end + len(closer)]
                self.i = end + len(closer)
                return chunk
        self.i += 1
        return "$"

    def _find(self, ch: str, start: int) -> int:
        end = self.text.find(ch, start)
        if end < 0:
            raise ShellSyntaxError("sh: syntax error: unterminated quoted string")
        return end


def matching(text: str, start: int, opener: str, closer: str) -> int:
    depth, i = 1, start
    while i < len(text):
        if text.startswith(closer, i) and depth == 1:
            return i
        if text[i] == opener:
            depth += 1
        elif text[i] == closer[0]:
            depth -= 1
        i += 1
    raise ShellSyntaxError("sh: syntax error: unterminated quoted string")


def _merge(parts: list[Part]) -> tuple[Part, ...]:
    merged: list[Part] = []
    for part in parts:
        if merged and merged[-1].kind == part.kind:
            merged[-1] = Part(part.kind, merged[-1].text + part.text)
        else:
            merged.append(part)
    return tuple(merged)
