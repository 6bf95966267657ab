"""``kubectl get`` columns of the workload kinds (``printers.go``
``printDeployment``, ``printReplicaSet``, ``printDaemonSet``, ``printJob``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cluster.api.labelselector import format_selector
from cluster.kubectl.printers.columns import AGE, NAME, Column
from cluster.kubectl.timefmt import human_duration, parse_timestamp, since

Obj = dict[str, Any]


def _spec(obj: Obj, key: str, default: Any = 0) -> Any:
    return (obj.get("spec") or {}).get(key, default)


def _count(header: str, key: str) -> Column:
    return Column(header, lambda o, now: str((o.get("status") or {}).get(key, 0)))


def _containers(obj: Obj, now: datetime) -> str:
    spec = (obj["spec"].get("template") or {}).get("spec") or {}
    return ",".join(c.get("name", "") for c in spec.get("containers") or [])


def _images(obj: Obj, now: datetime) -> str:
    spec = (obj["spec"].get("template") or {}).get("spec") or {}
    return ",".join(c.get("image", "") for c in spec.get("containers") or [])


def _selector(obj: Obj, now: datetime) -> str:
    """``LabelSelectorAsSelector(...).String()``; an empty selector prints empty."""
    text = format_selector(obj["spec"].get("selector"))
    return "" if text == "<none>" else text


WIDE = (
    Column("CONTAINERS", _containers, wide=True),
    Column("IMAGES", _images, wide=True),
    Column("SELECTOR", _selector, wide=True),
)


def _deployment_ready(d: Obj, now: datetime) -> str:
    ready = (d.get("status") or {}).get("readyReplicas", 0)
    return f"{ready}/{_spec(d, 'replicas', 1)}"


DEPLOYMENT_COLUMNS = (
    NAME,
    Column("READY", _deployment_ready),
    _count("UP-TO-DATE", "updatedReplicas"),
    _count("AVAILABLE", "availableReplicas"),
    AGE,
    *WIDE,
)

REPLICASET_COLUMNS = (
    NAME,
    Column("DESIRED", lambda rs, now: str(_spec(rs, "replicas", 1))),
    _count("CURRENT", "replicas"),
    _count("READY", "readyReplicas"),
    AGE,
    *WIDE,
)


def _node_selector(ds: Obj, now: datetime) -> str:
    spec = (ds["spec"].get("template") or {}).get("spec") or {}
    labels = spec.get("nodeSelector") or {}
    return ",".join(f"{k}={labels[k]}" for k in sorted(labels)) or "<none>"


DAEMONSET_COLUMNS = (
    NAME,
    _count("DESIRED", "desiredNumberScheduled"),
    _count("CURRENT", "currentNumberScheduled"),
    _count("READY", "numberReady"),
    _count("UP-TO-DATE", "updatedNumberScheduled"),
    _count("AVAILABLE", "numberAvailable"),
    Column("NODE SELECTOR", _node_selector),
    AGE,
    *WIDE,
)


def job_status(job: Obj) -> str:
    """Complete, Failed, Terminating, Suspended, FailureTarget,
    SuccessCriteriaMet or Running, in that order of precedence."""
    true = {
        c.get("type")
        for c in (job.get("status") or {}).get("conditions") or []
        if c.get("status") == "True"
    }
    for condition in ("Complete", "Failed"):
        if condition in true:
            return condition
    if job["metadata"].get("deletionTimestamp"):
        return "Terminating"
    for condition in ("Suspended", "FailureTarget", "SuccessCriteriaMet"):
        if condition in true:
            return condition
    return "Running"


def _completions(job: Obj, now: datetime) -> str:
    succeeded = (job.get("status") or {}).get("succeeded", 0)
    completions = _spec(job, "completions", None)
    if completions is not None:
        return f"{succeeded}/{completions}"
    parallelism = _spec(job, "parallelism", 0) or 0
    return f"{succeeded}/1 of {parallelism}" if parallelism > 1 else f"{succeeded}/1"


def job_duration(job: Obj, now: datetime) -> str:
    status = job.get("status") or {}
    start = status.get("startTime")
    if not start:
        return ""
    end = status.get("completionTime")
    if not end:
        return since(start, now)
    seconds = (parse_timestamp(end) - parse_timestamp(start)).total_seconds()
    return human_duration(seconds)


JOB_COLUMNS = (
    NAME,
    Column("STATUS", lambda j, now: job_status(j)),
    Column("COMPLETIONS", _completions),
    Column("DURATION", job_duration),
    AGE,
    *WIDE,
)
