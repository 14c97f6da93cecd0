"""What a patient reads that carries clinical meaning, against a reviewed literal
snapshot (tests/snapshots/clinical_text.toml): the walkthrough's numbers and claims,
the nerve-level areas, /care's advice and come-back lists, /reflex's model claims and
the words of its nine choices, the sources page, where the body map leads, the
published figures and the citations. Well-formed but wrong content (two numbers
swapped, two levels' areas swapped, an English line left in the Spanish file) passes
every check that reads its expectations from the content; it fails here.

A change to any of it fails until the snapshot is regenerated and reviewed in the
same commit: `.venv/bin/python tools/clinical_snapshot.py --write`, then read
`git diff tests/snapshots/clinical_text.toml`. More groups (the self-check, the 911
lists): `tools/clinical_snapshot.py --add self_check --add emergency --write`.
"""
from __future__ import annotations

import importlib.util

import pytest

from explainer import ROOT

_spec = importlib.util.spec_from_file_location("clinical_snapshot", ROOT / "tools" / "clinical_snapshot.py")
snapshot = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(snapshot)

GROUPS, SAVED = snapshot.load()
#: The groups the snapshot must always cover (a literal list: dropping a group from
#: the file is a change a reviewer has to see here too).
REQUIRED = {
    "spasm_or_disc", "care", "reflex", "where", "sources",
    "reflex_choices", "reflex_notes", "nerve_roots", "body_map_places", "recovery_figures", "source_citations",
    "self_check", "emergency",
}
SHOWN = 12  # differences printed in full; the rest are counted


def test_the_snapshot_covers_every_required_group():
    assert REQUIRED <= set(GROUPS), f"the snapshot no longer covers {sorted(REQUIRED - set(GROUPS))}"
    for group in GROUPS:
        assert SAVED[group], f"the snapshot's group {group!r} is empty"


@pytest.mark.parametrize("group", GROUPS)
def test_clinical_text_matches_the_reviewed_snapshot(group):
    found = snapshot.differences(group, SAVED[group], snapshot.collect(group))
    if found:
        more = f"\n... and {len(found) - SHOWN} more" if len(found) > SHOWN else ""
        pytest.fail(
            f"{len(found)} difference(s) in {group!r} from tests/snapshots/clinical_text.toml "
            f"(if the change is right: tools/clinical_snapshot.py --write, and review the diff):\n"
            + "\n".join(found[:SHOWN]) + more,
            pytrace=False,
        )


def test_a_difference_names_the_key_and_shows_both_texts():
    saved = {"care.x": {"en": "Stay active.", "es": "Manténgase activo."}}
    now = {"care.x": {"en": "Stay active.", "es": "Stay active."}, "care.y": {"en": "New", "es": "Nuevo"}}
    found = snapshot.differences("care", saved, now)
    assert found[0] == "care.x (es):\n    snapshot: 'Manténgase activo.'\n    now:      'Stay active.'"
    assert found[1].startswith("care.y: new in the app, not in the reviewed snapshot")
    assert snapshot.differences("care", now, saved)[1].startswith("care.y: in the snapshot, gone from the app")


def test_the_written_file_reads_back_as_what_was_collected(tmp_path, monkeypatch):
    """The writer's TOML round-trips (quotes, accents, lists, tables): what --write saves is what is compared."""
    monkeypatch.setattr(snapshot, "SNAPSHOT", tmp_path / "s.toml")
    (tmp_path / "s.toml").write_text(snapshot.render(["nerve_roots", "recovery_figures", "where"]), encoding="utf-8")
    groups, saved = snapshot.load(tmp_path / "s.toml")
    assert groups == ["nerve_roots", "recovery_figures", "where"]
    for group in groups:
        assert snapshot.differences(group, saved[group], snapshot.collect(group)) == []
