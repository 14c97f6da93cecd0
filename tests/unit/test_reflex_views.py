"""/reflex charts, words and picture: every word from content, every number
from the model, in both languages; each chart series plots the model's data."""
import json
import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest

from explainer.common import palette
from explainer.common.content import Content
from explainer.common.handout_font import FILES as FONT_FILES
from explainer.common.slots import slot
from explainer.reflex.charts import CHART_NAMES, CHOICE_PARAM, CURSOR_PARAM, SAMPLE_MS, chart_views, chosen_expression
from explainer.reflex.choices import (
    ALL_CHOICES,
    CHOICE_EVENT,
    CHOICE_HOST,
    CURSOR_EVENT,
    CURSOR_HOST,
    DEFAULT_CHOICE,
    all_runs,
    choice_id,
    parse_choice,
)
from explainer.reflex.figure import GEOMETRY, STAGE_COUNT, Moment, figure_svg, place
from explainer.reflex.model import TEAR_THRESHOLD_MM, Distance, Speed, run_choice
from explainer.reflex.units import inches
from explainer.reflex.words import (
    all_choice_texts,
    chart_summaries,
    choice_texts,
    choices_note,
    latency_note,
    length,
    narration,
)
from tests.chart_rows import choices_in, shown

CONTENT = Content.load()
LANGS = ("en", "es")
INCH_WORD = {"en": "inch", "es": "pulgada"}


def _t(lang):
    return CONTENT.for_language(lang)


def _data(spec):
    """The rows a one-choice chart draws."""
    return shown(spec, DEFAULT_CHOICE)


def _sampled(run, values):
    step = int(round(SAMPLE_MS / (run.time_ms[1] - run.time_ms[0])))
    return values[::step]


@pytest.fixture(scope="module", params=LANGS)
def combined(request):
    """The page's three charts in one language, each carrying all nine choices."""
    t = _t(request.param)
    return t, [v.chart.to_dict() for v in chart_views(all_runs(), t)]


# --- What each chart plots --------------------------------------------------------


@pytest.mark.parametrize("choice", ALL_CHOICES)
def test_each_series_plots_the_models_data(combined, choice):
    """For every choice, each line is the model's own series at the sampled
    times: a line that copies another (the without-reflex line drawing the
    with-reflex numbers) fails here."""
    t, (stretch, firing, contraction) = combined
    run = run_choice(*parse_choice(choice))
    times = _sampled(run, run.time_ms)

    def series(spec, field, where=None):
        rows = [r for r in shown(spec, choice) if field in r and "time" in r and "label" not in r and (where is None or r.get("muscle") == where)]
        return np.array([r["time"] for r in rows]), np.array([r[field] for r in rows])

    for label, values in (
        (t("reflex.chart.with_reflex"), run.stretch_with_reflex_mm),
        (t("reflex.chart.without_reflex"), run.stretch_without_reflex_mm),
    ):
        at, plotted = series(stretch, "stretch", label)
        assert np.array_equal(at, times)
        assert plotted == pytest.approx(_sampled(run, values), abs=0.005)  # mm, as drawn (2 decimals)
    at, plotted = series(firing, "firing")
    assert np.array_equal(at, times) and plotted == pytest.approx(_sampled(run, run.firing_imp_s), abs=0.05)  # imp/s
    at, plotted = series(contraction, "strength")
    assert np.array_equal(at, times) and plotted == pytest.approx(_sampled(run, run.contraction) * 100, abs=0.05)  # out of 100


def test_the_two_stretch_lines_differ_where_the_reflex_acts(combined):
    t, (stretch, *_rest) = combined
    rows = shown(stretch, DEFAULT_CHOICE)
    with_line = [r["stretch"] for r in rows if r.get("muscle") == t("reflex.chart.with_reflex")]
    without_line = [r["stretch"] for r in rows if r.get("muscle") == t("reflex.chart.without_reflex")]
    assert max(without_line) - max(with_line) > 15.0  # mm: 40 without, 22 with


@pytest.mark.parametrize("lang", LANGS)
def test_three_charts_with_translated_titles_and_legend(lang):
    t = _t(lang)
    views = chart_views(run_choice("sudden", "large"), t)
    assert [v.name for v in views] == list(CHART_NAMES)
    for v in views:
        spec = v.chart.to_dict()
        assert spec["title"] == t(f"reflex.chart.{v.name}_title")
        assert "description" not in spec  # the summary goes to alt=, so the spec stays the same
    stretch = views[0].chart.to_dict()
    labels = {row.get("muscle") for row in _data(stretch)}
    assert {t("reflex.chart.with_reflex"), t("reflex.chart.without_reflex")} <= labels
    assert t("reflex.chart.tear_zone") in {row.get("label") for row in _data(stretch)}
    assert INCH_WORD[lang] in json.dumps(stretch, ensure_ascii=False)  # the mm axis says what an inch is


def test_lines_differ_by_dash_not_only_colour_and_use_the_palette():
    spec = chart_views(run_choice("quick", "large"), _t("en"))[0].chart.to_dict()
    line = next(layer for layer in spec["layer"] if layer.get("mark", {}).get("type") == "line")["encoding"]
    assert line["color"]["scale"]["range"] == [palette.BLUE, palette.VERMILLION]
    dashes = line["strokeDash"]["scale"]["range"]
    assert dashes[0] != dashes[1]


def test_tearing_zone_band_starts_at_the_threshold():
    spec = chart_views(run_choice("slow", "small"), _t("en"))[0].chart.to_dict()
    bands = [row for row in _data(spec) if "low" in row]
    assert bands[0]["low"] == TEAR_THRESHOLD_MM


def test_chart_specs_are_identical_across_choices_apart_from_their_data():
    """Single-choice charts (a handout, a test) differ only in their data."""
    from explainer.common.chart_specs import stable_spec

    t = _t("en")
    first = [stable_spec(v.chart.to_dict(), v.name) for v in chart_views(run_choice("slow", "small"), t)]
    second = [stable_spec(v.chart.to_dict(), v.name) for v in chart_views(run_choice("sudden", "large"), t)]
    for a, b in zip(first, second):
        assert a["datasets"] != b["datasets"]
        assert {k: v for k, v in a.items() if k != "datasets"} == {k: v for k, v in b.items() if k != "datasets"}


def test_page_charts_bind_the_choice_to_the_body_and_the_cursor_to_html(combined):
    """Vega looks a bound element up once, when it builds a chart; an element
    Streamlit draws may come later (the blank-chart bug). The body and the
    html element exist before any chart and are never replaced."""
    assert (CHOICE_HOST, CURSOR_HOST) == ("body", "html")
    _t_, specs = combined
    for spec in specs:
        assert spec["params"] == [
            {"name": CHOICE_PARAM, "value": DEFAULT_CHOICE, "bind": {"element": CHOICE_HOST, "event": CHOICE_EVENT}},
            {"name": CURSOR_PARAM, "value": -1, "bind": {"element": CURSOR_HOST, "event": CURSOR_EVENT}},
        ]
        text = json.dumps(spec)
        assert json.dumps(chosen_expression(all_runs())) in text
        assert f"isValid({CURSOR_PARAM}) && {CURSOR_PARAM} >= 0" in text  # no replay, no cursor
        assert choices_in(spec) == set(ALL_CHOICES)


def test_a_chart_never_draws_from_an_unset_choice():
    """Until the browser sets a choice, ``datum[choice]`` is undefined: the
    charts fall back to the default choice instead of drawing nothing."""
    assert chosen_expression(all_runs()) == f"isValid(datum[choice]) ? datum[choice] : datum['{DEFAULT_CHOICE}']"


@pytest.mark.parametrize("lang", LANGS)
def test_all_choice_charts_carry_each_choice_exactly_as_its_own_chart(lang):
    t = _t(lang)
    combined_specs = [v.chart.to_dict() for v in chart_views(all_runs(), t)]
    for speed, distance in [("slow", "small"), ("quick", "medium"), ("sudden", "large")]:
        single = [v.chart.to_dict() for v in chart_views(run_choice(speed, distance), t)]
        for one, every in zip(single, combined_specs):
            drawn = [row for row in shown(every, choice_id(speed, distance)) if row != {"row": 0}]  # less the cursor's row
            assert drawn == shown(one, DEFAULT_CHOICE)
            assert len(one["params"]) == 1 and "bind" not in one["params"][0]  # one run: nothing bound, no cursor


# --- Words --------------------------------------------------------------------------


def test_inches_are_rounded_the_way_a_person_says_them():
    assert [inches(mm) for mm in (0, 1, 8, 13, 20, 25, 35, 40, 100, 200, 300)] == [
        "0", "0.1", "0.3", "0.5", "0.8", "1", "1.4", "1.6", "4", "8", "12",
    ]
    assert length(_t("en"), 40) == "40 mm (about 1.6 inches)"
    assert length(_t("en"), 25) == "25 mm (about 1 inch)"
    assert length(_t("es"), 40) == "40 mm (unas 1.6 pulgadas)"


@pytest.mark.parametrize("lang", LANGS)
def test_every_mm_on_screen_has_inches_beside_it(lang):
    t = _t(lang)
    texts = [choices_note(t), t("reflex.chart.stretch_axis")]
    for words in all_choice_texts(t).values():
        texts += list(words["text"].values())
    with_mm = [text for text in texts if re.search(r"\d mm\b", text) or "(mm" in text]
    assert len(with_mm) > 20
    for text in with_mm:
        assert text.count(" mm") <= text.count(INCH_WORD[lang]) or "(mm" in text and INCH_WORD[lang] in text, text


@pytest.mark.parametrize("lang", LANGS)
def test_narration_quotes_the_models_numbers(lang):
    t = _t(lang)
    run = run_choice("sudden", "large")
    story = narration(run, t, "sudden", "large")
    assert story.outcome_kind == "saved"
    assert str(round(run.peak_firing_imp_s)) in story.firing
    assert length(t, round(run.margin_with_mm)) in story.outcome
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
def test_resting_rate_is_the_models_not_a_human_rate(lang):
    t = _t(lang)
    firing = narration(run_choice("sudden", "large"), t, "sudden", "large").firing
    assert "82" in firing
    assert {"en": "In this model", "es": "En este modelo"}[lang] in firing
    # The honesty in a patient's words: a model from cats walking, not a person's resting muscle.
    assert {"en": "made from tests on cats as they walked", "es": "pruebas en gatos que caminaban"}[lang] in firing
    assert {"en": "not what a person's muscle does at rest", "es": "No es lo que hace el músculo de una persona en reposo"}[lang] in firing


@pytest.mark.parametrize("lang", LANGS)
def test_timing_note_keeps_the_fast_loop_apart_from_the_whole_back(lang):
    note = latency_note(_t(lang))
    assert re.search(r"\b50 ms\b", note) and "20" in note and "79" in note
    assert "100" not in note  # no made-up trunk range
    loop, back = note.index("50 ms"), note.index("79")
    assert loop < back  # the model's loop first, then the back's slower reaction


@pytest.mark.parametrize("lang", LANGS)
def test_claims_are_worded_with_care(lang):
    t = _t(lang)
    # The reflex steadies the muscle; no study shows it prevents tears.
    assert {"en": "It helps keep the muscle steady.", "es": "Ayuda a que el músculo se mantenga firme."}[lang] in t("reflex.intro")
    assert {"en": "protect", "es": "proteger"}[lang] not in t("reflex.intro")
    # Lasting back guarding is a longer tightening, kept going by pain: it hurts but is not damage.
    back = t("reflex.back.text")
    assert {"en": "lasts much longer than the quick reflex", "es": "dura mucho más que el reflejo rápido"}[lang] in back
    assert {"en": "It is not a new injury.", "es": "No es una lesión nueva."}[lang] in back
    assert {"en": "a guard like this that stays on", "es": "se queda encendida"}[lang] not in back
    # The replay says what the made-up picture shows, never what would happen to a real muscle.
    saved = t("reflex.replay.phase.end_saved")
    assert {"en": "In this made-up picture", "es": "En este dibujo inventado"}[lang] in saved
    assert {"en": "it would go in", "es": "sí entraría"}[lang] not in saved
    everything = json.dumps([CONTENT.raw(lang, key) for key in CONTENT.catalog[lang] if key.startswith("reflex.")], ensure_ascii=False)
    assert "clinician" not in everything.lower() and "clínico" not in everything.lower()
    assert "keeps the muscle from tearing" not in everything and "no se rompe" not in everything


@pytest.mark.parametrize("lang", LANGS)
def test_choice_texts_are_the_narration_and_summaries_of_each_choice(lang):
    t = _t(lang)
    table = all_choice_texts(t)
    assert set(table) == set(ALL_CHOICES)
    for choice in ALL_CHOICES:
        speed, distance = parse_choice(choice)
        run = run_choice(speed, distance)
        story = narration(run, t, speed, distance)
        words = table[choice]
        assert words == choice_texts(t, speed, distance)
        assert words["kind"] == {"outcome": story.outcome_kind}
        assert [words["text"][k] for k in ("pull", "firing", "outcome")] == [story.pull, story.firing, story.outcome]
        assert [words["text"][f"stage-{n}"] for n in range(1, STAGE_COUNT + 1)] == list(story.stages)
        for name, summary in chart_summaries(run, t).items():
            assert words["text"][f"summary-{name}"] == summary
    assert len({table[c]["text"]["outcome"] for c in table}) > 3


def test_stretch_summary_states_the_pull_back():
    run = run_choice("sudden", "large")
    summary = chart_summaries(run, _t("en"))["stretch"]
    assert f"stops at {length(_t('en'), round(run.peak_with_mm))}" in summary
    assert f"pulls back to {length(_t('en'), round(run.final_with_mm))}" in summary


def test_slots_escape_their_text():
    assert slot("pull", "a <b> & c") == '<span data-choice-slot="pull">a &lt;b&gt; &amp; c</span>'
    assert slot("outcome", "x", tag="p", kind="saved", css_class="reflex-outcome") == (
        '<p data-choice-slot="outcome" class="reflex-outcome" data-kind="saved">x</p>'
    )
    assert slot("outcome", "x", tag="p", live=True) == '<p data-choice-slot="outcome" aria-live="polite">x</p>'


# --- The picture ----------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("stage", range(1, STAGE_COUNT + 1))
def test_picture_is_accessible_and_lights_stages_in_order(lang, stage):
    t = _t(lang)
    svg = figure_svg(t, Moment(20.0, 40.0, 120.0, 0.1), stage, outcome="The end.")
    root = ET.fromstring(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img" and root.get("aria-labelledby") == "reflex-fig-title reflex-fig-desc"
    assert root.find(f"{ns}title").text == t("reflex.figure.title")
    desc = root.find(f"{ns}desc").text
    assert t.items("reflex.path.stage_names")[stage - 1] in desc and desc.endswith("The end.")
    # Each label is one <text>, its lines (a wrapped label) in <tspan>s.
    labels = {" ".join(" ".join(text.itertext()).split()) for text in root.iter(f"{ns}text")}
    for key in ("muscle", "spindle", "sensory", "motor", "cord", "pull", "tear_zone"):
        assert t(f"reflex.figure.{key}") in labels
    lit = {n for n in range(1, STAGE_COUNT + 1) for g in root.iter(f"{ns}g") if f"stage-{n} lit" in (g.get("class") or "")}
    assert lit == set(range(1, stage + 1))
    assert len(re.findall(r'class="badge [^"]*current"', svg)) == 1


#: The picture's labels are 25-unit bold Atkinson Hyperlegible (ui/replay.css). Chromium
#: draws "Zona de desgarro" 210-217 units wide (full browser and headless shell), 1-5% over
#: the font's own advance widths (207): a label is given 8% more than those.
LABEL_PX, LABEL_SLACK = 25, 1.08


def _label_width(text: str) -> float:
    from fontTools.ttLib import TTFont

    with TTFont(str(FONT_FILES["B"]), lazy=True) as font:
        cmap, widths, em = font.getBestCmap(), font["hmtx"], font["head"].unitsPerEm
        return sum(widths[cmap[ord(ch)]][0] for ch in text) * LABEL_PX / em * LABEL_SLACK


@pytest.mark.parametrize("lang", LANGS)
def test_the_tearing_zone_label_clears_badge_4_and_the_pictures_edge(lang):
    """Centred on the zone, "Zona de desgarro" touched badge 4 in Chromium and ran into it
    by 5 px in the headless shell: the label must clear the badge with room to spare."""
    t = _t(lang)
    root = ET.fromstring(figure_svg(t, Moment(0.0, 0.0, 82.0, 0.0), 1))
    ns = "{http://www.w3.org/2000/svg}"
    label = next(text for text in root.iter(f"{ns}text") if "zone-label" in text.get("class", ""))
    assert label.text == t("reflex.figure.tear_zone") and label.get("text-anchor") == "middle"
    ring = next(g for g in root.iter(f"{ns}g") if g.get("data-stage") == "4").find(f"{ns}circle")
    half = _label_width(label.text) / 2
    x = float(label.get("x"))
    assert x - half > float(ring.get("cx")) + float(ring.get("r")) + 4, (label.text, x - half)
    assert x + half < GEOMETRY.width, (label.text, x + half)


def test_picture_geometry_follows_the_moment():
    g = GEOMETRY
    rest = place(Moment(0.0, 0.0, 82.0, 0.0))
    assert rest.end_x == g.rest_end_x and rest.belly_sx == 1.0 and rest.belly_sy == 1.0 and not rest.ghost_shown
    pulled = place(Moment(40.0, 40.0, 250.0, 0.0))
    assert pulled.end_x == pytest.approx(g.rest_end_x + 40 * g.px_per_mm)  # 6 px per mm
    assert pulled.end_x > g.rest_end_x + TEAR_THRESHOLD_MM * g.px_per_mm  # inside the tearing zone
    assert pulled.belly_sy < 1.0  # longer, so thinner
    tight = place(Moment(20.0, 40.0, 250.0, 1.0))
    assert tight.ghost_shown and tight.ghost_sx > tight.belly_sx
    assert tight.belly_sy > place(Moment(20.0, 40.0, 250.0, 0.0)).belly_sy  # tighter, so thicker
    glows = [place(Moment(10.0, 10.0, rate, 0.0)) for rate in (0.0, 82.0, 160.0, 250.0, 400.0)]
    assert [x.glow_opacity for x in glows] == sorted(x.glow_opacity for x in glows)
    assert glows[-1].glow_opacity == glows[-2].glow_opacity == 1.0  # full glow at 250 imp/s and above
