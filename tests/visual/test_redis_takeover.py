"""Scaled out: Redis as the channel layer, `manage.py simhost` workers in their
own processes, and a worker taking over the cluster of one that died."""

from __future__ import annotations

import signal
import subprocess
import sys
from typing import Any

import pytest
import redis

from tests.conftest import manage
from tests.visual.conftest import NGINX_POD, console_of, pods_in
from visual.lib.layers import redis_layer

pytestmark = [pytest.mark.redis, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scaled_out(site_env, redis_url, settings) -> tuple[dict[str, str], str]:
    """Worker environment and a cluster id; this process uses Redis too."""
    redis.Redis.from_url(redis_url).flushall()
    env = site_env | {
        "REDIS_URL": redis_url,
        "SIMHOST_LEASE_TTL": "1.2",
        "SIMHOST_TICK": "0.05",
    }
    settings.CHANNEL_LAYERS = {"default": redis_layer(redis_url)}
    settings.SIMHOST_EMBEDDED = False
    return env, manage(env, "newcluster", "--seed", "3").strip()


def worker(spawn: Any, env: dict[str, str], name: str) -> Any:
    return spawn([sys.executable, "manage.py", "simhost"], env, name=name)


def running(frame: dict[str, Any]) -> bool:
    return any(p["status"] == "Running" for p in pods_in(frame))


def paused(frame: dict[str, Any]) -> bool:
    events = frame.get("events", [])
    return any(e["type"] == "playback" and e["paused"] for e in events)


async def test_a_worker_takes_over_when_the_first_one_dies(scaled_out, spawn, connect):
    env, key = scaled_out
    first = worker(spawn, env, "worker-a")
    browser = await connect(key)
    hosted_by_first = await browser.frame(timeout=30)
    assert hosted_by_first["t"] == "snapshot"
    second = worker(spawn, env, "worker-b")

    await browser.command("kubectl apply -f -", NGINX_POD)
    await browser.send(action="speed", speed="20")
    await browser.until(running, timeout=30)
    await browser.send(action="pause")
    await browser.until(paused)
    witness = await connect(key)
    before = await witness.frame(timeout=10)

    first.kill()  # no goodbye: its lease has to run out
    first.wait()
    frames = await browser.until(lambda f: f["t"] == "snapshot", timeout=30)
    after = frames[-1]

    assert after["stream"] != before["stream"]
    assert after["cluster"] == before["cluster"]
    assert (after["time"], after["paused"], after["speed"]) == (
        before["time"],
        True,
        20.0,
    )
    entry = console_of(await browser.command("kubectl get pods"))
    assert entry["output"].splitlines()[1].split()[:3] == ["web", "1/1", "Running"]

    second.send_signal(signal.SIGTERM)
    try:
        code = second.wait(15)
    except subprocess.TimeoutExpired:
        pytest.fail(f"worker ignored SIGTERM:\n{second.log_path.read_text()}")
    log = second.log_path.read_text()
    assert code == 0 and "saved and stopped" in log, log


async def test_commands_reach_a_worker_through_any_other(scaled_out, spawn, connect):
    env, key = scaled_out
    for name in ("worker-a", "worker-b"):
        worker(spawn, env, name)
    browser = await connect(key)
    assert (await browser.frame(timeout=30))["t"] == "snapshot"
    # Each attach lands on whichever worker reads the shared channel first;
    # the one without the lease forwards it to the owner's inbox.
    for _ in range(4):
        other = await connect(key)
        assert (await other.frame(timeout=10))["t"] == "snapshot"
        await other.close()
    entry = console_of(await browser.command("kubectl get nodes"))
    assert entry["ok"] and "node-3" in entry["output"]
