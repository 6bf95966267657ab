"""A live Pilothouse served by Daphne in a subprocess, and real headless Chromium.

pytest-django's live_server speaks only HTTP; the page needs its websocket, so
the test starts the real ASGI server on a free port.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

from tests.conftest import free_port, require_program

CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


@pytest.fixture
def server(site_env, spawn) -> str:
    port = free_port()
    args = [
        sys.executable,
        "-m",
        "daphne",
        "-b",
        "127.0.0.1",
        "-p",
        str(port),
        "visual.asgi:application",
    ]
    spawn(args, site_env, port=port, name="daphne")
    return f"http://127.0.0.1:{port}"


# Module scope: Playwright's sync API keeps an event loop of its own running,
# which the asyncio tests in other modules must not find.
@pytest.fixture(scope="module")
def chromium() -> Iterator[Browser]:
    executable = require_program("/usr/bin/chromium")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def page(chromium: Browser) -> Iterator[Page]:
    context = chromium.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert errors == [], f"JavaScript errors on the page: {errors}"
