"""The map of the rooms stays true: each subpackage of ``explainer`` names every module in it
(its ``__init__`` docstring, one line each), and the map that opens CONVENTIONS.md names every
top-level folder of the repository and every subpackage of ``explainer``."""
from __future__ import annotations

import ast
from fnmatch import fnmatch
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXPLAINER = ROOT / "explainer"


def rooms() -> list[Path]:
    return sorted(p for p in EXPLAINER.iterdir() if p.is_dir() and (p / "__init__.py").exists())


def unlisted_modules(room: Path) -> list[str]:
    doc = ast.get_docstring(ast.parse((room / "__init__.py").read_text(encoding="utf-8"))) or ""
    return sorted(p.stem for p in room.glob("*.py") if p.stem != "__init__" and f"``{p.stem}``" not in doc)


def room_map() -> str:
    text = (ROOT / "CONVENTIONS.md").read_text(encoding="utf-8")
    return text.split("## The rooms", 1)[1].split("\n## ", 1)[0]


def top_level_folders() -> list[str]:
    """The repository's own top-level folders: what .gitignore leaves, less git's own.
    (Read from the disk, not from git: mutation testing runs the tests in a copy with no .git.)"""
    ignored = [line.strip().rstrip("/") for line in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
               if line.strip() and not line.startswith("#")]
    return sorted(p.name for p in ROOT.iterdir()
                  if p.is_dir() and p.name != ".git" and not any(fnmatch(p.name, pattern) for pattern in ignored))


def test_every_room_lists_its_modules():
    assert rooms(), "explainer/ has no subpackage"
    assert {room.name: unlisted_modules(room) for room in rooms()} == {room.name: [] for room in rooms()}


def test_the_check_finds_an_unlisted_module(tmp_path):
    room = tmp_path / "part"
    room.mkdir()
    (room / "__init__.py").write_text('"""A part.\n\n- ``model``: the model.\n"""\n', encoding="utf-8")
    (room / "model.py").write_text("", encoding="utf-8")
    (room / "charts.py").write_text("", encoding="utf-8")
    assert unlisted_modules(room) == ["charts"]


def test_the_room_map_names_every_folder_and_every_part():
    folders = top_level_folders()
    assert "explainer" in folders
    text = room_map()
    missing = [f for f in folders if f"`{f}/" not in text]
    missing += [f"explainer/{room.name}/" for room in rooms() if f"`explainer/{room.name}/`" not in text]
    assert missing == []
