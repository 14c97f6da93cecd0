#!/bin/sh
# Full-screen kiosk browser for the waiting room. Start it from the kiosk user's
# desktop session (deploy/kiosk-browser.service, or the desktop's autostart).
# It waits for the server, then opens Home in the clinic's default language.
# If the server restarts later, the page returns to Home by itself (ui/idle.js).
set -u
BASE="${EXPLAINER_URL:-http://127.0.0.1:8501}"
LANG_DEFAULT="${EXPLAINER_KIOSK_LANG:-en}"
CHROMIUM="${CHROMIUM:-/usr/bin/chromium}"
PROFILE="${EXPLAINER_KIOSK_PROFILE:-$HOME/.cache/back-spasm-kiosk}"

until curl -fsS -o /dev/null "$BASE/_stcore/health"; do sleep 1; done

# A fresh profile each start: no history, form data or crash bubble for the next person.
rm -rf "$PROFILE"
exec "$CHROMIUM" \
  --kiosk "$BASE/?lang=$LANG_DEFAULT&mode=kiosk" \
  --user-data-dir="$PROFILE" \
  --incognito \
  --noerrdialogs --disable-infobars --disable-session-crashed-bubble \
  --no-first-run --no-default-browser-check \
  --disable-translate --disable-features=Translate,TouchpadOverscrollHistoryNavigation \
  --overscroll-history-navigation=0 --disable-pinch \
  --disable-background-networking --disable-component-update --disable-sync \
  --check-for-update-interval=31536000 \
  --autoplay-policy=no-user-gesture-required
