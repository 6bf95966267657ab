"""``pkg/controller/daemon/util``: what makes a DaemonSet's pod for one node,
and whether a node should run one (``NodeShouldRunDaemonPod``)."""

from __future__ import annotations

from typing import Any

from cluster.jsoncopy import json_copy
from cluster.scheduler.framework.nodeaffinity import RequiredNodeAffinity
from cluster.scheduler.plugins.helper import tolerates

Obj = dict[str, Any]
REVISION_HASH = "controller-revision-hash"
TEMPLATE_GENERATION = "pod-template-generation"
NAME_FIELD = "metadata.name"
# AddOrUpdateDaemonPodTolerations: node problems never evict a daemon pod
# (NoExecute, no tolerationSeconds), and the condition taints never keep
# one off a node (NoSchedule).
DAEMON_TOLERATIONS = (
    ("node.kubernetes.io/not-ready", "NoExecute"),
    ("node.kubernetes.io/unreachable", "NoExecute"),
    ("node.kubernetes.io/disk-pressure", "NoSchedule"),
    ("node.kubernetes.io/memory-pressure", "NoSchedule"),
    ("node.kubernetes.io/pid-pressure", "NoSchedule"),
    ("node.kubernetes.io/unschedulable", "NoSchedule"),
)
HOST_NETWORK_TOLERATION = ("node.kubernetes.io/network-unavailable", "NoSchedule")


def add_daemon_tolerations(spec: Obj) -> None:
    wanted = list(DAEMON_TOLERATIONS)
    if spec.get("hostNetwork"):
        wanted.append(HOST_NETWORK_TOLERATION)
    for key, effect in wanted:
        _add_or_update(spec, {"key": key, "operator": "Exists", "effect": effect})


def _add_or_update(spec: Obj, toleration: Obj) -> None:
    """``AddOrUpdateTolerationInPodSpec``: replace a toleration of the same
    key, operator, value and effect; otherwise append."""
    tolerations = spec.setdefault("tolerations", [])
    for i, existing in enumerate(tolerations):
        if _same_match(existing, toleration):
            tolerations[i] = toleration
            return
    tolerations.append(toleration)


def _same_match(a: Obj, b: Obj) -> bool:
    return all(
        (a.get(k) or "") == (b.get(k) or "")
        for k in ("key", "operator", "value", "effect")
    )


def pod_template(ds: Obj, node_name: str, pod_hash: str, generation: str) -> Obj:
    """``CreatePodTemplate`` plus the node affinity of the target node."""
    template = json_copy(ds["spec"]["template"])
    add_daemon_tolerations(template.setdefault("spec", {}))
    labels = template.setdefault("metadata", {}).setdefault("labels", {})
    labels[TEMPLATE_GENERATION] = generation
    labels[REVISION_HASH] = pod_hash
    template["spec"]["affinity"] = replace_node_name_affinity(
        template["spec"].get("affinity"), node_name
    )
    return template


def replace_node_name_affinity(affinity: Obj | None, node_name: str) -> Obj:
    """``ReplaceDaemonSetPodNodeNameNodeAffinity``: the required node affinity
    becomes a single ``metadata.name In [node]`` field term."""
    term = {
        "matchFields": [{"key": NAME_FIELD, "operator": "In", "values": [node_name]}]
    }
    affinity = json_copy(affinity) if affinity else {}
    node_affinity = affinity.setdefault("nodeAffinity", {})
    required = node_affinity.setdefault(
        "requiredDuringSchedulingIgnoredDuringExecution", {}
    )
    required["nodeSelectorTerms"] = [term]
    return affinity


def target_node(pod: Obj) -> str | None:
    """``GetTargetNodeName``: the bound node, else the affinity's node name."""
    if pod["spec"].get("nodeName"):
        return str(pod["spec"]["nodeName"])
    required = ((pod["spec"].get("affinity") or {}).get("nodeAffinity") or {}).get(
        "requiredDuringSchedulingIgnoredDuringExecution"
    ) or {}
    for term in required.get("nodeSelectorTerms") or []:
        for field in term.get("matchFields") or []:
            values = field.get("values") or []
            if (
                field.get("key") == NAME_FIELD
                and field.get("operator") == "In"
                and values
            ):
                return str(values[0])
    return None


def should_run(node: Obj, ds: Obj) -> tuple[bool, bool]:
    """(shouldRun, shouldContinueRunning) for ``ds`` on ``node``."""
    spec = json_copy(ds["spec"]["template"].get("spec") or {})
    name = node["metadata"]["name"]
    if spec.get("nodeName") not in (None, "", name):
        return False, False
    add_daemon_tolerations(spec)
    labels = node["metadata"].get("labels") or {}
    if not RequiredNodeAffinity(spec).matches(name, labels):
        return False, False
    taints = (node.get("spec") or {}).get("taints") or []
    tolerations = spec.get("tolerations") or []
    blocking = [t for t in taints if t.get("effect") in ("NoSchedule", "NoExecute")]
    untolerated = [t for t in blocking if not any(tolerates(x, t) for x in tolerations)]
    if not untolerated:
        return True, True
    return False, not any(t.get("effect") == "NoExecute" for t in untolerated)
