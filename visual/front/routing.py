from __future__ import annotations

from django.urls import path

from visual.front.consumers import ClusterConsumer

websocket_urlpatterns = [
    path("ws/clusters/<uuid:cluster_id>/", ClusterConsumer.as_asgi()),
]
