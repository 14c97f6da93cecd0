"""Home and Sources in a real browser at kiosk and tablet sizes; every path as
the first request after a server start (the pages/ pitfall)."""
import pytest

from explainer.content import Content
from tests.browser.harness import KIOSK, PATHS, TABLET, goto, make_server, open_page, shot

pytestmark = pytest.mark.browser
CONTENT = Content.load()


@pytest.mark.parametrize("size_name, size", [("kiosk", KIOSK), ("tablet", TABLET)])
def test_home_renders_and_language_switch_works(browser, server, size_name, size):
    watched = open_page(browser, server.url, size)
    page = watched.page
    goto(watched, "/")
    assert page.get_by_role("heading", level=1).inner_text() == CONTENT.text("en", "home.title")
    assert page.get_by_text("Active Medical & Chiropractic").first.is_visible()
    shot(page, f"home-en-{size_name}")

    page.get_by_role("button", name="Español").click()
    page.wait_for_function(
        "t => document.querySelector('h1') && document.querySelector('h1').innerText === t",
        arg=CONTENT.text("es", "home.title"),
    )
    assert "lang=es" in page.url
    page.wait_for_timeout(200)
    shot(page, f"home-es-{size_name}")
    # Every tile title can be read whole: nothing in a tile's label is cut off.
    clipped = page.evaluate(
        "() => [...document.querySelectorAll('.st-key-tiles [data-testid=stPageLink] a p')]"
        ".filter(p => [p, p.parentElement, p.parentElement.parentElement].some(e => e.scrollWidth > e.clientWidth + 1))"
        ".map(p => p.innerText)"
    )
    assert clipped == []

    # The choice survives moving to another part with a big link.
    page.get_by_role("link", name=CONTENT.text("es", "home.tiles.sources_title")).click()
    page.wait_for_function(
        "t => document.querySelector('h1') && document.querySelector('h1').innerText === t",
        arg=CONTENT.text("es", "sources.title"),
    )
    shot(page, f"sources-es-{size_name}")
    assert watched.real_errors() == []
    assert watched.foreign_requests() == []
    page.context.close()


def test_bigger_text_makes_text_bigger(kiosk_page):
    page = kiosk_page.page
    goto(kiosk_page, "/")
    size = lambda: page.evaluate("parseFloat(getComputedStyle(document.querySelector('h1')).fontSize)")  # noqa: E731
    base_font = page.evaluate("parseFloat(getComputedStyle(document.querySelector('[data-testid=stMarkdownContainer] p')).fontSize)")
    assert base_font >= 20
    before = size()
    page.get_by_role("button", name=CONTENT.text("en", "common.bigger_text")).click()
    page.wait_for_function(f"parseFloat(getComputedStyle(document.querySelector('h1')).fontSize) > {before}")
    shot(page, "home-bigger-text")


def test_fonts_are_served_by_the_app(kiosk_page):
    goto(kiosk_page, "/")
    fonts = [u for u in kiosk_page.requests if u.endswith(".ttf")]
    assert fonts and all(u.startswith(kiosk_page.base) for u in fonts)
    family = kiosk_page.page.evaluate("getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "Atkinson Hyperlegible" in family


@pytest.mark.parametrize("path", PATHS)
def test_every_path_works_as_first_request_after_server_start(browser, path):
    """A deep link before any session ran app.py must still draw the right page."""
    fresh = make_server()
    fresh.start()
    try:
        watched = open_page(browser, fresh.url)
        goto(watched, path + "?lang=es")
        page = watched.page
        assert page.get_by_role("heading", level=1).count() == 1
        assert page.locator("[data-testid=stException]").count() == 0
        assert "lang=es" in page.url
        # The shared set-up ran: the top bar with the language switch is there.
        assert page.get_by_role("button", name="✓ Español").count() == 1
        assert watched.real_errors() == [], watched.real_errors()
        assert watched.foreign_requests() == []
        shot(page, "first-request" + (path.replace("/", "-") if path != "/" else "-home"))
        watched.page.context.close()
    finally:
        fresh.stop()
