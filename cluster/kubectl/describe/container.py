"""``describeContainers`` (describe.go), which ``kubectl describe pod`` and
``DescribePodTemplate`` both use: a pod's containers with their statuses, or
a template's without."""

from __future__ import annotations

from typing import Any

from cluster.kubectl.describe.writer import PrefixWriter, resource_lines
from cluster.kubectl.timefmt import rfc1123z

Obj = dict[str, Any]
DETAIL = 2  # the indent of a container's detail lines

PROBES = (
    ("Liveness", "livenessProbe"),
    ("Readiness", "readinessProbe"),
    ("Startup", "startupProbe"),
)
KEY_REFS = (("secretKeyRef", "in secret"), ("configMapKeyRef", "of config map"))


def describe_containers(
    w: PrefixWriter,
    label: str,
    containers: list[Obj],
    statuses: list[Obj],
    pod: Obj | None,
    space: str = "",
) -> None:
    """``describeContainers``: a pod's containers with their statuses, or a
    template's (no statuses, no pod; ``space`` indents the block)."""
    by_name = {s.get("name"): s for s in statuses}
    w.write(0, f"{space}{label}:{'' if containers else ' <none>'}\n")
    for container in containers:
        status = by_name.get(container.get("name"))
        _container_basics(w, container, status, space)
        command_lines(w, container)
        if status is not None:
            _container_state(w, status)
        resource_lines(w, 2, container.get("resources"))
        probe_lines(w, container)
        environment_lines(w, container, pod)
        mount_lines(w, container)


def _container_basics(
    w: PrefixWriter, container: Obj, status: Obj | None, space: str
) -> None:
    name_indent = " " if space else ""  # describe.go's nameIndent
    w.write(1, f"{name_indent}{container.get('name')}:\n")
    if status is not None:
        w.write(2, f"Container ID:\t{status.get('containerID', '')}\n")
    w.write(2, f"Image:\t{container.get('image', '')}\n")
    if status is not None:
        w.write(2, f"Image ID:\t{status.get('imageID', '')}\n")
    port_lines(w, container)


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


def port_lines(w: PrefixWriter, container: Obj) -> None:
    ports = container.get("ports") or []
    _port_line(w, "Port", [_port(p, p.get("containerPort", 0)) for p in ports])
    _port_line(w, "Host Port", [_port(p, p.get("hostPort", 0)) for p in ports])


def _port(port: Obj, number: int) -> str:
    text = f"{number}/{port.get('protocol', 'TCP')}"
    return f"{text} ({port['name']})" if port.get("name") else text


def _port_line(w: PrefixWriter, title: str, ports: list[str]) -> None:
    text = ", ".join(ports)
    if "," in text:
        w.write(DETAIL, f"{title}s:\t{text}\n")
    else:
        w.write(DETAIL, f"{title}:\t{text or '<none>'}\n")


def command_lines(w: PrefixWriter, container: Obj) -> None:
    for title, key in (("Command", "command"), ("Args", "args")):
        if container.get(key):
            w.write(DETAIL, f"{title}:\n")
            for item in container[key]:
                for part in str(item).split("\n"):
                    w.write(DETAIL + 1, f"{part}\n")


def probe_lines(w: PrefixWriter, container: Obj) -> None:
    for title, key in PROBES:
        if container.get(key):
            w.write(DETAIL, f"{title}:\t{describe_probe(container[key])}\n")


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


def environment_lines(w: PrefixWriter, container: Obj, pod: Obj | None) -> None:
    """``describeContainerEnvVars``; without a pod (a template) a fieldRef's
    value is left blank, as kubectl has no resolver for it there."""
    env = container.get("env") or []
    w.write(DETAIL, f"Environment:{'' if env else chr(9) + '<none>'}\n")
    for var in env:
        source = var.get("valueFrom")
        if source is None:
            for i, part in enumerate(str(var.get("value", "")).split("\n")):
                line = f"{var['name']}:\t{part}\n" if i == 0 else f"\t{part}\n"
                w.write(DETAIL + 1, line)
        else:
            w.write(DETAIL + 1, f"{var['name']}:\t{_env_source(source, pod)}\n")


def _env_source(source: Obj, pod: Obj | None) -> str:
    if source.get("fieldRef"):
        ref = source["fieldRef"]
        path = ref.get("fieldPath", "")
        value = _field_value(pod, path) if pod is not None else ""
        return f"{value} ({ref.get('apiVersion', '')}:{path})"
    if source.get("resourceFieldRef"):
        return f" ({source['resourceFieldRef'].get('resource', '')})"
    for key, phrase in KEY_REFS:
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


def mount_lines(w: PrefixWriter, container: Obj) -> None:
    mounts = sorted(
        container.get("volumeMounts") or [], key=lambda m: m.get("mountPath", "")
    )
    w.write(DETAIL, f"Mounts:{'' if mounts else chr(9) + '<none>'}\n")
    for mount in mounts:
        flags = ["ro" if mount.get("readOnly") else "rw"]
        if mount.get("subPath"):
            flags.append(f'path="{mount["subPath"]}"')
        w.write(
            DETAIL + 1,
            f"{mount.get('mountPath')} from {mount.get('name')} ({','.join(flags)})\n",
        )
