"""What a page draws with: the settings resolved by the shell for this run."""
from __future__ import annotations

from dataclasses import dataclass

from explainer.clinic import ClinicConfig
from explainer.content import Strings
from explainer.sitemap import Part


@dataclass(frozen=True)
class Context:
    part: Part
    t: Strings
    lang: str
    mode: str
    big_text: bool
    clinic: ClinicConfig
    params: dict  # validated query parameters (see explainer.params)

    @property
    def staff(self) -> bool:
        return self.mode == "staff"
