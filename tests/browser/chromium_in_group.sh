#!/bin/sh
# The test browser, started inside the CPU group the harness made (tests/browser/harness.py,
# browser_cgroup): all of Chromium's processes, and the renderers they start later, then share
# the CPU as one busy process would, beside the app's servers and the test workers. On a kiosk
# the browser and the server are on different machines; here Chromium costs about 20 times the
# server's CPU per page load and could starve a server the test is waiting on. Without a group
# (not root, no cgroup mount), Chromium runs as it would have.
if [ -n "$BSE_BROWSER_CGROUP" ]; then
  echo $$ > "$BSE_BROWSER_CGROUP/cgroup.procs" 2>/dev/null || true
fi
exec "$BSE_CHROMIUM" "$@"
