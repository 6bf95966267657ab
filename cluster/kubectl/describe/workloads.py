"""``kubectl describe deployment|replicaset|daemonset|job`` (describe.go
``describeDeployment``, ``describeReplicaSet``, ``describeDaemonSet``,
``describeJob``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cluster.api.labelselector import format_selector
from cluster.kubectl.describe.events import describe_events, search_events
from cluster.kubectl.describe.template import describe_pod_template
from cluster.kubectl.describe.writer import (
    PrefixWriter,
    annotations_multiline,
    labels_multiline,
)
from cluster.kubectl.timefmt import human_duration, parse_timestamp, rfc1123z

Obj = dict[str, Any]
HASH_LABEL = "pod-template-hash"


def describe_deployment(api: Any, d: Obj, now: datetime) -> str:
    meta, spec, status = d["metadata"], d["spec"], d.get("status") or {}
    w = PrefixWriter()
    _name_namespace(w, d)
    w.write(0, f"CreationTimestamp:\t{rfc1123z(meta.get('creationTimestamp'))}\n")
    labels_multiline(w, "Labels", meta.get("labels"))
    annotations_multiline(w, "Annotations", meta.get("annotations"))
    w.write(0, f"Selector:\t{_selector(spec)}\n")
    w.write(
        0,
        f"Replicas:\t{spec.get('replicas', 1)} desired | "
        f"{status.get('updatedReplicas', 0)} updated | "
        f"{status.get('replicas', 0)} total | "
        f"{status.get('availableReplicas', 0)} available | "
        f"{status.get('unavailableReplicas', 0)} unavailable\n",
    )
    strategy = spec.get("strategy") or {}
    w.write(0, f"StrategyType:\t{strategy.get('type', '')}\n")
    w.write(0, f"MinReadySeconds:\t{spec.get('minReadySeconds', 0)}\n")
    if strategy.get("rollingUpdate") is not None:
        rolling = strategy["rollingUpdate"]
        w.write(
            0,
            f"RollingUpdateStrategy:\t{rolling.get('maxUnavailable')} max unavailable, "
            f"{rolling.get('maxSurge')} max surge\n",
        )
    describe_pod_template(w, spec.get("template"))
    _conditions(w, status)
    _replica_sets(w, api, d)
    _events(w, api, d, now)
    return w.getvalue()


def describe_replicaset(api: Any, rs: Obj, now: datetime) -> str:
    meta, spec, status = rs["metadata"], rs["spec"], rs.get("status") or {}
    w = PrefixWriter()
    _name_namespace(w, rs)
    w.write(0, f"Selector:\t{format_selector(spec.get('selector'))}\n")
    labels_multiline(w, "Labels", meta.get("labels"))
    annotations_multiline(w, "Annotations", meta.get("annotations"))
    _controlled_by(w, meta)
    w.write(
        0,
        f"Replicas:\t{status.get('replicas', 0)} current / "
        f"{spec.get('replicas', 1)} desired\n",
    )
    w.write(0, f"Pods Status:\t{_pod_phases(api, rs)}\n")
    describe_pod_template(w, spec.get("template"))
    _conditions(w, status)
    _events(w, api, rs, now)
    return w.getvalue()


def describe_daemonset(api: Any, ds: Obj, now: datetime) -> str:
    meta, spec, status = ds["metadata"], ds["spec"], ds.get("status") or {}
    w = PrefixWriter()
    _name_namespace(w, ds)
    w.write(0, f"Selector:\t{_selector(spec)}\n")
    node_selector = (spec.get("template") or {}).get("spec", {}).get("nodeSelector")
    shown = ",".join(f"{k}={v}" for k, v in sorted((node_selector or {}).items()))
    w.write(0, f"Node-Selector:\t{shown or '<none>'}\n")
    labels_multiline(w, "Labels", meta.get("labels"))
    annotations_multiline(w, "Annotations", meta.get("annotations"))
    for title, key in (
        ("Desired Number of Nodes Scheduled", "desiredNumberScheduled"),
        ("Current Number of Nodes Scheduled", "currentNumberScheduled"),
        ("Number of Nodes Scheduled with Up-to-date Pods", "updatedNumberScheduled"),
        ("Number of Nodes Scheduled with Available Pods", "numberAvailable"),
        ("Number of Nodes Misscheduled", "numberMisscheduled"),
    ):
        w.write(0, f"{title}: {status.get(key, 0)}\n")
    w.write(0, f"Pods Status:\t{_pod_phases(api, ds)}\n")
    describe_pod_template(w, spec.get("template"))
    _events(w, api, ds, now)
    return w.getvalue()


def describe_job(api: Any, job: Obj, now: datetime) -> str:
    meta, spec, status = job["metadata"], job["spec"], job.get("status") or {}
    w = PrefixWriter()
    _name_namespace(w, job)
    w.write(0, f"Selector:\t{_selector(spec)}\n")
    labels_multiline(w, "Labels", meta.get("labels"))
    annotations_multiline(w, "Annotations", meta.get("annotations"))
    _controlled_by(w, meta)
    _job_spec(w, spec)
    _job_times(w, spec, status)
    w.write(
        0,
        f"Pods Statuses:\t{status.get('active', 0)} Active "
        f"({status.get('ready', 0)} Ready) / {status.get('succeeded', 0)} "
        f"Succeeded / {status.get('failed', 0)} Failed\n"
        if "ready" in status
        else f"Pods Statuses:\t{status.get('active', 0)} Active / "
        f"{status.get('succeeded', 0)} Succeeded / {status.get('failed', 0)} Failed\n",
    )
    describe_pod_template(w, spec.get("template"))
    _events(w, api, job, now)
    return w.getvalue()


def _job_spec(w: PrefixWriter, spec: Obj) -> None:
    if spec.get("parallelism") is not None:
        w.write(0, f"Parallelism:\t{spec['parallelism']}\n")
    completions = spec.get("completions")
    w.write(0, f"Completions:\t{'<unset>' if completions is None else completions}\n")
    if spec.get("completionMode") is not None:
        w.write(0, f"Completion Mode:\t{spec['completionMode']}\n")
    if spec.get("suspend") is not None:
        w.write(0, f"Suspend:\t{'true' if spec['suspend'] else 'false'}\n")
    if spec.get("backoffLimit") is not None:
        w.write(0, f"Backoff Limit:\t{spec['backoffLimit']}\n")
    if spec.get("ttlSecondsAfterFinished") is not None:
        w.write(0, f"TTL Seconds After Finished:\t{spec['ttlSecondsAfterFinished']}\n")


def _job_times(w: PrefixWriter, spec: Obj, status: Obj) -> None:
    start, end = status.get("startTime"), status.get("completionTime")
    if start:
        w.write(0, f"Start Time:\t{rfc1123z(start)}\n")
    if end:
        w.write(0, f"Completed At:\t{rfc1123z(end)}\n")
    if start and end:
        took = (parse_timestamp(end) - parse_timestamp(start)).total_seconds()
        w.write(0, f"Duration:\t{human_duration(took)}\n")
    if spec.get("activeDeadlineSeconds") is not None:
        w.write(0, f"Active Deadline Seconds:\t{spec['activeDeadlineSeconds']}s\n")


def _name_namespace(w: PrefixWriter, obj: Obj) -> None:
    w.write(0, f"Name:\t{obj['metadata']['name']}\n")
    w.write(0, f"Namespace:\t{obj['metadata'].get('namespace', '')}\n")


def _selector(spec: Obj) -> str:
    """A ``labels.Selector`` printed with ``%s``: empty when it has no
    requirements."""
    text = format_selector(spec.get("selector"))
    return "" if text == "<none>" else text


def _controlled_by(w: PrefixWriter, meta: Obj) -> None:
    for ref in meta.get("ownerReferences") or []:
        if ref.get("controller"):
            w.write(0, f"Controlled By:\t{ref.get('kind')}/{ref.get('name')}\n")
            return


def _conditions(w: PrefixWriter, status: Obj) -> None:
    conditions = status.get("conditions") or []
    if not conditions:
        return
    w.write(0, "Conditions:\n  Type\tStatus\tReason\n")
    w.write(1, "----\t------\t------\n")
    for cond in conditions:
        w.write(
            1, f"{cond.get('type')} \t{cond.get('status')}\t{cond.get('reason', '')}\n"
        )


def _replica_sets(w: PrefixWriter, api: Any, d: Obj) -> None:
    """``OldReplicaSets`` / ``NewReplicaSet``, from the ReplicaSets the
    Deployment controls (``GetAllReplicaSets``: old ones need replicas)."""
    owned = [
        rs
        for rs in api.list("replicasets", d["metadata"]["namespace"])
        if any(
            r.get("controller") and r.get("uid") == d["metadata"].get("uid")
            for r in rs["metadata"].get("ownerReferences") or []
        )
    ]
    owned.sort(
        key=lambda rs: (
            rs["metadata"].get("creationTimestamp", ""),
            rs["metadata"]["name"],
        )
    )
    new = next((rs for rs in owned if _same_template(rs, d)), None)
    old = [rs for rs in owned if rs is not new and rs["spec"].get("replicas", 0) > 0]
    if not old and new is None:
        return
    w.write(0, f"OldReplicaSets:\t{_rs_list(old)}\n")
    w.write(0, f"NewReplicaSet:\t{_rs_list([new] if new else [])}\n")


def _same_template(rs: Obj, d: Obj) -> bool:
    def strip(template: Obj) -> Obj:
        labels = dict((template.get("metadata") or {}).get("labels") or {})
        labels.pop(HASH_LABEL, None)
        return {
            **template,
            "metadata": {**(template.get("metadata") or {}), "labels": labels},
        }

    return strip(rs["spec"]["template"]) == strip(d["spec"]["template"])


def _rs_list(rss: list[Obj]) -> str:
    shown = ", ".join(
        f"{rs['metadata']['name']} ({(rs.get('status') or {}).get('replicas', 0)}/"
        f"{rs['spec'].get('replicas', 0)} replicas created)"
        for rs in rss
    )
    return shown or "<none>"


def _pod_phases(api: Any, owner: Obj) -> str:
    """``getPodStatusForController``: the owner's pods by phase."""
    counts = {"Running": 0, "Pending": 0, "Succeeded": 0, "Failed": 0}
    uid = owner["metadata"].get("uid")
    for pod in api.list("pods", owner["metadata"]["namespace"]):
        refs = pod["metadata"].get("ownerReferences") or []
        if any(r.get("controller") and r.get("uid") == uid for r in refs):
            phase = (pod.get("status") or {}).get("phase", "Pending")
            if phase in counts:
                counts[phase] += 1
    return (
        f"{counts['Running']} Running / {counts['Pending']} Waiting / "
        f"{counts['Succeeded']} Succeeded / {counts['Failed']} Failed"
    )


def _events(w: PrefixWriter, api: Any, obj: Obj, now: datetime) -> None:
    meta = obj["metadata"]
    events = search_events(
        api,
        name=meta["name"],
        namespace=meta.get("namespace", ""),
        uid=meta.get("uid"),
        kind=obj.get("kind"),
    )
    describe_events(w, events, now)
