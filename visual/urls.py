from __future__ import annotations

from django.urls import include, path

urlpatterns = [
    # Django's set_language view: the language switch posts here.
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("visual.front.urls")),
]
