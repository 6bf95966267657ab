"""``kubectl describe`` (``pkg/cmd/describe/describe.go``)."""

from __future__ import annotations

from cluster.api.errors import StatusError
from cluster.kubectl.cli import Flag
from cluster.kubectl.command import Command, Invocation
from cluster.kubectl.commands.common import FILENAME_FLAGS, SELECTOR_FLAG
from cluster.kubectl.commands.resolve import from_files
from cluster.kubectl.describe import describer_for
from cluster.kubectl.errors import Error, KubectlError
from cluster.kubectl.selection import Found, fetch, select

_NO_TYPE = (
    'You must specify the type of resource to describe. Use "kubectl '
    'api-resources" for a complete list of supported resources.'
)


def run(inv: Invocation) -> list[Error]:
    all_ns = bool(inv.opt("all-namespaces"))
    if not inv.args and not inv.opt("filename"):
        return [KubectlError(_NO_TYPE)]
    if inv.opt("filename"):
        found, errors = from_files(inv)
    else:
        selection = select(inv.args, all_namespaces=all_ns)
        found, errors = fetch(
            inv.ctx.api, selection, inv.namespace, all_ns, inv.opt("selector")
        )
        if _only_not_found(errors) and len(inv.args) == 2:
            return _by_prefix(inv, errors[0], inv.args[0], inv.args[1])
    texts: list[str] = []
    for f in found:
        text = _describe(inv, f, errors)
        if text is not None:
            texts.append(text)
    inv.io.out("\n\n".join(texts))
    if not found and not errors:
        inv.io.err(
            "No resources found\n"
            if all_ns
            else f"No resources found in {inv.namespace} namespace.\n"
        )
    return errors


def _describe(inv: Invocation, found: Found, errors: list[Error]) -> str | None:
    describer = describer_for(found.rt.kind)
    if describer is None:
        error = KubectlError(
            f"describing a {found.rt.kind} is not supported by this "
            "simulated cluster yet"
        )
        if not any(str(e) == str(error) for e in errors):
            errors.append(error)
        return None
    return describer(inv.ctx.api, found.obj, inv.now())


def _only_not_found(errors: list[Error]) -> bool:
    return bool(errors) and all(
        isinstance(e, StatusError) and e.code == 404 for e in errors
    )


def _by_prefix(inv: Invocation, original: Error, kind: str, prefix: str) -> list[Error]:
    """``kubectl describe pods web`` also describes every pod named ``web...``."""
    selection = select([kind])
    found, errors = fetch(inv.ctx.api, selection, inv.namespace, False)
    matches = [f for f in found if f.obj["metadata"]["name"].startswith(prefix)]
    if errors or not matches:
        return errors or [original]
    for f in matches:
        text = _describe(inv, f, errors)
        if text is not None:
            inv.io.out(text + "\n")
    return errors


COMMAND = Command(
    "describe",
    (
        SELECTOR_FLAG,
        *FILENAME_FLAGS,
        Flag("all-namespaces", "A", "bool", False),
        Flag("show-events", "", "bool", True),
        Flag("chunk-size", "", "int", 500),
    ),
    run,
)
