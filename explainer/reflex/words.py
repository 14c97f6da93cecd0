"""The words of /reflex that carry the model's numbers, and the words that
change with the choice (the browser swaps them on a tap: ui/instant.js).

Every word comes from ``t`` (assets/content/<lang>/reflex.toml); every
number from the model (explainer.reflex.model). Lengths are said in mm with
inches beside them (explainer.reflex.units).
"""
from __future__ import annotations

from dataclasses import dataclass

from explainer.common.content import Strings
from explainer.reflex.choices import ALL_CHOICES, parse_choice
from explainer.reflex.model import (
    DISTANCE_MM,
    DURATION_MS,
    ERECTOR_SPINAE_ONSET_MS,
    LIMB_SHORT_LATENCY_RANGE_MS,
    REFLEX_LATENCY_MS,
    SPEED_MM_S,
    SPINDLE_RESTING_RATE,
    TEAR_THRESHOLD_MM,
    Distance,
    Speed,
    StretchRun,
    run_choice,
)
from explainer.reflex.units import inches, is_one

STAGE_COUNT = 5


def length(t: Strings, mm: float) -> str:
    """ "40 mm (about 1.6 inches)": a length in mm, rounded to whole mm, with inches beside it."""
    amount = inches(round(mm))
    key = "reflex.units.length_one" if is_one(amount) else "reflex.units.length"
    return t(key, mm=round(mm), inches=amount)


def speed(t: Strings, mm_s: float) -> str:
    """ "300 mm a second (about 12 inches)"."""
    amount = inches(round(mm_s))
    key = "reflex.units.speed_one" if is_one(amount) else "reflex.units.speed"
    return t(key, mm=round(mm_s), inches=amount)


@dataclass(frozen=True)
class Numbers:
    """The model's figures for one pull, rounded the way the screen says them."""

    firing: int  # peak spindle firing, imp/s
    rest: int  # the model's resting firing, imp/s
    ms: int  # reflex latency
    onset: int | None  # pull start to contraction start, ms, to the nearest 10 ("about")
    margin: int  # mm short of the tearing zone, with the reflex
    depth: int  # mm into the tearing zone, without the reflex
    percent: int  # peak contraction, out of 100
    peak: int  # peak stretch with the reflex, mm
    final: int  # stretch with the reflex once it has pulled back, mm
    without: int  # peak stretch without the reflex, mm
    tear: int  # start of the tearing zone, mm

    @classmethod
    def of(cls, run: StretchRun) -> "Numbers":
        return cls(
            firing=round(run.peak_firing_imp_s),
            rest=round(SPINDLE_RESTING_RATE),
            ms=round(run.latency_ms),
            onset=None if run.contraction_onset_ms is None else int(10 * round(run.contraction_onset_ms / 10)),
            margin=round(run.margin_with_mm),
            depth=round(run.depth_without_mm),
            percent=round(run.peak_contraction * 100),
            peak=round(run.peak_with_mm),
            final=round(run.final_with_mm),
            without=round(run.peak_without_mm),
            tear=round(TEAR_THRESHOLD_MM),
        )

    def said(self, t: Strings) -> dict[str, object]:
        """The placeholders of the content strings: lengths with inches, the rest as numbers."""
        return dict(
            firing=self.firing,
            rest=self.rest,
            ms=self.ms,
            onset=self.onset,
            percent=self.percent,
            margin=length(t, self.margin),
            depth=length(t, self.depth),
            peak=length(t, self.peak),
            final=length(t, self.final),
            without=length(t, self.without),
            tear=length(t, self.tear),
        )


def outcome_kind(run: StretchRun) -> str:
    """"calm": the muscle hardly tightened; "saved": it tightened and the pull
    would have reached the tearing zone without it; "safe": it tightened, and
    the pull would not have reached the zone anyway."""
    if not run.strong_contraction:
        return "calm"
    return "saved" if run.tears_without_reflex else "safe"


def chart_summaries(run: StretchRun, t: Strings) -> dict[str, str]:
    """Each chart's text alternative for one run: shown under the chart and passed as its alt text."""
    n = Numbers.of(run)
    said = n.said(t)
    if n.onset is None:
        contraction = t("reflex.chart.contraction_summary_none", percent=n.percent)
    else:
        contraction = t("reflex.chart.contraction_summary", onset=n.onset, percent=n.percent)
    return {
        "stretch": t(
            "reflex.chart.stretch_summary",
            duration=round(DURATION_MS),
            without=said["without"],
            peak=said["peak"],
            final=said["final"],
            tear=said["tear"],
        ),
        "firing": t("reflex.chart.firing_summary", rest=n.rest, peak=n.firing),
        "contraction": contraction,
    }


@dataclass(frozen=True)
class Narration:
    pull: str  # "A sudden, large pull."
    firing: str  # spindle firing, and what the model's resting rate is
    outcome: str  # tightened / stopped short / would have torn
    outcome_kind: str  # "saved", "safe" or "calm"
    stages: tuple[str, ...]  # the five steps of the signal path, with numbers
    stage_names: tuple[str, ...]

    @property
    def text(self) -> str:
        return " ".join((self.pull, self.firing, self.outcome))


def narration(run: StretchRun, t: Strings, speed_choice: Speed | str, distance_choice: Distance | str) -> Narration:
    n = Numbers.of(run)
    speed_choice, distance_choice = Speed(speed_choice), Distance(distance_choice)
    kind = outcome_kind(run)
    said = n.said(t)
    stages = t.items(
        "reflex.path.stages",
        distance=length(t, DISTANCE_MM[distance_choice]),
        speed=speed(t, SPEED_MM_S[speed_choice]),
        **said,
    )
    return Narration(
        pull=t(
            "reflex.story.pull",
            speed=t(f"reflex.speed_word.{speed_choice.value}"),
            distance=t(f"reflex.distance_word.{distance_choice.value}"),
        ),
        firing=t("reflex.story.firing", **said),
        outcome=t(f"reflex.story.{kind}", **said),
        outcome_kind=kind,
        stages=tuple(stages),
        stage_names=tuple(t.items("reflex.path.stage_names")),
    )


def choice_texts(t: Strings, speed_choice: Speed | str, distance_choice: Distance | str) -> dict[str, dict[str, str]]:
    """Every piece of text that changes with the choice, by slot name, plus the
    outcome's kind (its style): what the page shows and the browser swaps in."""
    run = run_choice(speed_choice, distance_choice)
    story = narration(run, t, speed_choice, distance_choice)
    texts = {"pull": story.pull, "firing": story.firing, "outcome": story.outcome}
    texts.update({f"summary-{name}": text for name, text in chart_summaries(run, t).items()})
    texts.update({f"stage-{number}": text for number, text in enumerate(story.stages, start=1)})
    return {"text": texts, "kind": {"outcome": story.outcome_kind}}


def all_choice_texts(t: Strings) -> dict[str, dict[str, dict[str, str]]]:
    """``choice_texts`` for all nine choices, keyed by choice id."""
    return {choice: choice_texts(t, *parse_choice(choice)) for choice in ALL_CHOICES}


def choices_note(t: Strings) -> str:
    """What each on-screen choice stands for in the model, in mm and inches."""
    return t(
        "reflex.choices_note",
        **{s.value: speed(t, v) for s, v in SPEED_MM_S.items()},
        **{d.value: length(t, v) for d, v in DISTANCE_MM.items()},
    )


def latency_note(t: Strings) -> str:
    """The honest line about timing: the model's loop, the measured fast loop in
    the limbs, and the whole back's slower reaction to a sudden load."""
    return t(
        "reflex.honest.latency",
        ms=round(REFLEX_LATENCY_MS),
        limb_low=LIMB_SHORT_LATENCY_RANGE_MS[0],
        limb_high=LIMB_SHORT_LATENCY_RANGE_MS[1],
        erector=ERECTOR_SPINAE_ONSET_MS,
    )
