#!/bin/sh
# Warm the Explainer after the server starts, so the first patient does not wait
# for Python imports (pandas, Altair, fpdf2...) or the first script run of a page.
# Called by back-spasm-explainer.service (ExecStartPost) and safe to run by hand.
#
# How: wait for /_stcore/health, then open every page in headless Chromium for a
# few real seconds. A plain HTTP GET is not enough: Streamlit only runs a page's
# script (and so its imports) over the browser's websocket session. (Chromium's
# --dump-dom --virtual-time-budget can return before the script has run, so
# each page is kept open for real time instead.) Staff mode: the warm-up
# session never runs the kiosk idle watch.
#
# Usage: warm-up.sh [base-url]   (default http://127.0.0.1:8501)
set -u
BASE="${1:-http://127.0.0.1:8501}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
LANG_DEFAULT="${EXPLAINER_WARM_LANG:-en}"
SECONDS_PER_PAGE="${EXPLAINER_WARM_SECONDS:-6}"
PATHS="/ /reflex /spasm-or-disc /self-check /care /sources /staff /desk"

i=0
until curl -fsS -o /dev/null "$BASE/_stcore/health"; do
  i=$((i + 1))
  [ "$i" -ge 120 ] && { echo "warm-up: server not healthy after 60 s" >&2; exit 1; }
  sleep 0.5
done

profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for path in $PATHS; do
  timeout -s TERM "$SECONDS_PER_PAGE" "$CHROMIUM" --headless --no-sandbox --disable-gpu \
    --no-first-run --disable-background-networking --disable-component-update --disable-sync \
    --user-data-dir="$profile" --remote-debugging-port=0 \
    "$BASE$path?lang=$LANG_DEFAULT&mode=staff" >/dev/null 2>&1
  echo "warm-up: $path"
done
echo "warm-up: done"
