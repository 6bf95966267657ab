"""The play ``plays/connecting-apps-with-services-traffic.yaml``, written from
the Kubernetes tutorial "Connecting Applications with Services"
(https://kubernetes.io/docs/tutorials/services/connect-applications-service/):
the Service resolves by name, kube-proxy's rules send requests to both
nginx pods, and with no endpoints the Service refuses connections."""

from __future__ import annotations

import re
from pathlib import Path

from cluster.__main__ import play
from cluster.scenario import load_scenario

PLAY = Path(__file__).parent / "plays" / "connecting-apps-with-services-traffic.yaml"


def transcript() -> str:
    return play(load_scenario(str(PLAY)))


def section(out: str, step: str) -> str:
    """The output of the last step whose line is ``$ step``."""
    parts = out.split(f"$ {step}\n")
    return parts[-1].split("\n$ ")[0]


def test_the_play_is_deterministic() -> None:
    assert transcript() == transcript()


def test_the_service_at_work() -> None:
    out = transcript()
    ip = re.search(r"my-nginx   ClusterIP   (\S+)", out)
    assert ip is not None
    lookup = section(out, "kubectl exec curl -- nslookup my-nginx")
    assert f"Address 1: {ip[1]} my-nginx.default.svc.cluster.local" in lookup
    rules = section(out, "ssh node-1 iptables-save -t nat")
    assert f"-d {ip[1]}/32 -p tcp -m comment --comment " in rules
    assert rules.count("-j DNAT --to-destination 10.244.") == 2
    assert "--probability 0.50000000000" in rules
    stats = section(out, "sim traffic-stats svc/my-nginx")
    assert stats.startswith("304 requests to svc/my-nginx, 300 answered, 4 failed")
    assert "FAILED          connection refused" in stats
    assert len(re.findall(r"my-nginx-\S+ +node-\d +1\d\d ", stats)) == 2


def test_ipvs_at_the_end() -> None:
    out = transcript()
    assert "Warning: The ipvs proxier is now deprecated" in out
    table = section(out, "ssh node-1 ipvsadm -Ln")
    assert table.count("Masq    1      0          0") == 3
