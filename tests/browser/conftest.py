from tests.browser.harness import browser, kiosk_page, server, tablet_page  # noqa: F401  (fixtures)
