"""``kubectl create service clusterip|nodeport|loadbalancer|externalname NAME``
and ``kubectl create namespace NAME`` (``pkg/cmd/create``)."""

from __future__ import annotations

import re
from typing import Any

from cluster.api import names, resources
from cluster.api.errors import StatusError
from cluster.kubectl.cli import Flag, usage_error
from cluster.kubectl.command import ACTOR, Command, Invocation, Runner
from cluster.kubectl.commands.common import (
    DRY_RUN_FLAG,
    OUTPUT_FLAG,
    dry_run_operation,
    dry_run_strategy,
    print_typed,
)
from cluster.kubectl.errors import Error, KubectlError

Obj = dict[str, Any]
_PORT_NAME = re.compile(r"^[-a-z0-9]+$")
COMMON_FLAGS = (
    OUTPUT_FLAG,
    DRY_RUN_FLAG,
    Flag("save-config", "", "bool", False),
    Flag("validate", "", "string", "strict", no_opt="strict"),
    Flag("field-manager", "", "string", "kubectl-create"),
)


def name_from_args(inv: Invocation) -> str:
    """``NameFromCommandArgs``: exactly one NAME."""
    if len(inv.args) != 1:
        raise usage_error(
            inv.path, f"exactly one NAME is required, got {len(inv.args)}"
        )
    return inv.args[0]


def create_typed(inv: Invocation, obj: Obj, namespace: str | None) -> Obj | None:
    """Send the generated object (or with ``--dry-run=client`` keep it) and
    print it; None when the API refused it (``StatusError`` propagates)."""
    strategy = dry_run_strategy(inv)
    if strategy != "client":
        obj = inv.ctx.api.create(
            obj, actor=ACTOR, namespace=namespace, dry_run=strategy == "server"
        )
    rt = resources.for_kind(obj["kind"], obj["apiVersion"])
    print_typed(inv, rt, obj, dry_run_operation("created", strategy))
    return obj


def parse_port(spec: str) -> tuple[int, int | str]:
    """``parsePorts``: ``port[:targetPort]``, the target a number or a name."""
    parts = spec.split(":")
    port = _port_number(parts[0], allow_zero=True)
    if len(parts) == 1:
        return port, port
    if parts[1].isdigit():
        return port, _port_number(parts[1], allow_zero=False)
    if not _valid_port_name(parts[1]):
        raise KubectlError(
            "must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)"
        )
    return port, parts[1]


def _port_number(text: str, allow_zero: bool) -> int:
    if not text.isdigit():
        raise KubectlError(f'strconv.ParseUint: parsing "{text}": invalid syntax')
    number = int(text)
    if number > 65535 or (number == 0 and not allow_zero):
        raise KubectlError("must be between 1 and 65535, inclusive")
    return number


def _valid_port_name(name: str) -> bool:
    return (
        len(name) <= 15
        and bool(_PORT_NAME.match(name))
        and any(c.isalpha() for c in name)
    )


def _service_runner(kind: str) -> Runner:
    def run(inv: Invocation) -> list[Error]:
        name = name_from_args(inv)
        dry_run_strategy(inv)  # Complete checks the flag before Validate runs
        cluster_ip = inv.opt("clusterip") if kind == "ClusterIP" else None
        tcp = list(inv.opt("tcp") or [])
        if cluster_ip == "None" and kind != "ClusterIP":
            raise KubectlError(
                "ClusterIP=None can only be used with ClusterIP service type"
            )
        if cluster_ip != "None" and not tcp and kind != "ExternalName":
            raise KubectlError("at least one tcp port specifier must be provided")
        external = inv.opt("external-name") if kind == "ExternalName" else ""
        if kind == "ExternalName" and names.dns1123_subdomain(external or ""):
            raise KubectlError(f"invalid service external name {external}")
        service = _service(inv, name, kind, tcp, cluster_ip, external)
        if inv.namespace_enforced:
            service["metadata"]["namespace"] = inv.namespace
        try:
            create_typed(inv, service, inv.namespace)
        except StatusError as exc:
            return [KubectlError(f"failed to create {kind} service: {exc.message}")]
        return []

    return run


def _service(
    inv: Invocation,
    name: str,
    kind: str,
    tcp: list[str],
    cluster_ip: str | None,
    external: str,
) -> Obj:
    node_port = inv.opt("node-port") if kind == "NodePort" else 0
    ports = []
    for text in tcp:
        port, target = parse_port(text)
        entry: Obj = {
            "name": text.replace(":", "-"),
            "port": port,
            "targetPort": target,
            "protocol": "TCP",
        }
        if node_port:
            entry["nodePort"] = node_port
        ports.append(entry)
    spec: Obj = {"type": kind, "selector": {"app": name}, "ports": ports}
    if external:
        spec["externalName"] = external
    if cluster_ip:
        spec["clusterIP"] = cluster_ip
    return {
        "apiVersion": "v1",
        "kind": "Service",
        "metadata": {"name": name, "labels": {"app": name}},
        "spec": spec,
        "status": {"loadBalancer": {}},
    }


def _namespace_run(inv: Invocation) -> list[Error]:
    name = name_from_args(inv)
    dry_run_strategy(inv)
    namespace = {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": {"name": name},
        "spec": {},
        "status": {},
    }
    try:
        create_typed(inv, namespace, None)
    except StatusError as exc:
        return [exc]
    return []


def _service_group(inv: Invocation) -> list[Error]:
    """``DefaultSubCommandRun``: help without arguments, else an unknown command."""
    if inv.args:
        return [usage_error(inv.path, f'unknown command "{" ".join(inv.args)}"')]
    inv.io.out(_SERVICE_HELP)
    return []


_SERVICE_HELP = (
    "Create a service using a specified subcommand.\n\n"
    "Aliases:\nservice, svc\n\nAvailable Commands:\n"
    "  clusterip      Create a ClusterIP service\n"
    "  externalname   Create an ExternalName service\n"
    "  loadbalancer   Create a LoadBalancer service\n"
    "  nodeport       Create a NodePort service\n\n"
    "Usage:\n  kubectl create service [flags] [options]\n"
)
_TCP = Flag("tcp", "", "strings")
SERVICE = Command(
    "service",
    COMMON_FLAGS,
    _service_group,
    subcommands=(
        Command(
            "clusterip",
            (*COMMON_FLAGS, _TCP, Flag("clusterip")),
            _service_runner("ClusterIP"),
        ),
        Command(
            "nodeport",
            (*COMMON_FLAGS, _TCP, Flag("node-port", "", "int", 0)),
            _service_runner("NodePort"),
        ),
        Command("loadbalancer", (*COMMON_FLAGS, _TCP), _service_runner("LoadBalancer")),
        Command(
            "externalname",
            (*COMMON_FLAGS, _TCP, Flag("external-name")),
            _service_runner("ExternalName"),
        ),
    ),
)
NAMESPACE = Command("namespace", COMMON_FLAGS, _namespace_run)
SERVICE_ALIAS = Command("svc", SERVICE.flags, SERVICE.run, SERVICE.subcommands)
NAMESPACE_ALIAS = Command("ns", NAMESPACE.flags, NAMESPACE.run)
SUBCOMMANDS = (SERVICE, SERVICE_ALIAS, NAMESPACE, NAMESPACE_ALIAS)
