"""The table columns of ``kubectl get`` per kind.

These are the server-side printers of ``pkg/printers/internalversion/printers.go``
(column names in Title case there, upper-cased by kubectl). A column with
``wide=True`` has priority 1 and shows only with ``-o wide``. To add a kind,
add a tuple of columns to ``TABLES``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cluster.kubectl.podstatus import (
    last_termination,
    node_roles,
    node_status,
    pod_ready,
    pod_restart_count,
    pod_status,
)
from cluster.kubectl.timefmt import since

Obj = dict[str, Any]
Cell = Callable[[Obj, datetime], str]


@dataclass(frozen=True)
class Column:
    header: str
    cell: Cell
    wide: bool = False
    is_name: bool = False  # the column kubectl prefixes with ``kind/``


def _name(obj: Obj, now: datetime) -> str:
    return str(obj["metadata"]["name"])


def _age(obj: Obj, now: datetime) -> str:
    return since(obj["metadata"].get("creationTimestamp"), now)


NAME = Column("NAME", _name, is_name=True)
AGE = Column("AGE", _age)


# -- pods ---------------------------------------------------------------------


def pod_restarts(pod: Obj, now: datetime) -> str:
    """``3`` or, once a container has restarted, ``3 (45s ago)``."""
    count = pod_restart_count(pod)
    finished = last_termination(pod)
    if count != 0 and finished:
        return f"{count} ({since(finished, now)} ago)"
    return str(count)


def _pod_ip(pod: Obj, now: datetime) -> str:
    status = pod.get("status", {})
    ips = status.get("podIPs") or []
    ip = ips[0].get("ip") if ips else status.get("podIP")
    return ip or "<none>"


def _readiness_gates(pod: Obj, now: datetime) -> str:
    gates = pod.get("spec", {}).get("readinessGates") or []
    if not gates:
        return "<none>"
    conditions = {
        c.get("type"): c.get("status")
        for c in pod.get("status", {}).get("conditions") or []
    }
    ready = sum(1 for g in gates if conditions.get(g.get("conditionType")) == "True")
    return f"{ready}/{len(gates)}"


POD_COLUMNS = (
    NAME,
    Column("READY", lambda p, now: pod_ready(p)),
    Column("STATUS", lambda p, now: pod_status(p)),
    Column("RESTARTS", pod_restarts),
    AGE,
    Column("IP", _pod_ip, wide=True),
    Column(
        "NODE", lambda p, now: p.get("spec", {}).get("nodeName") or "<none>", wide=True
    ),
    Column(
        "NOMINATED NODE",
        lambda p, now: p.get("status", {}).get("nominatedNodeName") or "<none>",
        wide=True,
    ),
    Column("READINESS GATES", _readiness_gates, wide=True),
)


# -- nodes --------------------------------------------------------------------


def _node_address(kind: str) -> Cell:
    def cell(node: Obj, now: datetime) -> str:
        for address in node.get("status", {}).get("addresses") or []:
            if address.get("type") == kind:
                return str(address.get("address"))
        return "<none>"

    return cell


def _node_info(key: str) -> Cell:
    def cell(node: Obj, now: datetime) -> str:
        return node.get("status", {}).get("nodeInfo", {}).get(key) or "<unknown>"

    return cell


NODE_COLUMNS = (
    NAME,
    Column("STATUS", lambda n, now: node_status(n)),
    Column("ROLES", lambda n, now: ",".join(node_roles(n)) or "<none>"),
    AGE,
    Column(
        "VERSION",
        lambda n, now: (
            n.get("status", {}).get("nodeInfo", {}).get("kubeletVersion", "")
        ),
    ),
    Column("INTERNAL-IP", _node_address("InternalIP"), wide=True),
    Column("EXTERNAL-IP", _node_address("ExternalIP"), wide=True),
    Column("OS-IMAGE", _node_info("osImage"), wide=True),
    Column("KERNEL-VERSION", _node_info("kernelVersion"), wide=True),
    Column("CONTAINER-RUNTIME", _node_info("containerRuntimeVersion"), wide=True),
)


# -- namespaces ---------------------------------------------------------------

NAMESPACE_COLUMNS = (
    NAME,
    Column("STATUS", lambda ns, now: ns.get("status", {}).get("phase", "")),
    AGE,
)


# -- events -------------------------------------------------------------------


def event_first_seen(event: Obj, now: datetime) -> str:
    if event.get("firstTimestamp"):
        return since(event["firstTimestamp"], now)
    return since(event.get("eventTime"), now)


def event_last_seen(event: Obj, now: datetime) -> str:
    if event.get("series"):
        return since(event["series"].get("lastObservedTime"), now)
    if event.get("lastTimestamp"):
        return since(event["lastTimestamp"], now)
    return event_first_seen(event, now)


def event_count(event: Obj) -> int:
    if event.get("series"):
        return int(event["series"].get("count", 0))
    # Singleton events of the events.k8s.io API carry no count.
    return int(event.get("count") or 1)


def _event_object(event: Obj, now: datetime) -> str:
    involved = event.get("involvedObject", {})
    kind = str(involved.get("kind", "")).lower()
    return f"{kind}/{involved['name']}" if involved.get("name") else kind


def event_source(event: Obj) -> str:
    """``formatEventSource``: component (or reportingController), then host."""
    source = event.get("source") or {}
    component = source.get("component") or event.get("reportingComponent") or ""
    host = source.get("host") or event.get("reportingInstance") or ""
    return f"{component}, {host}" if host else component


EVENT_COLUMNS = (
    Column("LAST SEEN", event_last_seen),
    Column("TYPE", lambda e, now: e.get("type", "")),
    Column("REASON", lambda e, now: e.get("reason", "")),
    Column("OBJECT", _event_object),
    Column(
        "SUBOBJECT",
        lambda e, now: e.get("involvedObject", {}).get("fieldPath", ""),
        wide=True,
    ),
    Column("SOURCE", lambda e, now: event_source(e), wide=True),
    Column("MESSAGE", lambda e, now: str(e.get("message", "")).strip()),
    Column("FIRST SEEN", event_first_seen, wide=True),
    Column("COUNT", lambda e, now: str(event_count(e)), wide=True),
    Column("NAME", _name, wide=True, is_name=True),
)


TABLES: dict[str, tuple[Column, ...]] = {
    "Pod": POD_COLUMNS,
    "Node": NODE_COLUMNS,
    "Namespace": NAMESPACE_COLUMNS,
    "Event": EVENT_COLUMNS,
}

# What the API server's default table convertor shows for kinds without a
# printer of their own.
DEFAULT_COLUMNS = (NAME, AGE)


def columns_for(kind: str) -> tuple[Column, ...]:
    if kind not in TABLES:
        TABLES.update(_kind_modules())
    return TABLES.get(kind, DEFAULT_COLUMNS)


def _kind_modules() -> dict[str, tuple[Column, ...]]:
    """Kinds whose columns live in modules of their own (which use NAME, AGE
    and Column from here, so they are imported on first use)."""
    from cluster.kubectl.printers import (
        network_columns,
        policy_columns,
        workload_columns,
    )

    return {
        "Service": network_columns.SERVICE_COLUMNS,
        "Endpoints": network_columns.ENDPOINTS_COLUMNS,
        "EndpointSlice": network_columns.ENDPOINTSLICE_COLUMNS,
        "ResourceQuota": policy_columns.RESOURCEQUOTA_COLUMNS,
        "PriorityClass": policy_columns.PRIORITYCLASS_COLUMNS,
        "Lease": policy_columns.LEASE_COLUMNS,
        "PodDisruptionBudget": policy_columns.PODDISRUPTIONBUDGET_COLUMNS,
        "Deployment": workload_columns.DEPLOYMENT_COLUMNS,
        "ReplicaSet": workload_columns.REPLICASET_COLUMNS,
        "DaemonSet": workload_columns.DAEMONSET_COLUMNS,
        "Job": workload_columns.JOB_COLUMNS,
    }
