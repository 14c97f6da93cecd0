"""What a page draws with: the settings resolved by the shell for this run."""
from __future__ import annotations

from dataclasses import dataclass

from explainer.common.clinic import ClinicConfig
from explainer.common.content import Strings
from explainer.common.sitemap import Part


@dataclass(frozen=True)
class Context:
    part: Part
    t: Strings
    lang: str
    mode: str
    big_text: bool
    clinic: ClinicConfig
    params: dict  # validated query parameters (see explainer.common.params)

    @property
    def staff(self) -> bool:
        return self.mode == "staff"
