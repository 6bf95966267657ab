"""The page: where a browser lands and what it is given."""

from __future__ import annotations

import uuid

import pytest
from django.urls import reverse

from visual.simhost.models import SimCluster

pytestmark = pytest.mark.django_db


def test_index_makes_a_sandbox_and_remembers_it(client):
    first = client.get("/")
    assert first.status_code == 302
    row = SimCluster.objects.get()
    assert first.url == reverse("front:cluster", args=[row.id])
    assert client.get("/").url == first.url
    assert SimCluster.objects.count() == 1


def test_new_cluster_starts_over(client):
    first = client.get("/").url
    second = client.post(reverse("front:new")).url
    assert second != first and SimCluster.objects.count() == 2
    assert client.get("/").url == second


def test_cluster_page_connects_its_websocket(client):
    row = SimCluster.objects.create()
    page = client.get(reverse("front:cluster", args=[row.id])).content.decode()
    assert f'ws-connect="/ws/clusters/{row.id}/"' in page
    assert 'hx-ext="ws"' in page and "django_htmx/ext/hx-ws-2" in page
    assert 'aria-label="Console"' in page
    assert 'name="stdin"' in page
    for speed in ("0.5", "1", "2", "5", "10", "20", "50"):
        assert f'<option value="{speed}"' in page


def test_unknown_cluster_is_404(client):
    response = client.get(reverse("front:cluster", args=[uuid.uuid4()]))
    assert response.status_code == 404


def test_head_works_for_health_checks(client):
    assert client.head("/").status_code == 302
