"""The ASGI entry point: HTTP through Django, websockets through Channels.

Serve it with ``daphne visual.asgi:application`` (or ``manage.py runserver``,
which is Daphne's because ``daphne`` is the first installed app).
"""

from __future__ import annotations

import os

from django.core.asgi import get_asgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "visual.settings")
# Set up Django before importing anything that touches models.
django_asgi = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.staticfiles.handlers import ASGIStaticFilesHandler  # noqa: E402

from visual.front.routing import websocket_urlpatterns  # noqa: E402

http = ASGIStaticFilesHandler(django_asgi) if settings.SERVE_STATIC else django_asgi

application = ProtocolTypeRouter(
    {
        "http": http,
        "websocket": AllowedHostsOriginValidator(URLRouter(websocket_urlpatterns)),
    }
)
