"""Patient-facing text in every language, loaded from ``assets/content/<lang>/*.toml``.

A clinic edits wording in those files, never in code. Each file is one part of
the app (``home.toml`` -> keys ``home.*``); nested tables become dotted keys.
A value is a string, or a list of strings (bullet lists). Placeholders such as
``{seconds}`` are filled by the page and must be the same in every language.

``validate`` reports every gap between languages (missing, empty, extra keys,
mismatched placeholders or list lengths). The app calls it at start and logs
what it finds; ``Content.text`` then falls back to English for a missing
string so the screen still makes sense. A unit test fails on any gap.
"""
from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from explainer import ASSETS
from explainer.common.params import LANGUAGES

CONTENT_DIR = ASSETS / "content"
REFERENCE_LANGUAGE = "en"

Value = str | list[str]


class ContentError(Exception):
    """A content file cannot be read at all (bad TOML, wrong value type)."""


def _flatten(table: dict, prefix: str, out: dict[str, Value], where: Path) -> None:
    for key, value in table.items():
        dotted = f"{prefix}.{key}"
        if isinstance(value, dict):
            _flatten(value, dotted, out, where)
        elif isinstance(value, str) or (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            out[dotted] = value
        else:
            raise ContentError(f"{where}: key '{dotted}': expected text or a list of texts, got {type(value).__name__}")


def load_language(lang: str, content_dir: Path = CONTENT_DIR) -> dict[str, Value]:
    """All strings of one language, keyed ``<file stem>.<key>``."""
    strings: dict[str, Value] = {}
    folder = content_dir / lang
    for path in sorted(folder.glob("*.toml")):
        try:
            with path.open("rb") as fh:
                data = tomllib.load(fh)
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise ContentError(f"{path}: {exc}") from exc
        except UnicodeDecodeError as exc:  # a Latin-1 byte, or a file cut mid-character
            raise ContentError(f"{path}: is not UTF-8 text (byte {exc.object[exc.start:exc.start + 1]!r} at "
                               f"position {exc.start}); save the file as UTF-8") from None
        _flatten(data, path.stem, strings, path)
    return strings


def placeholders(value: Value) -> set[str]:
    texts = [value] if isinstance(value, str) else value
    names = set()
    for text in texts:
        for _, name, _, _ in string.Formatter().parse(text):
            if name is not None:
                names.add(name)
    return names


def _is_empty(value: Value) -> bool:
    if isinstance(value, str):
        return not value.strip()
    return not value or any(not v.strip() for v in value)


def validate(catalog: dict[str, dict[str, Value]]) -> list[str]:
    """Every problem between languages, as readable sentences (empty list: all good)."""
    problems: list[str] = []
    reference = catalog.get(REFERENCE_LANGUAGE, {})
    all_keys = set().union(*(set(c) for c in catalog.values())) if catalog else set()
    for lang, strings in catalog.items():
        for key in sorted(all_keys - set(strings)):
            problems.append(f"[{lang}] missing '{key}'")
        for key, value in sorted(strings.items()):
            if _is_empty(value):
                problems.append(f"[{lang}] empty '{key}'")
            ref = reference.get(key)
            if ref is None or lang == REFERENCE_LANGUAGE:
                continue
            if placeholders(ref) != placeholders(value):
                problems.append(
                    f"[{lang}] '{key}' placeholders {sorted(placeholders(value))} differ from English {sorted(placeholders(ref))}"
                )
            if isinstance(ref, list) != isinstance(value, list) or (
                isinstance(ref, list) and len(ref) != len(value)
            ):
                problems.append(f"[{lang}] '{key}' is not the same kind of list as in English")
    return problems


@dataclass
class Content:
    """Strings of every language, with English as the fallback."""

    catalog: dict[str, dict[str, Value]]
    problems: list[str] = field(default_factory=list)

    @classmethod
    def load(cls, content_dir: Path = CONTENT_DIR, languages: tuple[str, ...] = LANGUAGES) -> "Content":
        catalog = {lang: load_language(lang, content_dir) for lang in languages}
        return cls(catalog, validate(catalog))

    def raw(self, lang: str, key: str) -> Value:
        for source in (lang, REFERENCE_LANGUAGE):
            value = self.catalog.get(source, {}).get(key)
            if value is not None and not _is_empty(value):
                return value
        # A key missing everywhere is a programming error caught by tests;
        # on screen we show the key rather than crash.
        return key

    def text(self, lang: str, key: str, **values: object) -> str:
        value = self.raw(lang, key)
        if isinstance(value, list):
            value = "\n".join(f"- {item}" for item in value)
        return value.format(**values) if values else value

    def items(self, lang: str, key: str, **values: object) -> list[str]:
        value = self.raw(lang, key)
        items = value if isinstance(value, list) else [value]
        return [item.format(**values) if values else item for item in items]

    def for_language(self, lang: str) -> "Strings":
        return Strings(self, lang)


@dataclass(frozen=True)
class Strings:
    """The content bound to one language: ``t("home.title")``."""

    content: Content
    lang: str

    def __call__(self, key: str, **values: object) -> str:
        return self.content.text(self.lang, key, **values)

    def items(self, key: str, **values: object) -> list[str]:
        return self.content.items(self.lang, key, **values)

    def keys(self, prefix: str) -> list[str]:
        """Keys under ``prefix.`` in English file order (for lists of cards, questions...)."""
        return [k for k in self.content.catalog[REFERENCE_LANGUAGE] if k.startswith(prefix + ".")]
