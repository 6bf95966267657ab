"""Shared steps for the browser tests: the console, and waiting for the page."""

from __future__ import annotations

from playwright.sync_api import Locator, Page, expect


def run(page: Page, line: str, stdin: str | None = None) -> None:
    """Type ``line`` into the console (with ``stdin`` in the editor) and run it."""
    if stdin is not None:
        page.locator("#stdin-editor").fill(stdin)
    console = page.locator("#console-line")  # named "Console" in English
    console.fill(line)
    console.press("Enter")
    expect(page.locator("#console-log .entry .line").last).to_have_text(line)


def open_cluster(page: Page, server: str, speed: str = "20") -> None:
    """Open a fresh sandbox, wait for its nodes and set the playback speed."""
    page.goto(server + "/")
    expect(page.locator('[data-kind="node"][data-status="Ready"]')).to_have_count(4)
    page.locator("#ctl-speed").select_option(speed)
    expect(page.locator("#ctl-speed")).to_have_value(speed)


def pod(page: Page, name: str):
    return page.locator(f'[data-kind="pod"][data-name="{name}"]')


def running(page: Page, prefix: str = "") -> Locator:
    """Pods the diagram shows Running, those whose names start with ``prefix``."""
    named = f'[data-name^="{prefix}"]' if prefix else ""
    return page.locator(f'[data-kind="pod"]{named}[data-status="Running"]')
