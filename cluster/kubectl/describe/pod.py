"""``kubectl describe pod`` (describe.go describePod and describeContainers)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from cluster.api.defaults import pod_qos_class
from cluster.kubectl.describe.events import describe_events, search_events
from cluster.kubectl.describe.writer import (
    PrefixWriter,
    annotations_multiline,
    labels_multiline,
    resource_lines,
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
        _containers(
            w,
            "Init Containers",
            spec["initContainers"],
            status.get("initContainerStatuses") or [],
            pod,
        )
    _containers(
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


def _containers(
    w: PrefixWriter, label: str, containers: list[Obj], statuses: list[Obj], pod: Obj
) -> None:
    by_name = {s.get("name"): s for s in statuses}
    w.write(0, f"{label}:{'' if containers else ' <none>'}\n")
    for container in containers:
        status = by_name.get(container.get("name"))
        _container_basics(w, container, status)
        _command(w, container)
        if status is not None:
            _container_state(w, status)
        resource_lines(w, 2, container.get("resources"))
        _probes(w, container)
        _environment(w, container, pod)
        _mounts(w, container)


def _container_basics(w: PrefixWriter, container: Obj, status: Obj | None) -> None:
    w.write(1, f"{container.get('name')}:\n")
    if status is not None:
        w.write(2, f"Container ID:\t{status.get('containerID', '')}\n")
    w.write(2, f"Image:\t{container.get('image', '')}\n")
    if status is not None:
        w.write(2, f"Image ID:\t{status.get('imageID', '')}\n")
    ports = container.get("ports") or []
    _port_line(w, "Port", [_port(p, p.get("containerPort", 0)) for p in ports])
    _port_line(w, "Host Port", [_port(p, p.get("hostPort", 0)) for p in ports])


def _port(port: Obj, number: int) -> str:
    text = f"{number}/{port.get('protocol', 'TCP')}"
    return f"{text} ({port['name']})" if port.get("name") else text


def _port_line(w: PrefixWriter, title: str, ports: list[str]) -> None:
    text = ", ".join(ports)
    if "," in text:
        w.write(2, f"{title}s:\t{text}\n")
    else:
        w.write(2, f"{title}:\t{text or '<none>'}\n")


def _command(w: PrefixWriter, container: Obj) -> None:
    for title, key in (("Command", "command"), ("Args", "args")):
        if container.get(key):
            w.write(2, f"{title}:\n")
            for item in container[key]:
                for part in str(item).split("\n"):
                    w.write(3, f"{part}\n")


def _container_state(w: PrefixWriter, status: Obj) -> None:
    _state(w, "State", status.get("state") or {})
    last = status.get("lastState") or {}
    if last.get("terminated"):
        _state(w, "Last State", last)
    w.write(2, f"Ready:\t{'True' if status.get('ready') else 'False'}\n")
    w.write(2, f"Restart Count:\t{status.get('restartCount', 0)}\n")


def _state(w: PrefixWriter, title: str, state: Obj) -> None:
    if state.get("running") is not None:
        w.write(2, f"{title}:\tRunning\n")
        w.write(3, f"Started:\t{rfc1123z(state['running'].get('startedAt'))}\n")
    elif state.get("waiting") is not None:
        w.write(2, f"{title}:\tWaiting\n")
        if state["waiting"].get("reason"):
            w.write(3, f"Reason:\t{state['waiting']['reason']}\n")
    elif state.get("terminated") is not None:
        _terminated(w, title, state["terminated"])
    else:
        w.write(2, f"{title}:\tWaiting\n")


def _terminated(w: PrefixWriter, title: str, term: Obj) -> None:
    w.write(2, f"{title}:\tTerminated\n")
    if term.get("reason"):
        w.write(3, f"Reason:\t{term['reason']}\n")
    if term.get("message"):
        w.write(3, f"Message:\t{term['message']}\n")
    w.write(3, f"Exit Code:\t{term.get('exitCode', 0)}\n")
    if term.get("signal"):
        w.write(3, f"Signal:\t{term['signal']}\n")
    w.write(3, f"Started:\t{rfc1123z(term.get('startedAt'))}\n")
    w.write(3, f"Finished:\t{rfc1123z(term.get('finishedAt'))}\n")


def _probes(w: PrefixWriter, container: Obj) -> None:
    for title, key in (
        ("Liveness", "livenessProbe"),
        ("Readiness", "readinessProbe"),
        ("Startup", "startupProbe"),
    ):
        if container.get(key):
            w.write(2, f"{title}:\t{describe_probe(container[key])}\n")


def describe_probe(probe: Obj) -> str:
    """``DescribeProbe``: ``http-get http://:8080/healthz delay=0s timeout=1s ...``."""
    attrs = (
        f"delay={probe.get('initialDelaySeconds', 0)}s "
        f"timeout={probe.get('timeoutSeconds', 0)}s "
        f"period={probe.get('periodSeconds', 0)}s "
        f"#success={probe.get('successThreshold', 0)} "
        f"#failure={probe.get('failureThreshold', 0)}"
    )
    if probe.get("exec"):
        return f"exec [{' '.join(probe['exec'].get('command') or [])}] {attrs}"
    if probe.get("httpGet"):
        get = probe["httpGet"]
        scheme = str(get.get("scheme", "")).lower()
        host = f"{get.get('host', '')}:{get.get('port', '')}"
        return f"http-get {scheme}://{host}{get.get('path', '')} {attrs}"
    if probe.get("tcpSocket"):
        sock = probe["tcpSocket"]
        return f"tcp-socket {sock.get('host', '')}:{sock.get('port', '')} {attrs}"
    if probe.get("grpc"):
        grpc = probe["grpc"]
        return f"grpc <pod>:{grpc.get('port')} {grpc.get('service', '')} {attrs}"
    return f"unknown {attrs}"


def _environment(w: PrefixWriter, container: Obj, pod: Obj) -> None:
    env = container.get("env") or []
    w.write(2, f"Environment:{'' if env else chr(9) + '<none>'}\n")
    for var in env:
        source = var.get("valueFrom")
        if source is None:
            for i, part in enumerate(str(var.get("value", "")).split("\n")):
                w.write(3, f"{var['name']}:\t{part}\n" if i == 0 else f"\t{part}\n")
        else:
            w.write(3, f"{var['name']}:\t{_env_source(source, pod)}\n")


def _env_source(source: Obj, pod: Obj) -> str:
    if source.get("fieldRef"):
        ref = source["fieldRef"]
        path = ref.get("fieldPath", "")
        return f"{_field_value(pod, path)} ({ref.get('apiVersion', '')}:{path})"
    if source.get("resourceFieldRef"):
        return f" ({source['resourceFieldRef'].get('resource', '')})"
    for key, phrase in (
        ("secretKeyRef", "in secret"),
        ("configMapKeyRef", "of config map"),
    ):
        if source.get(key):
            ref = source[key]
            optional = "true" if ref.get("optional") else "false"
            return (
                f"<set to the key '{ref.get('key')}' {phrase} "
                f"'{ref.get('name')}'>\tOptional: {optional}"
            )
    return ""


def _field_value(pod: Obj, path: str) -> str:
    """The downward-API value kubectl resolves for a fieldRef (simple paths)."""
    node: Any = pod
    for part in path.split("."):
        node = node.get(part) if isinstance(node, dict) else None
    return "" if node is None or isinstance(node, dict | list) else str(node)


def _mounts(w: PrefixWriter, container: Obj) -> None:
    mounts = sorted(
        container.get("volumeMounts") or [], key=lambda m: m.get("mountPath", "")
    )
    w.write(2, f"Mounts:{'' if mounts else chr(9) + '<none>'}\n")
    for mount in mounts:
        flags = ["ro" if mount.get("readOnly") else "rw"]
        if mount.get("subPath"):
            flags.append(f'path="{mount["subPath"]}"')
        w.write(
            3,
            f"{mount.get('mountPath')} from {mount.get('name')} ({','.join(flags)})\n",
        )


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
