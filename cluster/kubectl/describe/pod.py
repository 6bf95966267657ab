"""``kubectl describe pod`` (describe.go describePod and describeContainers)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cluster.api.defaults import pod_qos_class
from cluster.kubectl.describe.container import describe_containers
from cluster.kubectl.describe.events import describe_events, search_events
from cluster.kubectl.describe.writer import (
    PrefixWriter,
    annotations_multiline,
    labels_multiline,
    tolerations_multiline,
)
from cluster.kubectl.timefmt import rfc1123z, since

Obj = dict[str, Any]


def describe_pod(api: Any, pod: Obj, now: datetime) -> str:
    meta = pod["metadata"]
    # kubectl clears the kind when searching a pod's events.
    events = search_events(
        api, name=meta["name"], namespace=meta.get("namespace", ""), uid=meta.get("uid")
    )
    w = PrefixWriter()
    _header(w, pod, now)
    spec = pod.get("spec", {})
    status = pod.get("status", {})
    if spec.get("initContainers"):
        describe_containers(
            w,
            "Init Containers",
            spec["initContainers"],
            status.get("initContainerStatuses") or [],
            pod,
        )
    describe_containers(
        w,
        "Containers",
        spec.get("containers") or [],
        status.get("containerStatuses") or [],
        pod,
    )
    _conditions(w, pod)
    _volumes(w, spec.get("volumes") or [])
    w.write(0, f"QoS Class:\t{status.get('qosClass') or pod_qos_class(pod)}\n")
    labels_multiline(w, "Node-Selectors", spec.get("nodeSelector"))
    tolerations_multiline(w, "Tolerations", spec.get("tolerations"))
    describe_events(w, events, now)
    return w.getvalue()


def _header(w: PrefixWriter, pod: Obj, now: datetime) -> None:
    meta, spec, status = pod["metadata"], pod.get("spec", {}), pod.get("status", {})
    w.write(0, f"Name:\t{meta['name']}\n")
    w.write(0, f"Namespace:\t{meta.get('namespace', '')}\n")
    if spec.get("priority") is not None:
        w.write(0, f"Priority:\t{spec['priority']}\n")
    if spec.get("priorityClassName"):
        w.write(0, f"Priority Class Name:\t{spec['priorityClassName']}\n")
    if spec.get("runtimeClassName"):
        w.write(0, f"Runtime Class Name:\t{spec['runtimeClassName']}\n")
    if spec.get("serviceAccountName"):
        w.write(0, f"Service Account:\t{spec['serviceAccountName']}\n")
    node = spec.get("nodeName")
    w.write(
        0, f"Node:\t{node}/{status.get('hostIP', '')}\n" if node else "Node:\t<none>\n"
    )
    if status.get("startTime"):
        w.write(0, f"Start Time:\t{rfc1123z(status['startTime'])}\n")
    labels_multiline(w, "Labels", meta.get("labels"))
    annotations_multiline(w, "Annotations", meta.get("annotations"))
    _status(w, pod, now)
    w.write(0, f"IP:\t{status.get('podIP', '')}\n")
    _ips(w, status)
    controller = _controller(meta)
    if controller:
        w.write(0, f"Controlled By:\t{controller}\n")
    if status.get("nominatedNodeName"):
        w.write(0, f"NominatedNodeName:\t{status['nominatedNodeName']}\n")


def _status(w: PrefixWriter, pod: Obj, now: datetime) -> None:
    meta, status = pod["metadata"], pod.get("status", {})
    phase = status.get("phase", "")
    if meta.get("deletionTimestamp") and phase not in ("Failed", "Succeeded"):
        lasts = since(meta["deletionTimestamp"], now)
        w.write(0, f"Status:\tTerminating (lasts {lasts})\n")
        w.write(
            0,
            "Termination Grace Period:\t"
            f"{meta.get('deletionGracePeriodSeconds', 0)}s\n",
        )
    else:
        w.write(0, f"Status:\t{phase}\n")
    if status.get("reason"):
        w.write(0, f"Reason:\t{status['reason']}\n")
    if status.get("message"):
        w.write(0, f"Message:\t{status['message']}\n")


def _ips(w: PrefixWriter, status: Obj) -> None:
    ips = status.get("podIPs") or []
    if not ips:
        w.write(0, "IPs:\t<none>\n")
        return
    w.write(0, "IPs:\n")
    for ip in ips:
        w.write(1, f"IP:\t{ip.get('ip', '')}\n")


def _controller(meta: Obj) -> str:
    for ref in meta.get("ownerReferences") or []:
        if ref.get("controller"):
            return f"{ref.get('kind')}/{ref.get('name')}"
    return ""


def _conditions(w: PrefixWriter, pod: Obj) -> None:
    gates = pod.get("spec", {}).get("readinessGates") or []
    conditions = pod.get("status", {}).get("conditions") or []
    if gates:
        w.write(0, "Readiness Gates:\n  Type\tStatus\n")
        by_type = {c.get("type"): c.get("status") for c in conditions}
        for gate in gates:
            gate_type = gate.get("conditionType")
            w.write(1, f"{gate_type} \t{by_type.get(gate_type, '<none>')} \n")
    if conditions:
        w.write(0, "Conditions:\n  Type\tStatus\n")
        for condition in conditions:
            w.write(1, f"{condition.get('type')} \t{condition.get('status')} \n")


def _volumes(w: PrefixWriter, volumes: list[Obj]) -> None:
    if not volumes:
        w.write(0, "Volumes:\t<none>\n")
        return
    w.write(0, "Volumes:\n")
    for volume in volumes:
        w.write(1, f"{volume.get('name')}:\n")
        _volume_source(w, volume)


def _volume_source(w: PrefixWriter, volume: Obj) -> None:
    if "emptyDir" in volume:
        empty = volume.get("emptyDir") or {}
        w.write(
            2, "Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n"
        )
        w.write(2, f"Medium:\t{empty.get('medium', '')}\n")
        limit = empty.get("sizeLimit")
        w.write(2, f"SizeLimit:\t{limit if limit else '<unset>'}\n")
    elif "hostPath" in volume:
        host = volume["hostPath"]
        w.write(2, "Type:\tHostPath (bare host directory volume)\n")
        w.write(2, f"Path:\t{host.get('path', '')}\n")
        w.write(2, f"HostPathType:\t{host.get('type') or '<none>'}\n")
    elif "configMap" in volume:
        ref = volume["configMap"]
        optional = "true" if ref.get("optional") else "false"
        w.write(2, "Type:\tConfigMap (a volume populated by a ConfigMap)\n")
        w.write(2, f"Name:\t{ref.get('name', '')}\n")
        w.write(2, f"Optional:\t{optional}\n")
    elif "projected" in volume:
        _projected(w, volume["projected"] or {})
    else:
        w.write(1, "<unknown>\n")


def _projected(w: PrefixWriter, projected: Obj) -> None:
    w.write(
        2,
        "Type:\tProjected (a volume that contains injected data from "
        "multiple sources)\n",
    )
    for source in projected.get("sources") or []:
        if "secret" in source or "configMap" in source:
            key = "secret" if "secret" in source else "configMap"
            title = "SecretName" if key == "secret" else "ConfigMapName"
            ref = source[key] or {}
            w.write(2, f"{title}:\t{ref.get('name', '')}\n")
            w.write(2, f"Optional:\t{'true' if ref.get('optional') else 'false'}\n")
        elif "downwardAPI" in source:
            w.write(2, "DownwardAPI:\ttrue\n")
        elif "serviceAccountToken" in source:
            seconds = (source["serviceAccountToken"] or {}).get("expirationSeconds")
            w.write(2, f"TokenExpirationSeconds:\t{seconds}\n")
