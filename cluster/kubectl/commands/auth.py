"""``kubectl auth can-i`` (``pkg/cmd/auth/cani.go``). The console's user is
kubeadm's ``kubernetes-admin`` (group ``kubeadm:cluster-admins``, bound to
cluster-admin), so every request is allowed: ``yes``. kubectl's own warnings
for unknown verbs and resources are kept, with the blank line its doubled
newline leaves."""

from __future__ import annotations

from cluster.api import resources
from cluster.api.resources import ResourceType
from cluster.kubectl.cli import Flag
from cluster.kubectl.command import Command, Invocation
from cluster.kubectl.commands.common import refuse_unsupported
from cluster.kubectl.errors import Error, KubectlError

RESOURCE_VERBS = (
    "get list watch create update patch delete deletecollection use bind "
    "impersonate * approve sign escalate attest"
).split()
URL_VERBS = ("get", "put", "post", "head", "options", "delete", "patch", "*")
_TWO_ARGS = (
    "you must specify two arguments: verb resource or verb resource/resourceName."
    "\nSee 'kubectl auth can-i -h' for help and examples."
)


def _can_i(inv: Invocation) -> list[Error]:
    refuse_unsupported(inv, ("list", "as", "as-group"))
    if len(inv.args) != 2:
        return [KubectlError(_TWO_ARGS)]
    verb, target = inv.args
    if inv.opt("no-headers"):
        return [KubectlError("--no-headers cannot be set without --list specified")]
    for warning in _warnings(inv, verb, target):
        inv.io.err(f"Warning: {warning}\n")
    if not inv.opt("quiet"):
        inv.io.out("yes\n")
    return []


def _warnings(inv: Invocation, verb: str, target: str) -> list[str]:
    if target.startswith("/"):
        return [] if verb in URL_VERBS else [f"verb '{verb}' is not a known verb\n"]
    resource = target.split("/", 1)[0].lower()
    rt, found = _resource_for(resource)
    if inv.opt("all-namespaces"):
        return found
    if rt is not None and not rt.namespaced:
        where = f" in group '{rt.group}'" if rt.group else ""
        found.append(f"resource '{rt.plural}' is not namespace scoped{where}\n")
    if verb not in RESOURCE_VERBS:
        found.append(f"verb '{verb}' is not a known verb\n")
    return found


def _resource_for(resource: str) -> tuple[ResourceType | None, list[str]]:
    """``resourceFor``: the type, or the warning for one the server lacks."""
    if resource == "*":
        return None, []
    try:
        return resources.lookup(resource), []
    except KeyError:
        pass
    name, _, group = resource.partition(".")
    if resource in ("users", "groups"):
        return None, []
    where = f" in group '{group}'" if group else ""
    return None, [f"the server doesn't have a resource type '{name}'{where}\n"]


def _parent(inv: Invocation) -> list[Error]:
    word = inv.args[0] if inv.args else ""
    if word:
        return [KubectlError(f'unknown command "{word}" for "kubectl auth"')]
    inv.io.out("Inspect authorization.\n")
    return []


COMMAND = Command(
    "auth",
    (),
    _parent,
    subcommands=(
        Command(
            "can-i",
            (
                Flag("all-namespaces", "A", "bool", False),
                Flag("quiet", "q", "bool", False),
                Flag("list", "", "bool", False),
                Flag("no-headers", "", "bool", False),
                Flag("subresource"),
                Flag("as"),
                Flag("as-group", "", "strings"),
            ),
            _can_i,
        ),
    ),
)
