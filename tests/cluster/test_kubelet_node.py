"""The node agents besides the pod path: the kubelet's Node object, and a
kube-proxy that runs in iptables mode without inventing Services."""

from __future__ import annotations

from cluster.api import resources
from cluster.node.kubeproxy import KubeProxy
from cluster.node.node_status import REPORT_FREQUENCY, UPDATE_FREQUENCY

from .test_kubelet_harness import NodeHarness, pod_manifest


def conditions(node: NodeHarness) -> dict[str, tuple[str, str, str]]:
    found = node.api.get("nodes", "node-1")["status"]["conditions"]
    return {c["type"]: (c["status"], c["reason"], c["message"]) for c in found}


def test_the_kubelet_registers_a_ready_node() -> None:
    node = NodeHarness()
    assert conditions(node) == {
        "MemoryPressure": (
            "False",
            "KubeletHasSufficientMemory",
            "kubelet has sufficient memory available",
        ),
        "DiskPressure": (
            "False",
            "KubeletHasNoDiskPressure",
            "kubelet has no disk pressure",
        ),
        "PIDPressure": (
            "False",
            "KubeletHasSufficientPID",
            "kubelet has sufficient PID available",
        ),
        "Ready": ("True", "KubeletReady", "kubelet is posting ready status"),
    }
    created = node.messages("kubelet/node-1", "create")
    assert created[0]["resource"] == "Node"


def test_node_status_lists_the_images_largest_first() -> None:
    node = NodeHarness()
    node.run_pod(pod_manifest(image="nginx"))
    node.advance(30)
    images = node.api.get("nodes", "node-1")["status"]["images"]
    assert [i["sizeBytes"] for i in images] == [72223946, 320448]
    assert "docker.io/library/nginx:latest" in images[0]["names"]
    assert images[0]["names"][0].startswith("docker.io/library/nginx@sha256:")


def test_node_status_is_written_on_change_or_every_five_minutes() -> None:
    node = NodeHarness()
    node.advance(REPORT_FREQUENCY - UPDATE_FREQUENCY)
    assert node.messages("kubelet/node-1", "update status") == []
    node.advance(UPDATE_FREQUENCY)
    writes = node.messages("kubelet/node-1", "update status")
    assert [w["time"] for w in writes] == [REPORT_FREQUENCY]
    heartbeat = node.api.get("nodes", "node-1")["status"]["conditions"][-1]
    assert heartbeat["lastHeartbeatTime"] == node.clock.timestamp(REPORT_FREQUENCY)
    assert heartbeat["lastTransitionTime"] == node.clock.timestamp(0)


def test_a_stopped_kubelet_stops_syncing() -> None:
    node = NodeHarness()
    kubelet = node.kubelets["node-1"]
    kubelet.stop()
    node.run_pod(pod_manifest(image="nginx"))
    node.advance(60)
    assert not kubelet.running
    assert node.statuses("web")[-1][1] == "Pending"


def test_kube_proxy_runs_in_iptables_mode_and_watches_only_served_kinds() -> None:
    node = NodeHarness()
    proxy = KubeProxy(node.api, node.clock, node.stream, "node-1")
    proxy.start()
    assert (proxy.running, proxy.mode, proxy.id) == (
        True,
        "iptables",
        "kube-proxy/node-1",
    )
    served = {rt.plural for rt in resources.RESOURCES}
    assert set(proxy.watching) <= served & {"services", "endpointslices"}
    proxy.stop()
    assert not proxy.running
