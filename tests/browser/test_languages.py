"""The interface in English and Simplified Chinese; kubectl output untouched."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, expect

from tests.browser.helpers import run

pytestmark = pytest.mark.browser


def test_chinese_from_the_browser_and_english_by_the_switch(
    chromium: Browser, server: str
):
    context = chromium.new_context(
        locale="zh-CN", extra_http_headers={"Accept-Language": "zh-CN,zh;q=0.9"}
    )
    page = context.new_page()
    page.goto(server + "/")
    expect(page.locator("html")).to_have_attribute("lang", "zh-hans")
    expect(page.get_by_role("button", name="播放")).to_be_visible()
    expect(page.locator('[data-kind="node"][data-status="Ready"]')).to_have_count(4)
    expect(page.locator(".lane-title")).to_have_text("未调度")
    run_zh = page.get_by_role("textbox", name="控制台", exact=True)
    run_zh.fill("kubectl get nodes")
    run_zh.press("Enter")
    output = page.locator("#console-log .entry").last.locator(".output")
    expect(output).to_contain_text(re.compile(r"NAME\s+STATUS\s+ROLES\s+AGE"))

    page.get_by_label("语言").select_option("en")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    context.close()


def test_english_is_the_default(page, server: str):
    page.goto(server + "/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("button", name="Play")).to_be_visible()
    run(page, "kubectl get nodes")
