"""Panels rendered over the websocket speak the page's language."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("headers", "expected", "absent"),
    [
        ([(b"accept-language", b"zh-CN,zh;q=0.9")], "还没有事件。", "No events yet."),
        ([(b"cookie", b"django_language=zh-hans")], "还没有事件。", "No events yet."),
        ([(b"accept-language", b"en-US")], "No events yet.", "还没有事件。"),
    ],
    ids=["accept-language", "language-cookie", "english"],
)
async def test_snapshot_panels_follow_the_browser_language(
    connect, cluster_key, headers, expected, absent
):
    browser = await connect(cluster_key, headers=headers)
    await browser.frame()  # the snapshot for the diagram
    html = await browser.fragment()
    assert expected in html and absent not in html
