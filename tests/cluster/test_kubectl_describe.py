"""kubectl describe layouts on hand-built objects (describe.go)."""
# The expected outputs are kubectl's, byte for byte: their long lines and the
# trailing spaces some describe rows carry are part of what is tested.
# ruff: noqa: E501, W291

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from cluster.api import resources
from cluster.api.errors import not_found
from cluster.api.selectors import fields_match, parse_field_selector
from cluster.kubectl.describe import describe_namespace, describe_node, describe_pod

NOW = datetime(2026, 1, 5, 9, 10, 0, tzinfo=UTC)
Obj = dict[str, Any]


class FakeAPI:
    """Just enough of the API server for describers: get and list."""

    def __init__(self, *objects: Obj) -> None:
        self.objects = list(objects)

    def list(
        self,
        plural: str,
        namespace: str | None = None,
        label_selector: str | None = None,
        field_selector: str | None = None,
    ) -> list[Obj]:
        kind = resources.lookup(plural).kind
        fields = parse_field_selector(field_selector)
        return [
            o
            for o in self.objects
            if o["kind"] == kind
            and namespace in (None, o["metadata"].get("namespace"))
            and fields_match(o, fields)
        ]

    def get(self, plural: str, name: str, namespace: str | None = None) -> Obj:
        rt = resources.lookup(plural)
        for o in self.list(plural, namespace if rt.namespaced else None):
            if o["metadata"]["name"] == name:
                return o
        raise not_found(rt, name)


POD: Obj = {
    "kind": "Pod",
    "metadata": {
        "name": "web",
        "namespace": "default",
        "uid": "u-1",
        "labels": {"app": "web", "tier": "front"},
        "annotations": {"kubectl.kubernetes.io/last-applied-configuration": "{}\n"},
        "creationTimestamp": "2026-01-05T09:00:00Z",
    },
    "spec": {
        "nodeName": "node-1",
        "priority": 0,
        "serviceAccountName": "default",
        "containers": [
            {
                "name": "nginx",
                "image": "nginx:1.27",
                "ports": [{"containerPort": 80, "protocol": "TCP"}],
                "resources": {
                    "requests": {"cpu": "0.5", "memory": "64Mi"},
                    "limits": {"memory": "128Mi"},
                },
                "livenessProbe": {
                    "httpGet": {"path": "/healthz", "port": 80, "scheme": "HTTP"},
                    "timeoutSeconds": 1,
                    "periodSeconds": 10,
                    "successThreshold": 1,
                    "failureThreshold": 3,
                },
                "env": [{"name": "MODE", "value": "prod"}],
            }
        ],
        "tolerations": [
            {
                "key": "node.kubernetes.io/not-ready",
                "operator": "Exists",
                "effect": "NoExecute",
                "tolerationSeconds": 300,
            }
        ],
    },
    "status": {
        "phase": "Running",
        "hostIP": "192.168.49.3",
        "podIP": "10.244.1.2",
        "podIPs": [{"ip": "10.244.1.2"}],
        "startTime": "2026-01-05T09:00:00Z",
        "qosClass": "Burstable",
        "conditions": [
            {"type": "Ready", "status": "True"},
            {"type": "PodScheduled", "status": "True"},
        ],
        "containerStatuses": [
            {
                "name": "nginx",
                "ready": True,
                "restartCount": 1,
                "containerID": "containerd://abc",
                "imageID": "docker.io/library/nginx@sha256:1",
                "state": {"running": {"startedAt": "2026-01-05T09:05:00Z"}},
                "lastState": {
                    "terminated": {
                        "exitCode": 137,
                        "reason": "Error",
                        "startedAt": "2026-01-05T09:00:04Z",
                        "finishedAt": "2026-01-05T09:04:59Z",
                    }
                },
            }
        ],
    },
}


def event(
    name: str,
    reason: str,
    last: str,
    count: int = 1,
    field_path: str | None = None,
    kind: str = "Pod",
    uid: str = "u-1",
    namespace: str = "default",
) -> Obj:
    involved = {
        "kind": kind,
        "name": "web" if kind == "Pod" else "node-1",
        "uid": uid,
        "namespace": namespace if kind == "Pod" else "",
    }
    if field_path:
        involved["fieldPath"] = field_path
    return {
        "kind": "Event",
        "metadata": {"name": name, "namespace": namespace},
        "involvedObject": involved,
        "type": "Normal",
        "reason": reason,
        "message": f"{reason} message",
        "count": count,
        "firstTimestamp": "2026-01-05T09:00:00Z",
        "lastTimestamp": last,
        "source": {"component": "kubelet" if kind == "Pod" else "kubelet"},
    }


def test_describe_pod() -> None:
    api = FakeAPI(
        POD,
        event("e2", "Pulled", "2026-01-05T09:05:00Z", 2, "spec.containers{nginx}"),
        event("e1", "Scheduled", "2026-01-05T09:00:00Z"),
    )
    assert (
        describe_pod(api, POD, NOW)
        == """\
Name:             web
Namespace:        default
Priority:         0
Service Account:  default
Node:             node-1/192.168.49.3
Start Time:       Mon, 05 Jan 2026 09:00:00 +0000
Labels:           app=web
                  tier=front
Annotations:      <none>
Status:           Running
IP:               10.244.1.2
IPs:
  IP:  10.244.1.2
Containers:
  nginx:
    Container ID:   containerd://abc
    Image:          nginx:1.27
    Image ID:       docker.io/library/nginx@sha256:1
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      Mon, 05 Jan 2026 09:05:00 +0000
    Last State:     Terminated
      Reason:       Error
      Exit Code:    137
      Started:      Mon, 05 Jan 2026 09:00:04 +0000
      Finished:     Mon, 05 Jan 2026 09:04:59 +0000
    Ready:          True
    Restart Count:  1
    Limits:
      memory:  128Mi
    Requests:
      cpu:     500m
      memory:  64Mi
    Liveness:  http-get http://:80/healthz delay=0s timeout=1s period=10s #success=1 #failure=3
    Environment:
      MODE:  prod
    Mounts:  <none>
Conditions:
  Type           Status
  Ready          True 
  PodScheduled   True 
Volumes:         <none>
QoS Class:       Burstable
Node-Selectors:  <none>
Tolerations:     node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
Events:
  Type    Reason     Age               From     Message
  ----    ------     ----              ----     -------
  Normal  Scheduled  10m               kubelet  Scheduled message
  Normal  Pulled     5m (x2 over 10m)  kubelet  spec.containers{nginx}: Pulled message
"""
    )


def test_describe_pod_without_events_or_node() -> None:
    pending = {
        **POD,
        "spec": {**POD["spec"], "nodeName": ""},
        "status": {"phase": "Pending", "qosClass": "BestEffort"},
    }
    text = describe_pod(FakeAPI(), pending, NOW)
    assert "Node:             <none>\n" in text
    assert text.endswith("Events:          <none>\n")


NODE: Obj = {
    "kind": "Node",
    "metadata": {
        "name": "node-1",
        "uid": "n-1",
        "labels": {"kubernetes.io/hostname": "node-1"},
        "creationTimestamp": "2026-01-05T09:00:00Z",
    },
    "spec": {
        "taints": [{"key": "dedicated", "value": "gpu", "effect": "NoSchedule"}],
        "podCIDR": "10.244.1.0/24",
        "podCIDRs": ["10.244.1.0/24"],
    },
    "status": {
        "conditions": [
            {
                "type": "Ready",
                "status": "True",
                "reason": "KubeletReady",
                "message": "kubelet is posting ready status",
                "lastHeartbeatTime": "2026-01-05T09:09:50Z",
                "lastTransitionTime": "2026-01-05T09:00:00Z",
            }
        ],
        "addresses": [{"type": "InternalIP", "address": "192.168.49.3"}],
        "capacity": {"cpu": "2", "memory": "4Gi", "pods": "110"},
        "allocatable": {"cpu": "2", "memory": "3996Mi", "pods": "110"},
        "nodeInfo": {"kubeletVersion": "v1.35.0", "osImage": "Ubuntu 24.04.3 LTS"},
    },
}


def test_describe_node() -> None:
    api = FakeAPI(
        NODE,
        POD,
        event("n1", "Starting", "2026-01-05T09:00:00Z", kind="Node", uid="node-1"),
    )
    assert (
        describe_node(api, NODE, NOW)
        == """\
Name:               node-1
Roles:              <none>
Labels:             kubernetes.io/hostname=node-1
Annotations:        <none>
CreationTimestamp:  Mon, 05 Jan 2026 09:00:00 +0000
Taints:             dedicated=gpu:NoSchedule
Unschedulable:      false
Lease:              Failed to get lease: leases.coordination.k8s.io "node-1" not found
Conditions:
  Type    Status  LastHeartbeatTime                 LastTransitionTime                Reason         Message
  ----    ------  -----------------                 ------------------                ------         -------
  Ready   True    Mon, 05 Jan 2026 09:09:50 +0000   Mon, 05 Jan 2026 09:00:00 +0000   KubeletReady   kubelet is posting ready status
Addresses:
  InternalIP:  192.168.49.3
Capacity:
  cpu:     2
  memory:  4Gi
  pods:    110
Allocatable:
  cpu:     2
  memory:  3996Mi
  pods:    110
System Info:
  Machine ID:                 
  System UUID:                
  Boot ID:                    
  Kernel Version:             
  OS Image:                   Ubuntu 24.04.3 LTS
  Operating System:           
  Architecture:               
  Container Runtime Version:  
  Kubelet Version:            v1.35.0
  Kube-Proxy Version:         
PodCIDR:                      10.244.1.0/24
PodCIDRs:                     10.244.1.0/24
Non-terminated Pods:          (1 in total)
  Namespace                   Name    CPU Requests  CPU Limits  Memory Requests  Memory Limits  Age
  ---------                   ----    ------------  ----------  ---------------  -------------  ---
  default                     web     500m (25%)    0 (0%)      64Mi (1%)        128Mi (3%)     10m
Allocated resources:
  (Total limits may be over 100 percent, i.e., overcommitted.)
  Resource           Requests    Limits
  --------           --------    ------
  cpu                500m (25%)  0 (0%)
  memory             64Mi (1%)   128Mi (3%)
  ephemeral-storage  0 (0%)      0 (0%)
Events:
  Type    Reason    Age   From     Message
  ----    ------    ----  ----     -------
  Normal  Starting  10m   kubelet  Starting message
"""
    )


def test_describe_namespace() -> None:
    ns = {
        "kind": "Namespace",
        "metadata": {
            "name": "default",
            "labels": {"kubernetes.io/metadata.name": "default"},
        },
        "status": {"phase": "Active"},
    }
    assert (
        describe_namespace(FakeAPI(ns), ns, NOW)
        == """\
Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.
"""
    )
