"""``kubectl wait`` (``pkg/cmd/wait/wait.go``, kubectl v1.35).

The objects named by arguments, ``-f``, ``-l`` or ``--all`` are visited in
order; for each the simulation runs forward until the ``--for`` condition
holds, then ``pod/web condition met`` is printed. ``--timeout`` (30s by
default; 0 checks once; negative means a week, which the simulation cuts to
an hour) is one deadline shared by every object, as kubectl's context is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from cluster.api.errors import StatusError
from cluster.api.resources import ResourceType
from cluster.kubectl.cli import Flag
from cluster.kubectl.command import Command, Invocation
from cluster.kubectl.commands.common import FILENAME_FLAGS, OUTPUT_FLAG, SELECTOR_FLAG
from cluster.kubectl.commands.printflags import check_output
from cluster.kubectl.commands.simtime import run_until
from cluster.kubectl.commands.wait_for import WaitFor, parse_for
from cluster.kubectl.errors import Error, KubectlError
from cluster.kubectl.manifests import Item, load, read_sources
from cluster.kubectl.printers.objects import print_object
from cluster.kubectl.printers.table import kind_prefix
from cluster.kubectl.selection import Found, Selection, fetch, select

Obj = dict[str, Any]
WEEK = 168 * 3600.0
MAX_SIMULATED_WAIT = 3600.0
TIMED_OUT = "timed out waiting for the condition"


@dataclass(frozen=True)
class Named:
    """An object the builder fetches when its turn comes (``Latest``)."""

    rt: ResourceType
    name: str
    namespace: str | None


Entry = Found | Named | StatusError | KubectlError


def run(inv: Invocation) -> list[Error]:
    output = _output(inv)
    wait_for = parse_for(inv.opt("for") or "")
    timeout = _timeout(inv)
    deadline = inv.ctx.clock.now + timeout
    if wait_for.mode == "create":
        _wait_created(inv, deadline)
    errors: list[Error] = []
    visited = 0
    for entry in _entries(inv):
        found = _latest(inv, entry)
        if not isinstance(found, Found):
            if not (wait_for.mode == "delete" and _not_found(found)):
                errors.append(found)
            continue
        visited += 1
        result = _wait_one(inv, found, wait_for, None if timeout == 0 else deadline)
        if isinstance(result, Found):
            _print(inv, result, output)
        else:
            errors.append(result)
    if not errors and not visited and wait_for.mode != "delete":
        return [KubectlError("no matching resources found")]
    return errors


def _output(inv: Invocation) -> str:
    return check_output(inv.opt("output") or "", ("", "name", "json", "yaml"))


def _timeout(inv: Invocation) -> float:
    """``--timeout``; negative means a week. Like ``delete``, the simulation
    gives up after an hour of simulated time (a week would take minutes of
    real time to run) and says so as kubectl would at its deadline."""
    timeout = float(inv.opt("timeout"))
    return min(WEEK if timeout < 0 else timeout, MAX_SIMULATED_WAIT)


def _entries(inv: Invocation) -> list[Entry]:
    """What the resource builder visits, in order, with the errors it met."""
    if inv.opt("filename"):
        return _from_files(inv)
    all_ns = bool(inv.opt("all-namespaces"))
    selector, fields = inv.opt("selector"), inv.opt("field-selector")
    bulk = bool(inv.opt("all") or selector or fields)
    selection = select(inv.args, all_namespaces=all_ns, allow_list=bulk)
    if (selector or fields) and any(t.name for t in selection.targets):
        raise KubectlError("name cannot be provided when a selector is specified")
    entries: list[Entry] = []
    for target in selection.targets:
        if target.name is not None:
            namespace = inv.namespace if target.rt.namespaced else None
            entries.append(Named(target.rt, target.name, namespace))
            continue
        one = Selection((target,), False)
        found, errors = fetch(inv.ctx.api, one, inv.namespace, all_ns, selector, fields)
        entries += [*found, *errors]
    return entries


def _from_files(inv: Invocation) -> list[Entry]:
    sources = read_sources(
        inv.opt("filename"), inv.stdin, inv.ctx.base_dir, inv.opt("recursive")
    )
    loaded = load(
        sources,
        namespace=inv.namespace,
        enforce_namespace=inv.namespace_enforced,
        validate=False,
    )
    return [
        Named(e.rt, e.name, e.namespace) if isinstance(e, Item) else e
        for e in loaded.entries
    ]


def _latest(inv: Invocation, entry: Entry) -> Found | Error:
    if not isinstance(entry, Named):
        return entry
    try:
        return Found(
            entry.rt, inv.ctx.api.get(entry.rt.plural, entry.name, entry.namespace)
        )
    except StatusError as exc:
        return exc


def _not_found(error: object) -> bool:
    return isinstance(error, StatusError) and error.code == 404


def _wait_created(inv: Invocation, deadline: float) -> None:
    """``--for=create`` polls until the builder finds something and no named
    object is missing."""

    def created() -> bool:
        entries = [_latest(inv, e) for e in _entries(inv)]
        found = any(isinstance(e, Found) for e in entries)
        return found and not any(_not_found(e) for e in entries)

    if not run_until(inv, created, deadline):
        raise KubectlError(TIMED_OUT)


def _wait_one(
    inv: Invocation, found: Found, wait_for: WaitFor, deadline: float | None
) -> Found | Error:
    """Wait for one object; with no deadline (``--timeout=0``) check once."""
    if wait_for.mode == "create":
        return found
    if wait_for.mode == "delete":
        return _wait_deleted(inv, found, deadline)
    return _wait_condition(inv, found, wait_for, deadline)


def _wait_deleted(
    inv: Invocation, found: Found, deadline: float | None
) -> Found | Error:
    """``IsDeleted``: done once the object is gone (or replaced: a new uid)."""
    if deadline is None:
        return found if _gone(inv, found) else _not_met(found)
    if run_until(inv, lambda: _gone(inv, found), deadline):
        return found
    return KubectlError(f"{TIMED_OUT} on {_object_name(found)}")


def _wait_condition(
    inv: Invocation, found: Found, wait_for: WaitFor, deadline: float | None
) -> Found | Error:
    """``getObjAndCheckCondition``: the live object is checked as it changes;
    while it is missing the wait goes on."""
    latest: list[Found] = [found]

    def met() -> bool:
        live = _live(inv, found)
        if live is not None:
            latest[0] = live
        return live is not None and wait_for.met(live.obj)

    if deadline is None:
        if _live(inv, found) is None:
            return _latest(inv, _named(found))
        return latest[0] if met() else _not_met(found)
    if run_until(inv, met, deadline):
        return latest[0]
    return KubectlError(f"{TIMED_OUT} on {_object_name(found)}")


def _not_met(found: Found) -> KubectlError:
    return KubectlError(f"condition not met for {_object_name(found)}")


def _named(found: Found) -> Named:
    meta = found.obj["metadata"]
    return Named(found.rt, meta["name"], meta.get("namespace"))


def _live(inv: Invocation, found: Found) -> Found | None:
    result = _latest(inv, _named(found))
    return result if isinstance(result, Found) else None


def _gone(inv: Invocation, found: Found) -> bool:
    live = _live(inv, found)
    uid = found.obj["metadata"].get("uid")
    return live is None or live.obj["metadata"].get("uid") != uid


def _object_name(found: Found) -> str:
    """``Info.ObjectName``: the plural resource and the name."""
    return f"{found.rt.plural}/{found.obj['metadata']['name']}"


def _print(inv: Invocation, found: Found, output: str) -> None:
    if output in ("json", "yaml"):
        print_object(inv.io, found.obj, output)
        return
    text = f"{kind_prefix(found.rt)}/{found.obj['metadata']['name']}"
    inv.io.out(text + ("\n" if output == "name" else " condition met\n"))


COMMAND = Command(
    "wait",
    (
        OUTPUT_FLAG,
        SELECTOR_FLAG,
        *FILENAME_FLAGS,
        Flag("for"),
        Flag("timeout", "", "duration", 30.0),
        Flag("all", "", "bool", False),
        Flag("all-namespaces", "A", "bool", False),
        Flag("field-selector"),
        Flag("local", "", "bool", False),
        Flag("allow-missing-template-keys", "", "bool", True),
        Flag("show-managed-fields", "", "bool", False),
        Flag("template"),
    ),
    run,
)
