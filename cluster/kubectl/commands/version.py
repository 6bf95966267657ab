"""``kubectl version`` (``pkg/cmd/version/version.go``): kubectl v1.35.0 with
its bundled kustomize, against an API server of the same version."""

from __future__ import annotations

from cluster.kubectl.cli import Flag, usage_error
from cluster.kubectl.command import Command, Invocation
from cluster.kubectl.commands.common import OUTPUT_FLAG, go_list, refuse_unsupported
from cluster.kubectl.errors import Error

CLIENT_VERSION = "v1.35.0"
KUSTOMIZE_VERSION = "v5.7.1"  # sigs.k8s.io/kustomize/kustomize/v5 in kubectl v0.35.0
SERVER_VERSION = "v1.35.0"


def run(inv: Invocation) -> list[Error]:
    if inv.args:
        return [usage_error(inv.path, f"Unexpected args: {go_list(inv.args)}")]
    refuse_unsupported(inv, ("output",))
    inv.io.out(f"Client Version: {CLIENT_VERSION}\n")
    inv.io.out(f"Kustomize Version: {KUSTOMIZE_VERSION}\n")
    if not inv.opt("client"):
        inv.io.out(f"Server Version: {SERVER_VERSION}\n")
    return []


COMMAND = Command("version", (OUTPUT_FLAG, Flag("client", "", "bool", False)), run)
