"""Scenario files: a cluster's nodes and a script of console steps (DESIGN.md).

    name: liveness-probe
    title: {en: "Liveness probes", zh: "存活探针"}
    seed: 7
    nodes:                      # shorthand entries or full v1 Node manifests
      - {name: cp-1, cpu: "2", memory: 4Gi, controlPlane: true}
    schedulerConfig: {...}      # optional KubeSchedulerConfiguration
    steps:
      - kubectl: apply -f pod.yaml      # paths are relative to this file
      - kubectl: apply -f -
        stdin: |
          ...
      - wait: 35s                       # a Go duration: 500ms, 1m30s, 2h
      - etcdctl: get /registry/pods --prefix --keys-only
      - ssh: node-1 crictl ps
      - sim: node-down node-2

Which keys are allowed: the keys above are checked strictly, so a typo such
as ``step:`` or ``kubeclt:`` is an error rather than a silently skipped step.
Lessons and exercises extend the same file: the families ``narration``,
``goals``, ``hints`` and ``translations`` (and ``description`` at the top) are
accepted at the top level and on every step, as is any key starting with
``x-``. The headless player ignores them; they are kept in ``extensions`` for
the lesson runner.

A watching step (``kubectl: get pods -w``) does not block the script: its
output is the table at once, then every row the watch prints until the next
console step begins (``wait`` steps in between let time pass while it
watches). The player prints those rows under the watching step and then
stops the watch, as a learner presses Ctrl-C before typing the next command.

An invalid file raises ``ScenarioError``, whose message is one line naming the
file, the place and the problem, e.g. ``pod.yaml: steps[3]: wait: time:
missing unit in duration "35"``.
"""

from __future__ import annotations

import difflib
import shlex
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from cluster.api.quantity import QuantityError, parse_quantity
from cluster.kubectl.timefmt import parse_duration

Obj = dict[str, Any]

COMMAND_KEYS = ("kubectl", "etcdctl", "ssh", "sim", "wait")
LESSON_KEYS = frozenset({"narration", "goals", "hints", "translations"})
TOP_KEYS = frozenset(
    {"name", "title", "seed", "nodes", "steps", "schedulerConfig", "description"}
)
SHORTHAND_KEYS = frozenset(
    {"name", "cpu", "memory", "pods", "controlPlane", "labels", "taints"}
)
TAINT_EFFECTS = ("NoSchedule", "PreferNoSchedule", "NoExecute")
# The nodes a scenario without ``nodes`` runs on (cluster.nodes.SANDBOX_NODES).
SANDBOX_NODE_NAMES = ("cp-1", "node-1", "node-2", "node-3")


class ScenarioError(ValueError):
    """An invalid scenario file; ``str`` is one line: file, place, problem."""


@dataclass(frozen=True)
class Step:
    kind: str  # "kubectl" | "etcdctl" | "ssh" | "sim" | "wait"
    args: str  # the command's arguments, or the duration as written
    stdin: str | None = None
    seconds: float = 0.0  # for ``wait``
    extensions: Obj = field(default_factory=dict)

    @property
    def line(self) -> str:
        """The step as the transcript and the console show it: ``kubectl get pods``."""
        return f"{self.kind} {self.args}".rstrip()


@dataclass(frozen=True)
class Scenario:
    name: str
    title: dict[str, str]
    seed: int
    nodes: list[Obj]  # as written: shorthand entries or Node manifests
    steps: list[Step]
    scheduler_config: Obj | None = None
    base_dir: Path | None = None
    source: str = "<scenario>"
    extensions: Obj = field(default_factory=dict)


def load_scenario(path: str | Path) -> Scenario:
    """Read and validate a scenario file; relative paths resolve from its folder."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ScenarioError(f"{path}: cannot read the file: {exc.strerror}") from None
    return parse_scenario(text, str(path), path.parent)


def parse_scenario(text: str, source_name: str, base_dir: Path | None) -> Scenario:
    check = _Checker(source_name, base_dir)
    root = check.yaml(text)
    return check.scenario(root)


class _Checker:
    """Validation with one-line errors that say where the problem is."""

    def __init__(self, source: str, base_dir: Path | None) -> None:
        self.source = source
        self.base_dir = base_dir

    def fail(self, place: str, problem: str) -> ScenarioError:
        where = f"{self.source}: {place}: " if place else f"{self.source}: "
        return ScenarioError(where + problem)

    # -- the file ------------------------------------------------------------

    def yaml(self, text: str) -> Obj:
        try:
            root = yaml.safe_load(text)
        except yaml.MarkedYAMLError as exc:
            raise self.fail(*_yaml_problem(exc)) from None
        except yaml.YAMLError as exc:
            raise self.fail("", f"not valid YAML: {exc}") from None
        if not isinstance(root, dict):
            raise self.fail("", "a scenario must be a mapping with name and steps")
        return root

    def scenario(self, root: Obj) -> Scenario:
        self.keys("", root, TOP_KEYS, extra=LESSON_KEYS)
        nodes = self.nodes(root.get("nodes"))
        names = [self.node_name(n) for n in nodes] or list(SANDBOX_NODE_NAMES)
        return Scenario(
            name=self.name(root.get("name")),
            title=self.title(root.get("title")),
            seed=self.seed(root.get("seed", 0)),
            nodes=nodes,
            steps=self.steps(root.get("steps"), names),
            scheduler_config=self.scheduler_config(root.get("schedulerConfig")),
            base_dir=self.base_dir,
            source=self.source,
            extensions=_extensions(root),
        )

    def keys(
        self,
        place: str,
        mapping: Obj,
        allowed: frozenset[str],
        extra: frozenset[str] = frozenset(),
    ) -> None:
        for key in mapping:
            if key in allowed or key in extra or str(key).startswith("x-"):
                continue
            close = difflib.get_close_matches(str(key), sorted(allowed | extra), 1)
            hint = f" (did you mean {close[0]!r}?)" if close else ""
            raise self.fail(place or "top level", f"unknown key {key!r}{hint}")

    # -- top-level fields ----------------------------------------------------

    def name(self, value: Any) -> str:
        if not isinstance(value, str) or not value.strip():
            raise self.fail("name", "required: a non-empty string")
        return value

    def title(self, value: Any) -> dict[str, str]:
        if value is None:
            return {}
        if not isinstance(value, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in value.items()
        ):
            raise self.fail(
                "title", "must map language codes to strings, e.g. {en: ..., zh: ...}"
            )
        if "en" not in value:
            raise self.fail("title", "needs an English title (en)")
        return dict(value)

    def seed(self, value: Any) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise self.fail("seed", f"must be a whole number >= 0, not {value!r}")
        return value

    def scheduler_config(self, value: Any) -> Obj | None:
        if value is None:
            return None
        if not isinstance(value, dict):
            raise self.fail(
                "schedulerConfig", "must be a KubeSchedulerConfiguration mapping"
            )
        kind = value.get("kind", "KubeSchedulerConfiguration")
        if kind != "KubeSchedulerConfiguration":
            raise self.fail(
                "schedulerConfig.kind",
                f"must be KubeSchedulerConfiguration, not {kind!r}",
            )
        from cluster.scheduler.frameworks import check_config

        errors = check_config(value)
        if errors:
            raise self.fail("schedulerConfig", errors[0])
        return value

    # -- nodes ---------------------------------------------------------------

    def nodes(self, value: Any) -> list[Obj]:
        if value is None:
            return []
        if not isinstance(value, list):
            raise self.fail("nodes", "must be a list of nodes")
        nodes = [self.node(f"nodes[{i}]", entry) for i, entry in enumerate(value)]
        seen: set[str] = set()
        for i, node in enumerate(nodes):
            name = self.node_name(node)
            if name in seen:
                raise self.fail(f"nodes[{i}]", f"duplicate node name {name!r}")
            seen.add(name)
        return nodes

    @staticmethod
    def node_name(node: Obj) -> str:
        return str(node.get("name") or node.get("metadata", {}).get("name"))

    def node(self, place: str, entry: Any) -> Obj:
        if not isinstance(entry, dict):
            raise self.fail(
                place,
                "must be a mapping: {name: ..., cpu: ..., "
                "memory: ...} or a v1 Node manifest",
            )
        if "kind" in entry or "apiVersion" in entry:
            return self.node_manifest(place, entry)
        self.keys(place, entry, SHORTHAND_KEYS)
        if not isinstance(entry.get("name"), str) or not entry["name"]:
            raise self.fail(f"{place}.name", "required: the node's name")
        for key in ("cpu", "memory"):
            if key in entry:
                self.quantity(f"{place}.{key}", entry[key])
        self.shorthand_types(place, entry)
        return dict(entry)

    def node_manifest(self, place: str, entry: Obj) -> Obj:
        if entry.get("apiVersion") != "v1" or entry.get("kind") != "Node":
            raise self.fail(place, "a manifest must have apiVersion: v1 and kind: Node")
        meta = entry.get("metadata")
        if not isinstance(meta, dict) or not isinstance(meta.get("name"), str):
            raise self.fail(f"{place}.metadata.name", "required: the node's name")
        return dict(entry)

    def quantity(self, place: str, value: Any) -> None:
        try:
            parse_quantity(value)
        except QuantityError as exc:
            raise self.fail(place, f"{value!r}: {exc}") from None

    def shorthand_types(self, place: str, entry: Obj) -> None:
        pods = entry.get("pods", 110)
        if isinstance(pods, bool) or not isinstance(pods, int) or pods < 0:
            raise self.fail(f"{place}.pods", f"must be a whole number, not {pods!r}")
        if not isinstance(entry.get("controlPlane", False), bool):
            raise self.fail(f"{place}.controlPlane", "must be true or false")
        labels = entry.get("labels") or {}
        if not isinstance(labels, dict) or not all(
            isinstance(v, str) for v in labels.values()
        ):
            raise self.fail(
                f"{place}.labels",
                'must map label keys to strings (quote values like "true")',
            )
        for i, taint in enumerate(entry.get("taints") or []):
            self.taint(f"{place}.taints[{i}]", taint)

    def taint(self, place: str, taint: Any) -> None:
        if not isinstance(taint, dict) or not taint.get("key"):
            raise self.fail(place, "a taint needs a key and an effect")
        if taint.get("effect") not in TAINT_EFFECTS:
            raise self.fail(
                f"{place}.effect",
                f"must be one of "
                f"{', '.join(TAINT_EFFECTS)}, not "
                f"{taint.get('effect')!r}",
            )

    # -- steps ---------------------------------------------------------------

    def steps(self, value: Any, node_names: list[str]) -> list[Step]:
        if not isinstance(value, list):
            raise self.fail("steps", "required: a list of console steps")
        return [
            self.step(f"steps[{i}]", entry, node_names) for i, entry in enumerate(value)
        ]

    def step(self, place: str, entry: Any, node_names: list[str]) -> Step:
        if isinstance(entry, str):
            raise self.fail(
                place,
                f"write the step as a mapping, e.g. "
                f"'- kubectl: {entry.removeprefix('kubectl ')}'",
            )
        if not isinstance(entry, dict):
            raise self.fail(place, "must be a mapping such as {kubectl: get pods}")
        commands = [k for k in COMMAND_KEYS if k in entry]
        self.keys(place, entry, frozenset({*COMMAND_KEYS, "stdin"}), LESSON_KEYS)
        if len(commands) != 1:
            found = "none" if not commands else ", ".join(commands)
            raise self.fail(
                place, f"needs exactly one of {', '.join(COMMAND_KEYS)} (found {found})"
            )
        kind = commands[0]
        check = _STEP_CHECKS[kind]
        return check(self, f"{place}.{kind}", entry, node_names)

    def command_step(self, place: str, entry: Obj, node_names: list[str]) -> Step:
        kind = place.rpartition(".")[2]
        args = entry[kind]
        if not isinstance(args, str) or not args.strip():
            raise self.fail(place, "needs the command's arguments as a string")
        try:
            words = shlex.split(args)
        except ValueError as exc:
            raise self.fail(place, f"cannot split the command line: {exc}") from None
        stdin = entry.get("stdin")
        if stdin is not None and not isinstance(stdin, str):
            raise self.fail(
                place.rpartition(".")[0] + ".stdin",
                "must be text (use 'stdin: |' for YAML)",
            )
        if kind == "kubectl":
            self.files_exist(place, words)
        if kind == "ssh" and words[0] not in node_names:
            raise self.fail(
                place, f"no node named {words[0]!r} (nodes: {', '.join(node_names)})"
            )
        return Step(kind, args.strip(), stdin, extensions=_extensions(entry))

    def wait_step(self, place: str, entry: Obj, node_names: list[str]) -> Step:
        value = entry["wait"]
        if "stdin" in entry:
            raise self.fail(place, "a wait step takes no stdin")
        if not isinstance(value, str):
            raise self.fail(
                place, f"use a duration such as 35s or 1m30s, not {value!r}"
            )
        try:
            seconds = parse_duration(value)
        except ValueError as exc:
            raise self.fail(place, str(exc)) from None
        if seconds < 0:
            raise self.fail(place, "cannot wait a negative time")
        return Step("wait", value, seconds=seconds, extensions=_extensions(entry))

    def files_exist(self, place: str, words: list[str]) -> None:
        """``-f FILE`` must name a file next to the scenario (checked up front)."""
        for name in _filenames(words):
            if name == "-" or name.startswith(("http://", "https://")):
                continue
            path = Path(name) if self.base_dir is None else self.base_dir / name
            if not path.exists():
                raise self.fail(place, f"file {name!r} not found next to the scenario")


_STEP_CHECKS: dict[str, Callable[[_Checker, str, Obj, list[str]], Step]] = {
    "kubectl": _Checker.command_step,
    "etcdctl": _Checker.command_step,
    "ssh": _Checker.command_step,
    "sim": _Checker.command_step,
    "wait": _Checker.wait_step,
}


def _yaml_problem(exc: yaml.MarkedYAMLError) -> tuple[str, str]:
    """(place, problem) for a YAML error; an error at the end of the file is
    placed where the unfinished construct began."""
    mark = exc.problem_mark
    at_end = "end of stream" in (exc.problem or "")
    if (mark is None or at_end) and exc.context_mark is not None:
        mark = exc.context_mark
    problem = exc.problem or exc.context or "unknown problem"
    if at_end and exc.context:
        problem = f"{problem} ({exc.context})"
    return (
        f"line {mark.line + 1}" if mark is not None else "",
        f"not valid YAML: {problem}",
    )


def _filenames(words: list[str]) -> list[str]:
    names: list[str] = []
    for i, word in enumerate(words):
        if word in ("-f", "--filename") and i + 1 < len(words):
            names += words[i + 1].split(",")
        elif word.startswith("--filename="):
            names += word.partition("=")[2].split(",")
        elif word.startswith("-f") and len(word) > 2:
            names += word[2:].lstrip("=").split(",")
    return names


def _extensions(mapping: Obj) -> Obj:
    return {
        k: v
        for k, v in mapping.items()
        if k in LESSON_KEYS or k == "description" or str(k).startswith("x-")
    }
