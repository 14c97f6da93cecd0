"""A clinic group on loopback: two app replicas sharing a real redis-server,
behind a real HAProxy running deploy/group/haproxy.cfg (its ports changed).

- A kiosk held on replica A (the proxy's cookie) raises an emergency; a desk
  held on replica B shows it within 2 s, without a reload.
- Replica A stops: the kiosk's page reconnects through the proxy to B and is
  back on Home, as after a restart; the desk on B keeps the alert.

One redis-server, one proxy and two replicas for the module.
"""
from __future__ import annotations

import time

import pytest

from explainer.common.content import Content
from tests.browser.harness import KIOSK, close_page, open_page, shot, still_touching, wait_for_app
from tests.browser.test_desk_alerts import DESK, OPEN_CARD
from tests.group_servers import COOKIE, Proxy, clinic_file, start_replicas

pytestmark = pytest.mark.browser
CONTENT = Content.load()


@pytest.fixture(scope="module")
def group(redis_server, tmp_path_factory):
    folder = tmp_path_factory.mktemp("group")
    # One clinic (one id), two replicas; each replica's default kiosk name says which it is,
    # so an alert's name proves which replica the kiosk was on.
    configs = [clinic_file(folder, "Group Clinic", "group-test", "Replica A kiosk"),
               clinic_file(folder, "Group Clinic", "group-test", "Replica B kiosk")]
    replicas = start_replicas(redis_server.url, configs)
    proxy = Proxy([r.port for r in replicas])
    try:
        proxy.start()
        proxy.replica_up("app1")
        proxy.replica_up("app2")
        yield proxy, replicas
    finally:
        proxy.close()
        for replica in replicas:
            replica.stop()


def on_replica(browser, proxy: Proxy, replica: str, viewport):
    """A browser page whose requests the proxy sends to ``replica`` (its sticky cookie, so
    in a browser context of its own)."""
    watched = open_page(browser, proxy.url, viewport, private=True)
    watched.page.context.add_cookies([{"name": COOKIE, "value": replica, "url": proxy.url}])
    return watched


def home_shown(page) -> bool:
    title = page.locator("h1").first
    path = "/" + page.url.split("?")[0].split("/", 3)[3]
    return path in ("/", "/home") and title.is_visible() and title.inner_text() == CONTENT.text("en", "home.title")


def kiosk_emergency(kiosk) -> float:
    kiosk.page.goto(kiosk.base + "/self-check?lang=en&mode=kiosk")
    wait_for_app(kiosk.page)
    yes = CONTENT.text("en", "self_check.yes")
    kiosk.page.locator(".st-key-self_check_q_saddle_numbness").get_by_role("radio", name=yes, exact=True).click()
    kiosk.page.get_by_role("heading", name=CONTENT.text("en", "self_check.outcomes.emergency.heading")).wait_for()
    return time.monotonic()


def test_kiosk_on_a_alerts_desk_on_b_and_a_replica_stopping_sends_its_kiosk_home_through_b(browser, group):
    proxy, (replica_a, replica_b) = group
    desk = on_replica(browser, proxy, "app2", DESK)
    kiosk = on_replica(browser, proxy, "app1", KIOSK)
    try:
        desk.page.goto(proxy.url + "/desk?lang=en&mode=staff")
        wait_for_app(desk.page)
        desk.page.evaluate("window.__bseNoReload = 1")

        raised_at = kiosk_emergency(kiosk)
        desk.page.wait_for_function(
            "([sel, name]) => [...document.querySelectorAll(sel)].some(c => c.innerText.includes(name))",
            arg=[OPEN_CARD, "Replica A kiosk"], timeout=5000)
        delay = time.monotonic() - raised_at
        print(f"desk on replica B showed replica A's alert {delay:.2f} s after the kiosk's result")
        assert delay <= 2.0
        assert desk.page.evaluate("window.__bseNoReload") == 1  # no reload: the desk's own watch saw it
        shot(desk.page, "group_desk_b_alert_from_a")

        # Replica A stops. The kiosk's WebSocket closes; the page reconnects through the
        # proxy, which sends it to B (its cookie names a replica that is down), where it is a
        # new session: Home, as after a restart. The alert stays on the desk (it is in Redis).
        kiosk.page.locator("h1").first.tap()
        stopped = time.monotonic()
        replica_a.stop()
        home = None
        while home is None and time.monotonic() - stopped < 20:
            try:
                still_touching(kiosk.page)  # someone still touching: not the idle reset
                if home_shown(kiosk.page):
                    home = time.monotonic() - stopped
            except Exception:  # the page is reloading
                pass
            kiosk.page.wait_for_timeout(200)
        assert home is not None, f"no Home through replica B within 20 s; url={kiosk.page.url}"
        print(f"kiosk back on Home through replica B {home:.1f} s after replica A stopped")
        wait_for_app(kiosk.page)
        # The proxy moved it to B for good: its cookie now names B.
        assert {c["value"] for c in kiosk.page.context.cookies(proxy.url) if c["name"] == COOKIE} == {"app2"}
        shot(kiosk.page, "group_kiosk_home_after_replica_a_stopped")
        assert "Replica A kiosk" in desk.page.locator(OPEN_CARD).first.inner_text()
    finally:
        close_page(kiosk)
        close_page(desk)
        if replica_a.proc and replica_a.proc.poll() is not None:
            replica_a.start()


DOWN_EN = "Alerts from the kiosks cannot reach this page right now."
SHOW_DESK_EN = "Show this screen to the front desk now."


def test_redis_stopped_the_desk_says_so_and_recovers_by_itself(browser, group, redis_server):
    """Redis stops: the desk says so; a kiosk on A still shows its result and sends the
    person to the desk. Redis is back: the notice goes, and the kiosk's alert reaches the
    desk on B by itself, with nobody touching the kiosk."""
    proxy, (replica_a, _) = group
    if replica_a.proc.poll() is not None:
        replica_a.start()
        proxy.replica_up("app1")
    desk = on_replica(browser, proxy, "app2", DESK)
    kiosk = on_replica(browser, proxy, "app1", KIOSK)
    try:
        desk.page.goto(proxy.url + "/desk?lang=en&mode=staff")
        wait_for_app(desk.page)
        notice = desk.page.get_by_text(DOWN_EN)
        assert notice.count() == 0
        redis_server.stop()
        try:
            stopped = time.monotonic()
            notice.wait_for(timeout=10_000)
            print(f"desk said alerts cannot reach it {time.monotonic() - stopped:.1f} s after Redis stopped")
            shot(desk.page, "group_desk_redis_down")
            kiosk_emergency(kiosk)
            kiosk.page.get_by_text(SHOW_DESK_EN).wait_for()
            shot(kiosk.page, "group_kiosk_emergency_redis_down")
        finally:
            redis_server.start()
        back = time.monotonic()
        notice.wait_for(state="detached", timeout=10_000)
        print(f"desk recovered {time.monotonic() - back:.1f} s after Redis started again")
        desk.page.wait_for_function(
            "([sel, name]) => [...document.querySelectorAll(sel)].some(c => c.innerText.includes(name))",
            arg=[OPEN_CARD, "Replica A kiosk"], timeout=10_000)
        print(f"the kiosk's alert reached the desk {time.monotonic() - back:.1f} s after Redis started again")
    finally:
        close_page(kiosk)
        close_page(desk)
