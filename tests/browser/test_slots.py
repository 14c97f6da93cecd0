"""Slots in a real browser: text the browser swaps on a tap (/reflex's story, the
walkthrough's summary, facts and level picture) is put in HTML blocks
(explainer.common.slots.html_block), where Streamlit's Markdown reads nothing. Checked
with Markdown-looking text: each slot shows it literally, with no element made from it
(no link, image, emphasis, code, icon or maths) and no request to another host.

The same text inline in Markdown (a list item, a caption) was read as Markdown on
Streamlit 1.67: links and an image to another host were made, and maths drawn."""
from __future__ import annotations

import json
import sys

import pytest

from tests.browser.harness import Server, close_page, make_server, open_page, wait_for_app

pytestmark = pytest.mark.browser
PAYLOADS = [
    "**bold** _it_ `code` ~~gone~~",
    "see http://evil.example/x and www.evil.example and a@b.example",
    "[link](http://evil.example)",
    "![image](http://evil.example/i.png)",
    ":material/home: :smile:",
    "<b>tag</b> &amp; <img src=x onerror=alert(1)>",
    "# heading",
    "- item",
    "\\*escaped\\*",
    "$x^2$ and $$y$$",
]
KINDS = ("ul", "h3", "p", "own", "caption", "ol")
SLOTS_JS = """kinds => Object.fromEntries([...document.querySelectorAll('[data-choice-slot]')].map(n => [
  n.getAttribute('data-choice-slot'),
  [n.textContent, n.querySelectorAll('*').length, n.closest('a, em, code, del, .katex') !== null]]))"""


class SlotsServer(Server):
    def command(self) -> list[str]:
        return [sys.executable, "-m", "streamlit", "run", "tests/browser/slots_app.py", "--server.port", str(self.port),
                "--server.address", "127.0.0.1"]


@pytest.fixture(scope="module")
def slots_server():
    base = make_server(SLOT_PAYLOADS=json.dumps(PAYLOADS))
    srv = SlotsServer(base.port, base.env)
    srv.start()
    yield srv
    srv.stop()


def test_markdown_in_a_slot_stays_text(browser, slots_server):
    watched = open_page(browser, slots_server.url)
    page = watched.page
    try:
        page.goto(slots_server.url)
        page.get_by_text("All drawn.").wait_for()
        wait_for_app(page)
        page.wait_for_timeout(500)  # an image would have been asked for by now
        slots = page.evaluate(SLOTS_JS)
        assert len(slots) == len(PAYLOADS) * len(KINDS)
        wrong = [f"{name}: {shown!r} ({elements} elements{', inside a link or emphasis' if wrapped else ''})"
                 for name, (shown, elements, wrapped) in slots.items()
                 if shown != PAYLOADS[int(name.rsplit("-", 1)[1])] or elements or wrapped]
        assert wrong == [], "\n".join(wrong)
        assert watched.foreign_requests() == []
    finally:
        close_page(page)
