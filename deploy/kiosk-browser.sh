#!/bin/sh
# Full-screen kiosk browser for the waiting room. Started by the kiosk user's desktop
# session (deploy/kiosk-browser.desktop, copied to ~/.config/autostart/ by the install).
# It waits for the server, then opens Home in the clinic's default language, and opens
# it again if the browser ever closes or crashes, for as long as the desktop is there.
# If the server restarts, the open page returns to Home by itself (ui/idle.js).
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

# No screen saver, blanking or monitor power-off while the kiosk is up (X11; the
# display manager's settings in deploy/README.md cover the login screen too).
if command -v xset >/dev/null 2>&1; then
  xset s off s noblank -dpms || echo "kiosk-browser: xset could not turn blanking off" >&2
fi

until curl -fsS -o /dev/null "$BASE/_stcore/health"; do sleep 1; done

while :; do
  # A fresh profile each start: no history, form data or crash bubble for the next person.
  rm -rf "$PROFILE"
  "$CHROMIUM" \
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
  echo "kiosk-browser: Chromium exited ($?); opening it again in 3 s" >&2
  sleep 3
  # The desktop session has ended (logout, shutdown): stop instead of looping.
  if [ -n "${DISPLAY:-}" ] && command -v xset >/dev/null 2>&1 && ! xset q >/dev/null 2>&1; then
    exit 0
  fi
done
