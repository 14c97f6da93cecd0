"""The reviewed snapshot of what a patient reads that carries clinical meaning:
tests/snapshots/clinical_text.toml, every such string and figure as literal text in
English and Spanish, and the clinical tables behind the pictures.

tests/unit/test_clinical_snapshot.py compares the app with that file and fails,
naming the key and showing both texts, when anything differs. A change to clinical
text therefore needs the snapshot updated in the same commit, where a reviewer
reads the difference as plain text:

    .venv/bin/python tools/clinical_snapshot.py --write      # regenerate the groups the file lists
    git diff tests/snapshots/clinical_text.toml              # review every changed line
    .venv/bin/python tools/clinical_snapshot.py --add self_check --add emergency --write
                                                             # cover more groups (any content part)
    .venv/bin/python tools/clinical_snapshot.py --check      # what the test says, without pytest

A group is either a content part (every key of assets/content/<lang>/<part>.toml)
or one of the generated groups below (text the app builds from its models, and
clinical tables). The file records which groups it covers; --write keeps that list
and adds those named with --add.
"""
from __future__ import annotations

import argparse
import json
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SNAPSHOT = ROOT / "tests" / "snapshots" / "clinical_text.toml"
LANGS = ("en", "es")
#: Groups the snapshot starts with: the walkthrough, the nerve-level areas, /care,
#: /reflex, the sources page and where the body map leads. The self-check and the
#: 911 lists (content parts self_check, emergency) are added with --add.
DEFAULT_GROUPS = (
    "spasm_or_disc", "care", "reflex", "where", "sources",
    "reflex_choices", "reflex_notes", "nerve_roots", "body_map_places", "recovery_figures", "source_citations",
)

Entry = dict[str, object]  # {"en": value, "es": value} or {"value": value} (the same in every language)


def _content():
    from explainer.common.content import Content

    return Content.load()


def content_part(part: str) -> dict[str, Entry]:
    """Every key of one content part, as written in each language's file."""
    content = _content()
    keys = [k for k in content.catalog["en"] if k.startswith(part + ".")]
    if not keys:
        raise SystemExit(f"no content part {part!r} (assets/content/en/{part}.toml)")
    return {key: {lang: content.catalog[lang].get(key, "") for lang in LANGS} for key in keys}


def reflex_choices() -> dict[str, Entry]:
    """/reflex's words with the model's numbers, for each of the nine choices."""
    from explainer.reflex.words import all_choice_texts

    content = _content()
    by_lang = {lang: all_choice_texts(content.for_language(lang)) for lang in LANGS}
    out = {}
    for choice, words in by_lang["en"].items():
        for slot in words["text"]:
            out[f"reflex_choices.{choice}.{slot}"] = {lang: by_lang[lang][choice]["text"][slot] for lang in LANGS}
        out[f"reflex_choices.{choice}.kind"] = {"value": words["kind"]["outcome"]}
    return out


def reflex_notes() -> dict[str, Entry]:
    """/reflex's notes on the model and the latencies (numbers from the model)."""
    from explainer.reflex.words import choices_note, latency_note

    content = _content()
    return {
        "reflex_notes.choices": {lang: choices_note(content.for_language(lang)) for lang in LANGS},
        "reflex_notes.latency": {lang: latency_note(content.for_language(lang)) for lang in LANGS},
    }


def nerve_roots() -> dict[str, Entry]:
    """Which leg-map shapes each root's area covers, and the disc that presses on it."""
    from explainer.disc.nerve_roots import ROOTS

    out = {}
    for level, root in ROOTS.items():
        out[f"nerve_roots.{level}.regions"] = {"value": list(root.regions)}
        out[f"nerve_roots.{level}.disc_above"] = {"value": list(root.disc_above)}
    return out


def body_map_places() -> dict[str, Entry]:
    """Where each place on the body map leads: story, nerve level, part."""
    from explainer.disc.body_map import PLACES

    return {f"body_map_places.{p.id}": {"value": [p.number, str(p.story), str(p.level), p.goes_to]} for p in PLACES}


def recovery_figures() -> dict[str, Entry]:
    """The published figures the walkthrough and /care draw and quote."""
    from explainer.common import recovery

    out = {}
    for name in sorted(dir(recovery)):
        if name.split("_")[0] in ("COSTA", "PENGEL", "KOES", "WANG", "CHIU"):
            value = getattr(recovery, name)
            if isinstance(value, tuple) and value and hasattr(value[0], "__dataclass_fields__"):
                value = [[getattr(v, f) for f in v.__dataclass_fields__] for v in value]
            out[f"recovery_figures.{name}"] = {"value": json.loads(json.dumps(value))}
    return out


def source_citations() -> dict[str, Entry]:
    """The citation of every source the app names (not translated)."""
    data = tomllib.loads((ROOT / "assets" / "sources.toml").read_text(encoding="utf-8"))
    return {f"source_citations.{s['id']}": {"value": s["citation"]} for s in data["source"]}


GENERATED = {
    "reflex_choices": reflex_choices,
    "reflex_notes": reflex_notes,
    "nerve_roots": nerve_roots,
    "body_map_places": body_map_places,
    "recovery_figures": recovery_figures,
    "source_citations": source_citations,
}


def collect(group: str) -> dict[str, Entry]:
    """What the app has now for one group: key -> entry."""
    return GENERATED[group]() if group in GENERATED else content_part(group)


def load(path: Path = SNAPSHOT) -> tuple[list[str], dict[str, dict[str, Entry]]]:
    """The snapshot file: (its groups, group -> key -> entry)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    groups = list(data.pop("meta")["groups"])
    # Keys are written without their group's name in front ("care.helps" in group "care" is "helps").
    return groups, {group: {f"{group}.{key}": entry for key, entry in data.get(group, {}).items()} for group in groups}


def differences(group: str, saved: dict[str, Entry], now: dict[str, Entry]) -> list[str]:
    """Each difference in plain words: the key, and the snapshot's and the app's text."""
    out = []
    for key in sorted(set(saved) | set(now)):
        if key not in now:
            out.append(f"{key}: in the snapshot, gone from the app\n    snapshot: {saved[key]}")
        elif key not in saved:
            out.append(f"{key}: new in the app, not in the reviewed snapshot\n    now:      {now[key]}")
        else:
            for lang in sorted(set(saved[key]) | set(now[key])):
                a, b = saved[key].get(lang), now[key].get(lang)
                if a != b:
                    out.append(f"{key} ({lang}):\n    snapshot: {a!r}\n    now:      {b!r}")
    return out


def _toml_value(value: object) -> str:
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return json.dumps(value)
    if isinstance(value, list):
        if all(isinstance(v, str) for v in value) and sum(len(v) for v in value) > 60:
            return "[\n" + "".join(f"    {_toml_value(v)},\n" for v in value) + "]"
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(str(k))} = {_toml_value(v)}" for k, v in value.items()) + "}"
    raise TypeError(f"cannot write {value!r}")


def render(groups: list[str]) -> str:
    lines = [
        "# Reviewed snapshot of clinical text and figures, English and Spanish (literal).",
        "# tests/unit/test_clinical_snapshot.py fails when the app differs from it.",
        "# Regenerate with `.venv/bin/python tools/clinical_snapshot.py --write`, then review",
        "# `git diff` of this file line by line against assets/sources.toml before committing.",
        "",
        "[meta]",
        f"groups = {_toml_value(groups)}",
    ]
    for group in groups:
        lines += ["", f"# --- {group} " + "-" * max(3, 70 - len(group))]
        for key, entry in collect(group).items():
            short = key[len(group) + 1:] if key.startswith(group + ".") else key
            lines.append(f"[{group}.{json.dumps(short)}]")
            lines += [f"{lang} = {_toml_value(value)}" for lang, value in entry.items()]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--write", action="store_true", help="regenerate the snapshot file")
    parser.add_argument("--check", action="store_true", help="print the differences; exit 1 if any")
    parser.add_argument("--add", action="append", default=[], metavar="GROUP",
                        help="also cover GROUP (a content part such as self_check or emergency, or a generated group)")
    args = parser.parse_args(argv)
    groups = load()[0] if SNAPSHOT.exists() else list(DEFAULT_GROUPS)
    groups += [g for g in args.add if g not in groups]
    if args.write:
        SNAPSHOT.parent.mkdir(parents=True, exist_ok=True)
        SNAPSHOT.write_text(render(groups), encoding="utf-8")
        print(f"wrote {SNAPSHOT.relative_to(ROOT)}: {len(groups)} groups; review `git diff` before committing")
        return 0
    _, saved = load()
    found = [d for g in groups for d in differences(g, saved.get(g, {}), collect(g))]
    print("\n".join(found) if found else "the app matches the snapshot")
    return 1 if found else 0


if __name__ == "__main__":
    raise SystemExit(main())
