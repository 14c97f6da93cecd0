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
# This kiosk's name on the front desk's alert page (/desk), e.g. "Waiting room 2":
# letters, digits, spaces and dashes, up to 32 characters. Anything else, or
# nothing, uses clinic.toml's [kiosk] name ("Kiosk" by default). Give each kiosk
# that shares a server its own name. The name survives every idle reset.
KIOSK_NAME="${EXPLAINER_KIOSK_NAME:-}"
HOME_URL="$BASE/?lang=$LANG_DEFAULT&mode=kiosk"
if [ -n "$KIOSK_NAME" ]; then
  HOME_URL="$HOME_URL&kiosk=$(printf '%s' "$KIOSK_NAME" | sed 's/ /%20/g')"
fi

until curl -fsS -o /dev/null "$BASE/_stcore/health"; do sleep 1; done

# A fresh profile each start: no history, form data or crash bubble for the next person.
rm -rf "$PROFILE"
exec "$CHROMIUM" \
  --kiosk "$HOME_URL" \
  --user-data-dir="$PROFILE" \
  --incognito \
  --noerrdialogs --disable-infobars --disable-session-crashed-bubble \
  --no-first-run --no-default-browser-check \
  --disable-translate --disable-features=Translate,TouchpadOverscrollHistoryNavigation \
  --overscroll-history-navigation=0 --disable-pinch \
  --disable-background-networking --disable-component-update --disable-sync \
  --check-for-update-interval=31536000 \
  --autoplay-policy=no-user-gesture-required
