"""``sh``: runs parsed scripts (``syntax.py``) as a process on the clock.

Builtins run inside the shell; anything else is looked up among the image's
programs and runs as a child process with its own PID, so a SIGTERM to the
container reaches only the shell, which, as PID 1, ignores it unless a
``trap`` says otherwise.
"""

from __future__ import annotations

from collections.abc import Callable

from cluster.node.fs import FsError
from cluster.node.process import FOREVER, Proc, ProgramExit, Run, Sleep, Stopper
from cluster.node.process import drain as drain_run
from cluster.node.programs import registry
from cluster.node.programs.expand import Expander
from cluster.node.programs.syntax import (
    AndOr,
    For,
    Group,
    If,
    Loop,
    Node,
    Pipeline,
    Sequence,
    ShellSyntaxError,
    Simple,
    parse,
)
from cluster.node.programs.testcmd import test

Builtin = Callable[["Shell", Proc, list[str]], Run]


class _Break(Exception):
    pass


class _Continue(Exception):
    pass


def sh(proc: Proc, argv: list[str]) -> Run:
    """``sh -c SCRIPT [NAME ARGS...]``, ``sh FILE``, or ``sh`` reading stdin."""
    proc.box.memory.use(proc.pid, 600 * 1024)
    args = argv[1:]
    name, rest = argv[0], args[1:]
    if args[:1] == ["-c"]:
        if len(args) < 2:
            proc.err(f"{argv[0]}: -c requires an argument\n")
            return 2
        script = args[1]
        name, rest = (args[2], args[3:]) if len(args) > 2 else (argv[0], [])
    elif args:
        try:
            script = proc.box.fs.read(args[0])
        except FsError:
            proc.err(f"{argv[0]}: can't open '{args[0]}': No such file or directory\n")
            return 2
        name = args[0]
    else:
        script = proc.stdin
    return (yield from Shell(proc, name, rest).script(script))


class Shell:
    def __init__(self, proc: Proc, name: str = "sh", args: list[str] | None = None):
        self.proc = proc
        self.vars = dict(proc.env)
        self.exported = set(proc.env)
        self.name = name
        self.args = list(args or [])
        self.status = 0
        self.last_bg = ""
        self.expander = Expander(self.lookup, self.substitute)

    def script(self, text: str) -> Run:
        try:
            tree = parse(text)
        except ShellSyntaxError as err:
            self.proc.err(f"{err}\n")
            return 2
        return (yield from self.sequence(tree, self.proc))

    def lookup(self, name: str) -> str | None:
        specials = {"?": str(self.status), "$": "1", "#": str(len(self.args))}
        specials.update({"0": self.name, "!": self.last_bg})
        specials.update({"@": " ".join(self.args), "*": " ".join(self.args)})
        if name in specials:
            return specials[name]
        if name.isdigit():
            index = int(name) - 1
            return self.args[index] if index < len(self.args) else ""
        return self.vars.get(name)

    def substitute(self, script: str) -> str:
        chunks: list[str] = []
        proc = self.proc.child(out=chunks.append)
        sub = Shell(proc, self.name, self.args)
        sub.vars, sub.exported = dict(self.vars), set(self.exported)
        drain_run(sub.script(script), budget=60)
        return "".join(chunks)

    # -- lists and pipelines ---------------------------------------------------

    def sequence(self, seq: Sequence, proc: Proc) -> Run:
        for command, background in seq.items:
            if background:
                self._background(command, proc)
                self.status = 0
            else:
                self.status = yield from self.and_or(command, proc)
        return self.status

    def and_or(self, node: AndOr, proc: Proc) -> Run:
        status = yield from self.pipeline(node.first, proc)
        for op, pipeline in node.rest:
            if (op == "&&") == (status == 0):
                status = yield from self.pipeline(pipeline, proc)
        return status

    def pipeline(self, node: Pipeline, proc: Proc) -> Run:
        stdin = proc.stdin
        status = 0
        for i, command in enumerate(node.commands):
            last = i == len(node.commands) - 1
            chunks: list[str] = []
            stage = proc if last else proc.child(out=chunks.append)
            status = yield from self.command(command, stage.child(stdin=stdin))
            stdin = "".join(chunks)
        self.status = int(not status) if node.negate else status
        return self.status

    def _background(self, command: AndOr, proc: Proc) -> None:
        from cluster.node.process import Process

        child = proc.child(pid=proc.box.new_pid())
        self.last_bg = str(child.pid)
        run = self._isolated(self.and_or(command, child))
        process = Process(proc.box.clock, run, lambda code: None)
        process.start()

    def _isolated(self, run: Run) -> Run:
        try:
            return (yield from run)
        except ProgramExit as exit_:
            return exit_.code

    # -- compound commands -------------------------------------------------------

    def command(self, node: Node, proc: Proc) -> Run:
        if isinstance(node, Simple):
            return (yield from self.simple(node, proc))
        if node.redirects:
            from cluster.node.programs.redirect import redirected

            target = redirected(self, node.redirects, proc)
            if target is None:
                return 1
            proc = target
        if isinstance(node, Loop):
            return (yield from self.loop(node, proc))
        if isinstance(node, If):
            return (yield from self.if_(node, proc))
        if isinstance(node, For):
            return (yield from self.for_(node, proc))
        return (yield from self.group(node, proc))

    def loop(self, node: Loop, proc: Proc) -> Run:
        status = 0
        while True:
            cond = yield from self.sequence(node.cond, proc)
            if (cond == 0) == node.until:
                return status
            try:
                status = yield from self.sequence(node.body, proc)
            except _Break:
                return 0
            except _Continue:
                pass
            yield Sleep(0)  # lets a loop that never sleeps be seen to spin

    def if_(self, node: If, proc: Proc) -> Run:
        for cond, body in node.branches:
            if (yield from self.sequence(cond, proc)) == 0:
                return (yield from self.sequence(body, proc))
        if node.otherwise is not None:
            return (yield from self.sequence(node.otherwise, proc))
        return 0

    def for_(self, node: For, proc: Proc) -> Run:
        values = [v for w in node.words for v in self.expander.fields(w)]
        status = 0
        for value in values if node.words else self.args:
            self.vars[node.var] = value
            try:
                status = yield from self.sequence(node.body, proc)
            except _Break:
                break
            except _Continue:
                continue
        return status

    def group(self, node: Group, proc: Proc) -> Run:
        if not node.subshell:
            return (yield from self.sequence(node.body, proc))
        saved = dict(self.vars)
        try:
            return (yield from self.sequence(node.body, proc))
        except ProgramExit as exit_:
            return exit_.code
        finally:
            self.vars = saved

    # -- simple commands ---------------------------------------------------------

    def simple(self, node: Simple, proc: Proc) -> Run:
        try:
            argv = [f for w in node.words for f in self.expander.fields(w)]
            assigns = {n: self.expander.one(w) for n, w in node.assigns}
        except ArithmeticError as err:
            proc.err(f"sh: arithmetic syntax error: {err}\n")
            return 2
        from cluster.node.programs.redirect import redirected

        target = redirected(self, node.redirects, proc)
        if target is None:
            return 1
        if not argv:
            self.vars.update(assigns)
            return 0
        return (yield from self.execute(argv, assigns, target))

    def execute(self, argv: list[str], assigns: dict[str, str], proc: Proc) -> Run:
        builtin = BUILTINS.get(argv[0])
        if builtin is not None:
            return (yield from builtin(self, proc, argv))
        program = registry.find(proc.box.image, argv[0])
        if program is None:
            proc.err(_not_found(proc, argv[0]))
            return 127
        env = {k: v for k, v in self.vars.items() if k in self.exported}
        child = proc.child(pid=proc.box.new_pid(), env={**env, **assigns})
        try:
            return (yield from program(child, argv))
        except ProgramExit as exit_:
            if proc.box.memory.oom_killed:
                raise  # memory.oom.group: the cgroup's processes all die
            return exit_.code
        finally:
            proc.box.memory.release(child.pid)


def _not_found(proc: Proc, name: str) -> str:
    if getattr(proc.box.image, "shell", "ash") == "dash":
        return f"sh: 1: {name}: not found\n"
    return f"sh: {name}: not found\n"


# -- builtins -------------------------------------------------------------------


def _exit(shell: Shell, proc: Proc, argv: list[str]) -> Run:
    raise ProgramExit(int(argv[1]) if len(argv) > 1 else shell.status)
    yield


def _exec(shell: Shell, proc: Proc, argv: list[str]) -> Run:
    if len(argv) == 1:
        return 0
    program = registry.find(proc.box.image, argv[1])
    if program is None:
        proc.err(_not_found(proc, argv[1]))
        raise ProgramExit(127)
    env = {k: v for k, v in shell.vars.items() if k in shell.exported}
    code = yield from program(proc.child(env=env), argv[1:])
    raise ProgramExit(code)


def _export(shell: Shell, proc: Proc, argv: list[str]) -> Run:
    for item in argv[1:]:
        name, eq, value = item.partition("=")
        if eq:
            shell.vars[name] = value
        shell.exported.add(name)
    return 0
    yield


def _unset(shell: Shell, proc: Proc, argv: list[str]) -> Run:
    for name in argv[1:]:
        shell.vars.pop(name, None)
    return 0
    yield


def _trap(shell: Shell, proc: Proc, argv: list[str]) -> Run:
    """``trap 'exit 0' TERM``: PID 1 now answers SIGTERM."""
    if len(argv) >= 3 and {"TERM", "SIGTERM", "15"} & set(argv[2:]):
        action = argv[1]
        code = 143 if action in ("", "-") else _trap_code(action)
        proc.stop_with(Stopper(0.05, code) if action != "-" else None)
    return 0
    yield


def _trap_code(action: str) -> int:
    words = action.split()
    if words[:1] == ["exit"]:
        return int(words[1]) if len(words) > 1 and words[1].isdigit() else 0
    return 143


def _wait(shell: Shell, proc: Proc, argv: list[str]) -> Run:
    yield FOREVER if shell.last_bg else Sleep(0)
    return 0


def _break(shell: Shell, proc: Proc, argv: list[str]) -> Run:
    raise _Break
    yield


def _continue(shell: Shell, proc: Proc, argv: list[str]) -> Run:
    raise _Continue
    yield


def _noop(shell: Shell, proc: Proc, argv: list[str]) -> Run:
    return 0
    yield


def _false(shell: Shell, proc: Proc, argv: list[str]) -> Run:
    return 1
    yield


def _test(shell: Shell, proc: Proc, argv: list[str]) -> Run:
    return test(proc, argv)
    yield


def _shift(shell: Shell, proc: Proc, argv: list[str]) -> Run:
    count = int(argv[1]) if len(argv) > 1 else 1
    shell.args = shell.args[count:]
    return 0
    yield


BUILTINS: dict[str, Builtin] = {
    "exit": _exit,
    "exec": _exec,
    "export": _export,
    "unset": _unset,
    "trap": _trap,
    "wait": _wait,
    "break": _break,
    "continue": _continue,
    ":": _noop,
    "true": _noop,
    "false": _false,
    "cd": _noop,
    "set": _noop,
    "test": _test,
    "[": _test,
    "shift": _shift,
}
