"""The websocket: a snapshot, then every delta once and in order, and resuming."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from tests.visual.conftest import NGINX_POD, console_of, pods_in
from visual.simhost.models import SimCluster

pytestmark = pytest.mark.django_db(transaction=True)


def statuses_of(frames, name="web"):
    seen = [p["status"] for f in frames for p in pods_in(f) if p["name"] == name]
    return [s for i, s in enumerate(seen) if i == 0 or s != seen[i - 1]]


async def test_connect_gets_a_snapshot_with_a_sequence_number(connect, cluster_key):
    browser = await connect(cluster_key)
    snapshot = await browser.frame()
    assert snapshot["t"] == "snapshot"
    assert snapshot["seq"] == 0 and snapshot["stream"]
    nodes = {n["name"]: n["status"] for n in snapshot["cluster"]["nodes"]}
    assert nodes == {
        "cp-1": "Ready",
        "node-1": "Ready",
        "node-2": "Ready",
        "node-3": "Ready",
    }
    names = {c["name"] for c in snapshot["cluster"]["components"]}
    assert {
        "kube-apiserver",
        "etcd",
        "kube-scheduler",
        "kube-controller-manager",
        "kubelet",
        "kube-proxy",
        "containerd",
    } <= names


async def test_a_pod_goes_pending_then_running_in_numbered_deltas(connect, cluster_key):
    browser = await connect(cluster_key)
    snapshot = await browser.frame()
    applied = await browser.command("kubectl apply -f -", NGINX_POD)
    assert console_of(applied)["output"].rstrip("\n") == "pod/web created"
    await browser.send(action="speed", speed="20")
    frames = await browser.until(
        lambda f: any(p["status"] == "Running" for p in pods_in(f))
    )
    deltas = [applied] + [f for f in frames if f["t"] == "delta"]
    seqs = [d["seq"] for d in deltas]
    assert seqs == list(range(snapshot["seq"] + 1, snapshot["seq"] + 1 + len(seqs)))
    assert {d["stream"] for d in deltas} == {snapshot["stream"]}
    statuses = statuses_of(deltas)
    assert statuses[0] == "Pending" and statuses[-1] == "Running"
    assert "ContainerCreating" in statuses


async def test_console_output_reaches_the_console_panel(connect, cluster_key):
    browser = await connect(cluster_key)
    await browser.frame()
    await browser.command("kubectl apply -f -", NGINX_POD)
    delta = await browser.command("kubectl get pods")
    entry = console_of(delta)
    assert entry["ok"] is True
    assert entry["output"].splitlines()[0].split() == [
        "NAME",
        "READY",
        "STATUS",
        "RESTARTS",
        "AGE",
    ]
    assert entry["output"].splitlines()[1].startswith("web ")
    panel = await browser.fragment()
    assert 'hx-swap-oob="beforeend:#console-log"' in panel
    assert "kubectl get pods" in panel and "NAME" in panel


@pytest.mark.parametrize(
    ("line", "output"),
    [
        (
            "kubectl get pod nope",
            'Error from server (NotFound): pods "nope" not found\n',
        ),
        ("kubectl frobnicate", 'error: unknown command "frobnicate" for "kubectl"\n'),
    ],
    ids=["not-found", "unknown-command"],
)
async def test_a_failing_command_gets_kubectls_error(
    connect, cluster_key, line, output
):
    browser = await connect(cluster_key)
    await browser.frame()
    entry = console_of(await browser.command(line))
    assert entry["ok"] is False
    assert entry["output"].splitlines()[0] == output.splitlines()[0]


@pytest.mark.parametrize(
    ("frame", "error"),
    [
        ("{not json", "error: message is not valid JSON"),
        ('{"action": "fly"}', 'error: unknown action "fly"'),
        ('{"action": "speed", "speed": "7"}', "error: speed must be one of"),
    ],
    ids=["not-json", "unknown-action", "bad-speed"],
)
async def test_bad_input_gets_one_line_and_the_socket_lives_on(
    connect, cluster_key, frame, error
):
    browser = await connect(cluster_key)
    await browser.frame()
    await browser.communicator.send_to(text_data=frame)
    reply = await browser.frame()
    assert reply["t"] == "error" and reply["message"].startswith(error)
    assert "\n" not in reply["message"]
    entry = console_of(await browser.command("kubectl get pods"))
    assert entry["ok"] is True


async def test_resume_from_a_seq_without_loss_or_repetition(connect, cluster_key):
    watcher = await connect(cluster_key)
    dropped = await connect(cluster_key)
    snapshot = await watcher.frame()
    await dropped.frame()
    await watcher.send(action="pause")
    await watcher.command("kubectl apply -f -", NGINX_POD)
    last = (await dropped.until(lambda f: console_of(f) is not None))[-1]["seq"]
    await dropped.close()

    for _ in range(6):
        await watcher.send(action="step")
    await watcher.send(action="command", line="kubectl get pods")
    missed = await watcher.until(_is_get_pods)
    resumed = await connect(cluster_key, f"?stream={snapshot['stream']}&since={last}")
    caught_up = await resumed.until(_is_get_pods)

    assert all(f["t"] == "delta" for f in caught_up), "no snapshot when resuming"
    assert caught_up == [f for f in missed if f["t"] == "delta"]
    assert caught_up[0]["seq"] == last + 1
    assert len(caught_up) >= 2


async def test_resume_from_another_hosts_stream_gets_a_snapshot(connect, cluster_key):
    browser = await connect(cluster_key, "?stream=gone1234&since=40")
    frame = await browser.frame()
    assert frame["t"] == "snapshot"


async def test_time_controls(connect, cluster_key):
    browser = await connect(cluster_key)
    snapshot = await browser.frame()
    assert snapshot["paused"] is False and snapshot["speed"] == 1.0
    await browser.send(action="speed", speed="5")
    frames = await browser.until(lambda f: _playback(f) is not None)
    assert _playback(frames[-1])["speed"] == 5.0
    await browser.send(action="step")
    frames = await browser.until(lambda f: (_playback(f) or {}).get("paused"))
    stepped = frames[-1]
    assert stepped["time"] >= snapshot["time"]
    assert await browser.quiet(0.5), "paused: no more clock ticks or deltas"
    await browser.send(action="play")
    frames = await browser.until(lambda f: f["t"] == "clock" or f.get("seq"))
    assert frames[-1]["time"] >= stepped["time"]


async def test_an_unknown_cluster_gets_an_error(connect, transactional_db):
    browser = await connect(uuid.uuid4().hex)
    frame = await browser.frame()
    assert frame == {"t": "error", "message": "error: cluster not found"}
    await browser.fragment()
    closed = await browser.communicator.receive_output()
    assert closed == {"type": "websocket.close", "code": 4404}


def _is_get_pods(frame):
    entry = console_of(frame)
    return entry is not None and entry["line"] == "kubectl get pods"


def _playback(frame):
    for event in frame.get("events", []):
        if event.get("type") == "playback":
            return event
    return None


async def test_commands_are_journaled_in_the_database(connect, cluster_key):
    browser = await connect(cluster_key)
    await browser.frame()
    await browser.send(action="pause")
    await browser.command("kubectl apply -f -", NGINX_POD)
    row = await SimCluster.objects.aget(pk=uuid.UUID(hex=cluster_key))
    assert [entry[1:] for entry in row.journal] == [["kubectl apply -f -", NGINX_POD]]
    assert row.paused is True


async def test_an_idle_cluster_is_unloaded_and_comes_back_from_its_journal(
    connect, cluster_key, settings
):
    settings.SIMHOST_IDLE = 0.2
    first = await connect(cluster_key)
    before = await first.frame()
    await first.command("kubectl apply -f -", NGINX_POD)
    await first.close()
    await asyncio.sleep(0.8)  # no viewers: frozen, then saved and unloaded

    again = await connect(cluster_key, f"?stream={before['stream']}&since=1")
    after = await again.frame()
    assert after["t"] == "snapshot" and after["stream"] != before["stream"]
    assert [p["name"] for p in after["cluster"]["pods"]] == ["web"]
