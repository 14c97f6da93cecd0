"""One driver per figure family of bench/run.py, each measuring one thing on the ``Side``s it is
given and leaving its figures in ``side.fig`` (run.py chooses which run, in which order, with
how many samples; bench/report.py prints them and judges PASS/FAIL):

- ``common``: the plumbing every driver shares: ``Server`` (a probed server, bench/serve.py),
  ``Side`` (one app under test: target, figures, lost taps and failed opens), percentiles,
  the phase clock, Chromium's settings, the app's settings as flags, ``--app-config`` parsing.
- ``probe``: the in-page probe and what every browser figure does with it: a kiosk-size page,
  a control found by role and English words, a timed tap, a new session timed to its first chart.
- ``first_chart``: first chart after navigation, warm, and cold (each server started alone).
- ``taps``: tap -> the charts' first change and tap -> settled, pictures per tap, the live
  server's script time and GC during the taps, RSS with 1 session, TCP_NODELAY.
- ``layout_shift``: CLS while a page loads, as tests/browser/test_layout_shift.py measures it.
- ``replay``: the replay's frame intervals (bench/replay_frames.py in a subprocess).
- ``script_time``: script time per interaction with AppTest (bench/apptest_time.py in a subprocess).
- ``sessions``: many Chromium sessions tapping at once on one server.
- ``soak``: kiosk-like use for thousands of interactions, the server's RSS along the way.
"""
