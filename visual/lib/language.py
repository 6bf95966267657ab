"""The language of a websocket's page, as LocaleMiddleware picks it for a request.

Fragments rendered by the consumer must speak the page's language, but a
websocket scope is not an HttpRequest; this reads the same two sources: the
language cookie the switch sets, then the browser's Accept-Language.
"""

from __future__ import annotations

from http.cookies import SimpleCookie
from typing import Any

from django.conf import settings
from django.utils.translation import get_supported_language_variant
from django.utils.translation.trans_real import parse_accept_lang_header


def scope_language(scope: dict[str, Any]) -> str:
    headers = {
        k.decode("latin-1").lower(): v.decode("latin-1")
        for k, v in scope.get("headers", [])
    }
    cookie = SimpleCookie(headers.get("cookie", "")).get(settings.LANGUAGE_COOKIE_NAME)
    wanted = [cookie.value] if cookie else []
    wanted += [
        code for code, _ in parse_accept_lang_header(headers.get("accept-language", ""))
    ]
    for code in wanted:
        try:
            return get_supported_language_variant(code)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE
