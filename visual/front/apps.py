from __future__ import annotations

from django.apps import AppConfig


class FrontConfig(AppConfig):
    name = "visual.front"
    label = "front"
    verbose_name = "Cluster page"
