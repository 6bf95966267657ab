"""A read-only ``etcdctl`` (v3 API) over the simulated store.

``etcdctl get KEY [RANGE_END] [--prefix] [--keys-only] [--print-value-only]
[--limit N] [-w simple|json]`` prints what etcdctl prints, with one deliberate
difference: kube-apiserver stores objects in etcd as protobuf (``k8s\\x00...``);
the simulation stores them as JSON, so values show as compact JSON. Writes
(``put``, ``del``) are refused: in a cluster everything goes through the API
server, and the lessons never bypass it.
"""

from __future__ import annotations

import base64
import json
from typing import TYPE_CHECKING, Any

from cluster.kubectl.cli import Flag, FlagError, HelpRequested, parse

if TYPE_CHECKING:
    from cluster.console import CommandResult, ConsoleContext
    from cluster.store import KeyValue

# A real etcd reports its cluster and member ids; the simulation's are fixed
# so transcripts stay deterministic.
CLUSTER_ID = 14841639068965178418
MEMBER_ID = 10276657743932975437
RAFT_TERM = 2

GET_FLAGS = (
    Flag("prefix", "", "bool", False),
    Flag("from-key", "", "bool", False),
    Flag("keys-only", "", "bool", False),
    Flag("count-only", "", "bool", False),
    Flag("print-value-only", "", "bool", False),
    Flag("limit", "", "int", 0),
    Flag("rev", "", "int", 0),
    Flag("consistency", "", "string", "l"),
    Flag("order"),
    Flag("sort-by"),
    Flag("write-out", "w", "string", "simple"),
    Flag("hex", "", "bool", False),
    Flag("endpoints", "", "strings"),
    Flag("cacert"),
    Flag("cert"),
    Flag("key"),
    Flag("insecure-skip-tls-verify", "", "bool", False),
    Flag("command-timeout"),
    Flag("dial-timeout"),
)
_WRITES = (
    "put",
    "del",
    "txn",
    "compaction",
    "defrag",
    "lease",
    "lock",
    "elect",
    "make-mirror",
    "move-leader",
    "snapshot",
    "auth",
    "user",
    "role",
    "member",
    "alarm",
    "downgrade",
)


class _Failure(Exception):
    pass


def run(args: list[str], stdin: str | None, ctx: ConsoleContext) -> CommandResult:
    from cluster.console import CommandResult

    words = list(args)
    if not words or words[0].startswith("-"):
        return CommandResult("Error: this simulated etcdctl supports: get", False)
    command, rest = words[0], words[1:]
    if command == "get":
        try:
            return CommandResult(_get(rest, ctx).rstrip("\n"), True)
        except _Failure as exc:
            return CommandResult(f"Error: {exc}", False)
    if command in _WRITES:
        return CommandResult(
            f"Error: etcdctl {command} is not available: this "
            "simulated etcd is read-only from the console",
            False,
        )
    return CommandResult(
        f'Error: unknown command "{command}" for "etcdctl"\n'
        "Run 'etcdctl --help' for usage.",
        False,
    )


def _get(argv: list[str], ctx: ConsoleContext) -> str:
    try:
        parsed = parse(GET_FLAGS, argv, with_globals=False)
    except FlagError as exc:
        raise _Failure(exc.message) from None
    except HelpRequested:
        return "etcdctl get [options] <key> [range_end] [flags]\n"
    opts, args = parsed.values, parsed.args
    if not args:
        raise _Failure(
            "get command needs one argument as key and an optional "
            "argument as range_end"
        )
    if opts["prefix"] and opts["from-key"]:
        raise _Failure(
            "`--prefix` and `--from-key` cannot be set at the same time, choose one"
        )
    if len(args) > 1 and (opts["prefix"] or opts["from-key"]):
        raise _Failure(
            "too many arguments, only accept one argument when "
            "`--prefix` or `--from-key` is set"
        )
    kvs = _range(ctx, args[0], args[1] if len(args) > 1 else None, opts)
    more = bool(opts["limit"]) and len(kvs) > opts["limit"]
    count = len(kvs)
    if opts["limit"]:
        kvs = kvs[: opts["limit"]]
    return _print(opts, kvs, count, more, ctx.store.revision)


def _range(
    ctx: ConsoleContext, key: str, range_end: str | None, opts: dict[str, Any]
) -> list[KeyValue]:
    everything = ctx.store.range("")
    if opts["prefix"]:
        return [kv for kv in everything if kv.key.startswith(key)]
    if opts["from-key"]:
        return [kv for kv in everything if kv.key >= key]
    if range_end is not None:
        return [kv for kv in everything if key <= kv.key < range_end]
    found = ctx.store.get(key)
    return [found] if found is not None else []


def _print(
    opts: dict[str, Any], kvs: list[KeyValue], count: int, more: bool, revision: int
) -> str:
    output = opts["write-out"]
    if output == "json":
        return _json(opts, kvs, count, more, revision) + "\n"
    if output != "simple":
        raise _Failure(
            f'output format "{output}" is not supported by this '
            "simulated etcdctl (use simple or json)"
        )
    lines: list[str] = []
    for kv in kvs:
        if not opts["print-value-only"]:
            lines.append(kv.key)
        lines.append("" if opts["keys-only"] else _value(kv))
    return "".join(line + "\n" for line in lines)


def _json(
    opts: dict[str, Any], kvs: list[KeyValue], count: int, more: bool, revision: int
) -> str:
    """json.Marshal of the RangeResponse: omitempty fields, bytes as base64."""
    response: dict[str, Any] = {
        "header": {
            "cluster_id": CLUSTER_ID,
            "member_id": MEMBER_ID,
            "revision": revision,
            "raft_term": RAFT_TERM,
        }
    }
    if kvs:
        response["kvs"] = [_json_kv(kv, opts["keys-only"]) for kv in kvs]
    if more:
        response["more"] = True
    if count:
        response["count"] = count
    return json.dumps(response, separators=(",", ":"))


def _json_kv(kv: KeyValue, keys_only: bool) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "key": _b64(kv.key),
        "create_revision": kv.create_revision,
        "mod_revision": kv.mod_revision,
        "version": kv.version,
    }
    if not keys_only:
        entry["value"] = _b64(_value(kv))
    return entry


def _value(kv: KeyValue) -> str:
    return json.dumps(kv.value, separators=(",", ":"), ensure_ascii=False)


def _b64(text: str) -> str:
    return base64.b64encode(text.encode()).decode()
