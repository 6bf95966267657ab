"""``kubectl expose`` (``pkg/cmd/expose/expose.go``): a Service for a pod,
Service, ReplicationController, Deployment or ReplicaSet, its selector,
ports, protocols and labels taken from the object unless given."""

from __future__ import annotations

from typing import Any

from cluster.api import resources
from cluster.api.errors import StatusError
from cluster.kubectl.cli import Flag
from cluster.kubectl.command import ACTOR, Command, Invocation
from cluster.kubectl.commands.common import (
    DRY_RUN_FLAG,
    FILENAME_FLAGS,
    OUTPUT_FLAG,
    dry_run_operation,
    dry_run_strategy,
    object_line,
    print_typed,
)
from cluster.kubectl.commands.resolve import from_files
from cluster.kubectl.errors import Error, KubectlError
from cluster.kubectl.printers.objects import print_object
from cluster.kubectl.selection import Found, fetch, select

Obj = dict[str, Any]
EXPOSABLE = {"Pod", "Service", "ReplicationController", "Deployment", "ReplicaSet"}


def run(inv: Invocation) -> list[Error]:
    strategy = dry_run_strategy(inv)
    if inv.opt("filename"):
        found, errors = from_files(inv, recursive=False)
    else:
        found, errors = fetch(
            inv.ctx.api, select(inv.args, allow_list=False), inv.namespace, False
        )
    for f in found:
        try:
            _expose(inv, f, strategy)
        except (KubectlError, StatusError) as exc:
            errors.append(exc)
    return errors


def _expose(inv: Invocation, f: Found, strategy: str) -> None:
    if f.rt.kind not in EXPOSABLE:
        group = f".{f.rt.group}" if f.rt.group else ""
        raise KubectlError(f"cannot expose a {f.rt.kind}{group}")
    selector = inv.opt("selector") or _selector(f)
    ports = [inv.opt("port")] if inv.opt("port") else _ports(f.obj)
    if not ports and inv.opt("cluster-ip") != "None":
        raise KubectlError("couldn't find port via --port flag or introspection")
    service = _service(inv, f, selector, ports)
    operation = dry_run_operation("exposed", strategy)
    if strategy == "client":
        # The typed Service the generator built, never sent.
        if inv.namespace_enforced:
            service["metadata"]["namespace"] = inv.namespace
        service["status"] = {"loadBalancer": {}}
        print_typed(inv, resources.SERVICE, service, operation)
        return
    created = inv.ctx.api.create(
        service, actor=ACTOR, namespace=inv.namespace, dry_run=strategy == "server"
    )
    output = inv.opt("output") or ""
    if output in ("", "name"):
        name = created["metadata"]["name"]
        inv.io.out(object_line(resources.SERVICE, name, operation, output == "name"))
    else:
        print_object(inv.io, created, output)


def _selector(f: Found) -> str:
    """``MapBasedSelectorForObject``."""
    obj = f.obj
    if f.rt.kind == "Pod":
        labels = obj["metadata"].get("labels") or {}
        if not labels:
            raise KubectlError("the pod has no labels and cannot be exposed")
        return _format(labels)
    selector = obj.get("spec", {}).get("selector") or {}
    if f.rt.kind in ("Service", "ReplicationController"):
        return _format(selector)
    if selector.get("matchExpressions"):
        raise KubectlError(
            "couldn't retrieve selectors via --selector flag or introspection: "
            'couldn\'t convert expressions - "{}" to map-based selector format'
        )
    return _format(selector.get("matchLabels") or {})


def _ports(obj: Obj) -> list[str]:
    """``PortsForObject``: container ports, or a Service's own ports."""
    if obj.get("kind") == "Service":
        return [str(p["port"]) for p in obj.get("spec", {}).get("ports") or []]
    spec = obj.get("spec", {})
    if obj.get("kind") != "Pod":
        spec = (spec.get("template") or {}).get("spec") or {}
    return [
        str(port["containerPort"])
        for container in spec.get("containers") or []
        for port in container.get("ports") or []
    ]


def _protocols(obj: Obj) -> dict[str, str]:
    if obj.get("kind") == "Service":
        ports = obj.get("spec", {}).get("ports") or []
        return {str(p["port"]): p.get("protocol", "TCP") for p in ports}
    spec = obj.get("spec", {})
    if obj.get("kind") != "Pod":
        spec = (spec.get("template") or {}).get("spec") or {}
    return {
        str(port["containerPort"]): port.get("protocol", "TCP")
        for container in spec.get("containers") or []
        for port in container.get("ports") or []
    }


def _service(inv: Invocation, f: Found, selector: str, ports: list[str]) -> Obj:
    protocols = _protocols(f.obj)
    service_ports = []
    for i, text in enumerate(ports):
        if not text.isdigit():
            raise KubectlError(f'strconv.Atoi: parsing "{text}": invalid syntax')
        port: Obj = {"port": int(text)}
        if len(ports) > 1:
            port["name"] = f"port-{i + 1}"
        port["protocol"] = inv.opt("protocol") or protocols.get(text, "TCP")
        target = inv.opt("target-port")
        port["targetPort"] = (
            (int(target) if target.isdigit() else target) if target else int(text)
        )
        service_ports.append(port)
    spec: Obj = {"selector": _parse(selector), "ports": service_ports}
    for flag, key in (
        ("type", "type"),
        ("session-affinity", "sessionAffinity"),
        ("cluster-ip", "clusterIP"),
    ):
        if inv.opt(flag):
            spec[key] = inv.opt(flag)
    if inv.opt("external-ip"):
        spec["externalIPs"] = [inv.opt("external-ip")]
    labels = inv.opt("labels") or _format(f.obj["metadata"].get("labels") or {})
    name = inv.opt("name") or f.obj["metadata"]["name"][:63]
    meta: Obj = {"name": name}
    if labels:
        meta["labels"] = _parse(labels)
    return {"apiVersion": "v1", "kind": "Service", "metadata": meta, "spec": spec}


def _format(labels: dict[str, str]) -> str:
    return ",".join(f"{k}={v}" for k, v in sorted(labels.items()))


def _parse(text: str) -> dict[str, str]:
    out: dict[str, str] = {}
    for item in text.split(","):
        key, sep, value = item.partition("=")
        if not sep or "=" in value:
            raise KubectlError(f"unexpected label spec: {item}")
        if not key:
            raise KubectlError("unexpected empty label key")
        out[key] = value
    return out


COMMAND = Command(
    "expose",
    (
        OUTPUT_FLAG,
        DRY_RUN_FLAG,
        *FILENAME_FLAGS,
        Flag("port"),
        Flag("protocol"),
        Flag("type"),
        Flag("target-port"),
        Flag("name"),
        Flag("selector"),
        Flag("labels", "l"),
        Flag("external-ip"),
        Flag("load-balancer-ip"),
        Flag("session-affinity"),
        Flag("cluster-ip"),
        Flag("save-config", "", "bool", False),
        Flag("field-manager", "", "string", "kubectl-expose"),
    ),
    run,
)
