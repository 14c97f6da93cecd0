"""The list of sources every clinical statement is traced to (``assets/sources.toml``)."""
from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from explainer import ASSETS

SOURCES_FILE = ASSETS / "sources.toml"


@dataclass(frozen=True)
class Source:
    id: str
    citation: str
    url: str = ""  # the source's own web address, where it has one


@lru_cache(maxsize=1)
def load_sources() -> tuple[Source, ...]:
    with SOURCES_FILE.open("rb") as fh:
        data = tomllib.load(fh)
    return tuple(Source(entry["id"], entry["citation"], entry.get("url", "")) for entry in data["source"])


def source_ids() -> set[str]:
    return {s.id for s in load_sources()}
