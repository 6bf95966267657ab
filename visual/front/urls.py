from __future__ import annotations

from django.urls import path

from visual.front import views

app_name = "front"

urlpatterns = [
    path("", views.index, name="index"),
    path("clusters/new", views.new_cluster, name="new"),
    path("clusters/<uuid:cluster_id>/", views.cluster, name="cluster"),
]
