"""The small POSIX shell containers' commands are written in: the parser.

``sh -c "touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600"`` and
``while true; do echo "$i: $(date)"; i=$((i+1)); sleep 1; done`` are what the
Kubernetes docs put in manifests, so this covers lists (``;``, ``&``,
newlines), ``&&``/``||``, pipes, ``!``, redirections, ``while``/``until``,
``for``, ``if``, ``{ }``/``( )`` groups, assignments and quoting. Words keep
their quoting as :class:`Part` runs so that ``programs.shell`` expands them the
way a shell does, at run time. A script the parser cannot read raises
:class:`ShellSyntaxError` with busybox ash's wording.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from cluster.node.programs.lexer import (
    Part,
    ShellSyntaxError,
    Token,
    Word,
    matching,
    tokenize,
)

__all__ = ["ShellSyntaxError", "Word", "matching", "parse"]

KEYWORDS = frozenset(
    {"while", "until", "do", "done", "if", "then", "elif", "else", "fi", "for"}
    | {"in", "{", "}", "!"}
)
REDIRECTS = (">", ">>", "<", "2>", "&>", "2>&1")


@dataclass
class Redirect:
    op: str
    target: Word | None


@dataclass
class Simple:
    assigns: list[tuple[str, Word]] = field(default_factory=list)
    words: list[Word] = field(default_factory=list)
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class Pipeline:
    commands: list[Node]
    negate: bool = False


@dataclass
class AndOr:
    first: Pipeline
    rest: list[tuple[str, Pipeline]] = field(default_factory=list)


@dataclass
class Sequence:
    items: list[tuple[AndOr, bool]]  # (command, run in background)


@dataclass
class Loop:
    cond: Sequence
    body: Sequence
    until: bool = False
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class If:
    branches: list[tuple[Sequence, Sequence]]
    otherwise: Sequence | None = None
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class For:
    var: str
    words: list[Word]
    body: Sequence
    redirects: list[Redirect] = field(default_factory=list)


@dataclass
class Group:
    body: Sequence
    subshell: bool = False
    redirects: list[Redirect] = field(default_factory=list)


Node = Simple | Loop | If | For | Group


def parse(script: str) -> Sequence:
    """The script's command list, or ShellSyntaxError."""
    parser = _Parser(tokenize(script))
    seq = parser.sequence(stop=())
    if parser.peek() is not None:
        raise _unexpected(parser.peek())
    return seq


# -- the parser --------------------------------------------------------------


class _Parser:
    def __init__(self, tokens: list[Token]) -> None:
        self.tokens = tokens
        self.i = 0

    def peek(self) -> Token | None:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take(self) -> Token:
        token = self.peek()
        if token is None:
            raise ShellSyntaxError("sh: syntax error: unexpected end of file")
        self.i += 1
        return token

    def keyword(self) -> str | None:
        token = self.peek()
        if isinstance(token, Word) and not token.quoted and token.raw in KEYWORDS:
            return token.raw
        return token if isinstance(token, str) else None

    def expect(self, word: str) -> None:
        if self.keyword() != word:
            raise _unexpected(self.peek())
        self.i += 1

    def sequence(self, stop: tuple[str, ...]) -> Sequence:
        items: list[tuple[AndOr, bool]] = []
        while True:
            self._skip_newlines()
            if self.peek() is None or self.keyword() in stop:
                return Sequence(items)
            command = self.and_or()
            background = self.keyword() == "&"
            items.append((command, background))
            if self.keyword() not in (";", "&", "\n"):
                self._end_of(stop)
                return Sequence(items)
            self.i += 1

    def _end_of(self, stop: tuple[str, ...]) -> None:
        if self.peek() is not None and self.keyword() not in stop:
            raise _unexpected(self.peek())

    def _skip_newlines(self) -> None:
        while self.peek() is not None and self.keyword() == "\n":
            self.i += 1

    def and_or(self) -> AndOr:
        node = AndOr(self.pipeline())
        while self.keyword() in ("&&", "||"):
            op = str(self.take())
            self._newlines_only()
            node.rest.append((op, self.pipeline()))
        return node

    def _newlines_only(self) -> None:
        while self.keyword() == "\n":
            self.i += 1

    def pipeline(self) -> Pipeline:
        negate = self.keyword() == "!"
        if negate:
            self.i += 1
        commands = [self.command()]
        while self.keyword() == "|":
            self.i += 1
            self._newlines_only()
            commands.append(self.command())
        return Pipeline(commands, negate)

    def command(self) -> Node:
        word = self.keyword()
        compound: Loop | If | For | Group
        if word in ("while", "until"):
            compound = self._loop(str(word))
        elif word == "if":
            compound = self._if()
        elif word == "for":
            compound = self._for()
        elif word in ("{", "("):
            compound = self._group(str(word))
        else:
            return self.simple()
        while self.keyword() in REDIRECTS:
            compound.redirects.append(self._redirect())
        return compound

    def _loop(self, word: str) -> Loop:
        self.i += 1
        cond = self.sequence(stop=("do",))
        self.expect("do")
        body = self.sequence(stop=("done",))
        self.expect("done")
        return Loop(cond, body, until=word == "until")

    def _if(self) -> If:
        self.i += 1
        branches = [self._branch()]
        otherwise = None
        while self.keyword() == "elif":
            self.i += 1
            branches.append(self._branch())
        if self.keyword() == "else":
            self.i += 1
            otherwise = self.sequence(stop=("fi",))
        self.expect("fi")
        return If(branches, otherwise)

    def _branch(self) -> tuple[Sequence, Sequence]:
        cond = self.sequence(stop=("then",))
        self.expect("then")
        return cond, self.sequence(stop=("elif", "else", "fi"))

    def _for(self) -> For:
        self.i += 1
        name = self.take()
        if not isinstance(name, Word):
            raise _unexpected(name)
        words: list[Word] = []
        if self.keyword() == "in":
            self.i += 1
            while isinstance(self.peek(), Word) and self.keyword() != "do":
                words.append(self.take())  # type: ignore[arg-type]
        while self.keyword() in (";", "\n"):
            self.i += 1
        self.expect("do")
        body = self.sequence(stop=("done",))
        self.expect("done")
        return For(name.raw, words, body)

    def _group(self, word: str) -> Group:
        self.i += 1
        closer = "}" if word == "{" else ")"
        body = self.sequence(stop=(closer,))
        self.expect(closer)
        return Group(body, subshell=word == "(")

    def simple(self) -> Simple:
        node = Simple()
        while (token := self.peek()) is not None:
            if isinstance(token, str) and token in REDIRECTS:
                node.redirects.append(self._redirect())
            elif (
                isinstance(token, Word)
                and not (node.words or node.assigns)
                and (
                    token.raw in ("}", "do", "done", "then", "fi", "else", "elif")
                    and not token.quoted
                )
            ):
                break
            elif isinstance(token, Word):
                self.i += 1
                self._add_word(node, token)
            else:
                break
        if not (node.words or node.assigns or node.redirects):
            raise _unexpected(self.peek())
        return node

    def _add_word(self, node: Simple, token: Word) -> None:
        name, eq, _ = token.raw.partition("=")
        first = token.parts[0] if token.parts else None
        is_assign = (
            eq
            and not node.words
            and name.isidentifier()
            and first is not None
            and first.kind == "text"
            and first.text.startswith(name + "=")
        )
        if not is_assign:
            node.words.append(token)
            return
        value = _strip_prefix(token, len(name) + 1)
        node.assigns.append((name, value))

    def _redirect(self) -> Redirect:
        op = str(self.take())
        if op == "2>&1":
            return Redirect(op, None)
        target = self.take()
        if not isinstance(target, Word):
            raise _unexpected(target)
        return Redirect(op, target)


def _strip_prefix(word: Word, count: int) -> Word:
    parts = list(word.parts)
    first = parts[0]
    parts[0] = Part(first.kind, first.text[count:])
    return Word(tuple(p for p in parts if p.text or p.kind != "text"))


def _unexpected(token: Token | None) -> ShellSyntaxError:
    if token is None:
        return ShellSyntaxError("sh: syntax error: unexpected end of file")
    text = token.raw if isinstance(token, Word) else token
    if text == "\n":
        return ShellSyntaxError("sh: syntax error: unexpected newline")
    return ShellSyntaxError(f'sh: syntax error: unexpected "{text}"')
