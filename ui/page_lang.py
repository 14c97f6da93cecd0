"""The document's language follows the screen's (``<html lang>``), and the few
words Streamlit writes itself are said in it.

Streamlit's HTML page says ``lang="en"`` whatever the app draws, so a screen
reader reads a Spanish page with an English voice. Two small pieces keep it
right:

- at first paint, ``ui/first_paint.js`` (in the launcher's page) copies a
  valid ``?lang=`` from the address to ``<html lang>`` before anything is drawn
  (the shell keeps ``lang`` in every page's address);
- on every page run, ``page_language`` (an inline ``st.components.v2``
  component that draws nothing; no network) sets it to the language the page
  was drawn in, so a language switch, a page change inside the single-page app
  and a page opened without ``?lang=`` (AppTest, plain ``streamlit run``) all
  end in the right language.

Streamlit also names two things in English whatever the page's language: the
keyboard's "Skip to main content" link and every progress bar ("progress").
The same script says them in the page's language (content keys
``common.skip_to_main`` and ``common.progress``), now and whenever Streamlit
draws one again (one MutationObserver per browser page, its work batched to
one pass per frame). The charts' own menus ("Fullscreen", "Download as PNG")
are never shown and stay out of the accessibility tree (``display: none`` in
``assets/css/00-base.css``).
"""
from __future__ import annotations

import re

import streamlit as st

#: A language code as the content folders name them ("en", "es").
_CODE = re.compile(r"^[a-z]{2}$")

_JS = """
export default function (component) {
  const data = component.data || {};
  if (typeof data.lang !== "string" || !/^[a-z]{2}$/.test(data.lang)) return;
  const g = window.__bseLang || (window.__bseLang = { labels: {}, pending: false, fixes: 0 });
  g.lang = data.lang;
  g.labels = data.labels || {};
  const apply = () => {
    g.pending = false;
    const root = document.documentElement;
    if (root.lang !== g.lang) root.lang = g.lang;
    const skip = document.querySelector('[data-testid="stSkipToContent"]');
    const text = g.labels.skip_to_main;
    // Change the text node itself: React keeps a reference to it.
    if (skip && text && skip.firstChild && skip.firstChild.nodeType === 3 && skip.firstChild.nodeValue !== text) {
      skip.firstChild.nodeValue = text;
      g.fixes += 1;
    }
    const progress = g.labels.progress;
    if (progress) {
      for (const bar of document.querySelectorAll('[role="progressbar"]')) {
        if (bar.getAttribute("aria-label") !== progress) { bar.setAttribute("aria-label", progress); g.fixes += 1; }
      }
    }
  };
  apply();
  if (!g.observer) {
    g.observer = new MutationObserver(() => {
      if (!g.pending) { g.pending = true; requestAnimationFrame(apply); }
    });
    g.observer.observe(document.body, { childList: true, subtree: true });
  }
}
"""

_lang = st.components.v2.component("back_spasm_page_lang", js=_JS)


def page_language(lang: str, t) -> None:
    """Set ``<html lang>`` to ``lang`` in the browser, and Streamlit's own words
    to ``t``'s (nothing is drawn for a code that is not two letters)."""
    if _CODE.match(lang or ""):
        labels = {"skip_to_main": t("common.skip_to_main"), "progress": t("common.progress")}
        _lang(key="page_lang", data={"lang": lang, "labels": labels}, height=0)
