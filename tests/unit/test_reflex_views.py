"""Chart builders, narration and the reflex-arc diagram: every word from content,
every number from the model, in both languages."""
import json
import re
import xml.etree.ElementTree as ET

import pytest

from explainer import palette
from explainer.content import Content
from explainer.physiology import TEAR_THRESHOLD_MM, Distance, Speed, run_choice
from explainer.reflex_arc import STAGE_COUNT, reflex_arc_svg
from tests.chart_rows import choices_in, shown
from explainer.reflex_charts import (
    CHART_NAMES,
    CHOICE_HOST,
    CHOICE_EVENT,
    CHOICE_PARAM,
    DEFAULT_CHOICE,
    all_choice_texts,
    all_runs,
    chart_summaries,
    chart_views,
    choice_id,
    choices_note,
    latency_note,
    narration,
    slot,
)

CONTENT = Content.load()
LANGS = ("en", "es")


def _t(lang):
    return CONTENT.for_language(lang)


def _data(spec):
    """The rows a one-choice chart draws."""
    return shown(spec, DEFAULT_CHOICE)


@pytest.mark.parametrize("lang", LANGS)
def test_three_charts_with_translated_titles_and_summaries(lang):
    t = _t(lang)
    views = chart_views(run_choice("sudden", "large"), t)
    assert [v.name for v in views] == ["stretch", "firing", "contraction"]
    for v in views:
        spec = v.chart.to_dict()
        assert spec["title"] == t(f"reflex.chart.{v.name}_title")
        assert "description" not in spec  # the summary goes to alt=, so the spec stays the same
    stretch = views[0].chart.to_dict()
    labels = {row.get("muscle") for row in _data(stretch)}
    assert {t("reflex.chart.with_reflex"), t("reflex.chart.without_reflex")} <= labels
    assert t("reflex.chart.tear_zone") in {row.get("label") for row in _data(stretch)}


def test_lines_differ_by_dash_not_only_colour_and_use_the_palette():
    spec = chart_views(run_choice("quick", "large"), _t("en"))[0].chart.to_dict()
    line = spec["layer"][-1]["encoding"]
    assert line["color"]["scale"]["range"] == [palette.BLUE, palette.VERMILLION]
    dashes = line["strokeDash"]["scale"]["range"]
    assert dashes[0] != dashes[1]


def test_tearing_zone_band_starts_at_the_threshold():
    spec = chart_views(run_choice("slow", "small"), _t("en"))[0].chart.to_dict()
    bands = [row for row in _data(spec) if "low" in row]
    assert bands[0]["low"] == TEAR_THRESHOLD_MM


def test_stretch_chart_data_change_with_the_choice():
    def peak(speed, distance):
        spec = chart_views(run_choice(speed, distance), _t("en"))[0].chart.to_dict()
        return max(row["stretch"] for row in _data(spec) if row.get("muscle") == "With the reflex")

    assert peak("sudden", "large") != peak("slow", "large") != peak("slow", "small")


@pytest.mark.parametrize("lang", LANGS)
def test_narration_quotes_the_models_numbers(lang):
    t = _t(lang)
    run = run_choice("sudden", "large")
    story = narration(run, t, "sudden", "large")
    assert story.outcome_kind == "saved"
    assert str(round(run.peak_firing_imp_s)) in story.firing
    assert f"{round(run.margin_with_mm)} mm" in story.outcome
    assert "50 ms" in story.outcome
    assert t("reflex.speed_word.sudden") in story.pull
    assert len(story.stages) == STAGE_COUNT == len(story.stage_names)


def test_narration_kinds_follow_the_model():
    t = _t("en")
    assert narration(run_choice("slow", "small"), t, "slow", "small").outcome_kind == "calm"
    assert narration(run_choice("quick", "small"), t, "quick", "small").outcome_kind == "safe"
    texts = {narration(run_choice(s, d), t, s, d).text for s in Speed for d in Distance}
    assert len(texts) == 9  # every choice tells its own story


@pytest.mark.parametrize("lang", LANGS)
def test_honest_notes_state_the_real_latency_range(lang):
    t = _t(lang)
    note = latency_note(t)
    for figure in ("50", "20", "100", "79"):
        assert figure in note
    assert "300" in choices_note(t) and "40" in choices_note(t)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("stage", range(1, STAGE_COUNT + 1))
def test_reflex_arc_svg_is_accessible_and_lights_stages_in_order(lang, stage):
    t = _t(lang)
    svg = reflex_arc_svg(t, stage)
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img" and root.get("aria-labelledby")
    assert root.find(f"{ns}title").text == t("reflex.diagram.title")
    assert t.items("reflex.path.stage_names")[stage - 1] in root.find(f"{ns}desc").text
    for key in ("muscle", "spindle", "sensory", "motor", "cord"):
        assert t(f"reflex.diagram.{key}") in svg
    lit = [g.get("class") for g in root.iter(f"{ns}g") if " lit" in (g.get("class") or "")]
    assert len(lit) == {1: 1, 2: 2, 3: 3, 4: 5, 5: 6}[stage]  # pull, spindle, sensory, cord+motor, muscle
    assert len(re.findall(r'class="stage-badge current"', svg)) == 1


def test_chart_specs_are_identical_across_choices_apart_from_their_data():
    """Single-choice charts (a handout, a test) differ only in their data."""
    from explainer.chart_specs import stable_spec

    t = _t("en")
    first = [stable_spec(v.chart.to_dict(), v.name) for v in chart_views(run_choice("slow", "small"), t)]
    second = [stable_spec(v.chart.to_dict(), v.name) for v in chart_views(run_choice("sudden", "large"), t)]
    for a, b in zip(first, second):
        assert a["datasets"] != b["datasets"]
        assert {k: v for k, v in a.items() if k != "datasets"} == {k: v for k, v in b.items() if k != "datasets"}


@pytest.mark.parametrize("lang", LANGS)
def test_all_choice_charts_carry_each_choice_exactly_as_its_own_chart(lang):
    """The page's charts hold all nine choices; the rows of each choice are the
    rows of that choice's own chart, and a bound parameter picks which one shows."""
    t = _t(lang)
    combined = [v.chart.to_dict() for v in chart_views(all_runs(), t)]
    assert [v.name for v in chart_views(all_runs(), t)] == list(CHART_NAMES)
    for spec in combined:
        assert spec["params"] == [
            {"name": CHOICE_PARAM, "value": DEFAULT_CHOICE, "bind": {"element": CHOICE_HOST, "event": CHOICE_EVENT}}
        ]
        assert f'"calculate": "isValid(datum[{CHOICE_PARAM}]) ? datum[{CHOICE_PARAM}] : datum[\'{DEFAULT_CHOICE}\']"' in json.dumps(spec)
        assert choices_in(spec) == {choice_id(sp, d) for sp in Speed for d in Distance}
    for speed, distance in [("slow", "small"), ("quick", "medium"), ("sudden", "large")]:
        single = [v.chart.to_dict() for v in chart_views(run_choice(speed, distance), t)]
        for one, every in zip(single, combined):
            assert shown(every, choice_id(speed, distance)) == shown(one, DEFAULT_CHOICE)
            assert "bind" not in one["params"][0]  # one run: nothing to choose, nothing bound


@pytest.mark.parametrize("lang", LANGS)
def test_choice_texts_are_the_narration_and_summaries_of_each_choice(lang):
    t = _t(lang)
    table = all_choice_texts(t)
    assert set(table) == {choice_id(sp, d) for sp in Speed for d in Distance}
    for speed in Speed:
        for distance in Distance:
            run = run_choice(speed, distance)
            story = narration(run, t, speed, distance)
            words = table[choice_id(speed, distance)]
            assert words["kind"] == {"outcome": story.outcome_kind}
            assert [words["text"][k] for k in ("pull", "firing", "outcome")] == [story.pull, story.firing, story.outcome]
            assert [words["text"][f"stage-{n}"] for n in range(1, STAGE_COUNT + 1)] == list(story.stages)
            for name, summary in chart_summaries(run, t).items():
                assert words["text"][f"summary-{name}"] == summary
    # the choices differ in what they say
    assert len({table[c]["text"]["outcome"] for c in table}) > 3


def test_slots_and_marker_escape_their_text():
    assert slot("pull", "a <b> & c") == '<span data-choice-slot="pull">a &lt;b&gt; &amp; c</span>'
    assert slot("outcome", "x", tag="p", kind="saved", css_class="reflex-outcome") == (
        '<p data-choice-slot="outcome" class="reflex-outcome" data-kind="saved">x</p>'
    )
    assert slot("outcome", "x", tag="p", live=True) == '<p data-choice-slot="outcome" aria-live="polite">x</p>'


def test_charts_bind_their_choice_to_the_body_which_exists_before_any_chart():
    """Vega looks the bound element up once, when it builds a chart; an element
    Streamlit draws may come later (the blank-chart bug). The body never does."""
    assert CHOICE_HOST == "body"
