"""Walkthrough model and views: step/level resolution, nerve roots, spine and leg-map SVGs, timeline chart."""
import io
import re
import warnings
import xml.etree.ElementTree as ET

import pytest
import textstat

from explainer import walkthrough as walk
from explainer.content import Content
from explainer.leg_map import REGIONS, hatch_segments, leg_map_svg
from explainer.nerve_roots import ROOTS, root
from explainer.params import NERVE_LEVELS
from explainer.sources import source_ids
from explainer.spine_diagram import spine_svg
from explainer.timeline import recovery_timeline
from explainer.walkthrough_charts import timeline_chart, timeline_summary

CONTENT = Content.load()
T = {lang: CONTENT.for_language(lang) for lang in ("en", "es")}
SVG = "{http://www.w3.org/2000/svg}"
BAD = [None, "", "abc", "0", "99", "-1", "2.5", "7", "1e3", " "]


# --- step and level resolution -------------------------------------------------

def test_six_steps_in_the_order_of_the_issue():
    assert walk.STEPS == ("two_ways", "spine", "leg_map", "compare", "timeline", "outlook")


@pytest.mark.parametrize("raw", BAD)
def test_bad_step_falls_back_to_step_1(raw):
    assert walk.step_from_query(raw) == 1
    assert walk.resolve({}, raw, None)[walk.WALK_STEP] == 1


@pytest.mark.parametrize("raw", [None, "", "L9", "l6", "S2", "x", "L55"])
def test_bad_level_falls_back_to_L5(raw):
    assert walk.level_from_query(raw) == "L5"
    assert walk.resolve({}, None, raw)[walk.WALK_LEVEL] == "L5"


@pytest.mark.parametrize("n", range(1, 7))
def test_good_step_and_level_seed_a_fresh_session(n):
    state = walk.resolve({}, str(n), "s1")
    assert state == {walk.WALK_STEP: n, walk.WALK_LEVEL: "S1", walk.WALK_SEEN_STEP: str(n), walk.WALK_SEEN_LEVEL: "S1"}


def test_query_seen_before_does_not_undo_next_and_back():
    seen = walk.resolve({}, "2", "L4")
    after_next = {**seen, walk.WALK_STEP: 3}  # the Next callback ran; the URL still says 2
    state = walk.resolve(after_next, "2", "L4")
    assert state[walk.WALK_STEP] == 3 and state[walk.WALK_SEEN_STEP] == "3"


def test_a_new_deep_link_wins_over_the_session_and_missing_params_keep_it():
    session = walk.resolve({}, "4", "L4")
    assert walk.resolve(session, "6", None)[walk.WALK_STEP] == 6
    kept = walk.resolve(session, None, None)  # e.g. back from Home: the URL has no step
    assert kept[walk.WALK_STEP] == 4 and kept[walk.WALK_LEVEL] == "L4"
    assert walk.resolve(session, "abc", None)[walk.WALK_STEP] == 1  # a new bad link: step 1


def test_next_and_previous_stay_in_range():
    assert [walk.next_step(s) for s in range(1, 7)] == [2, 3, 4, 5, 6, 6]
    assert [walk.previous_step(s) for s in range(1, 7)] == [1, 1, 2, 3, 4, 5]


def test_step_sources_exist():
    for ids in walk.STEP_SOURCES.values():
        assert set(ids) <= source_ids()
    assert set(walk.STEP_SOURCES) == set(walk.STEPS)


# --- nerve roots ------------------------------------------------------------------

def test_root_table_matches_the_brief():
    assert tuple(ROOTS) == NERVE_LEVELS
    assert set(ROOTS["L4"].regions) == {"knee", "inner_calf"}
    assert set(ROOTS["L5"].regions) == {"outer_calf", "top_of_foot", "big_toe"}
    assert set(ROOTS["S1"].regions) == {"back_of_thigh", "back_of_calf", "sole", "outer_foot"}
    assert root("L9") is ROOTS["L5"]
    en = T["en"]
    assert "knee" in en(ROOTS["L4"].reflex_key).lower()
    assert "ankle" in en(ROOTS["S1"].reflex_key).lower()
    assert "no reflex" in en(ROOTS["L5"].reflex_key).lower()
    assert "heels" in en(ROOTS["L5"].weakness_key) and "toes" in en(ROOTS["S1"].weakness_key)


# --- diagrams -------------------------------------------------------------------------

def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _texts(tree: ET.Element) -> str:
    return " ".join("".join(el.itertext()) for el in tree.iter(f"{SVG}text"))


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("builder", [spine_svg, leg_map_svg], ids=["spine", "leg_map"])
def test_diagram_has_text_alternative_and_names_the_root(builder, lang):
    t = T[lang]
    svgs = {level: builder(level, t) for level in NERVE_LEVELS}
    assert len(set(svgs.values())) == 3  # changing the level changes the picture
    for level, svg in svgs.items():
        tree = _parse(svg)
        assert tree.get("role") == "img" and level in tree.get("aria-label")
        assert tree.get("width") and tree.get("height")
        assert level in tree.find(f"{SVG}title").text and level in tree.find(f"{SVG}desc").text
        assert level in _texts(tree)  # named on the picture itself, not only by colour
        assert "spasm_or_disc." not in svg  # every label found in this language


def test_leg_map_words_are_in_the_chosen_language():
    assert "Sole of foot" in leg_map_svg("S1", T["en"]) and "Planta del pie" in leg_map_svg("S1", T["es"])
    assert "Bulging disc" in spine_svg("L4", T["en"]) and "Hernia de disco" in spine_svg("L4", T["es"])


def test_leg_map_highlight_has_hatch_and_dashed_outline_not_only_colour():
    tree = _parse(leg_map_svg("L4", T["en"]))
    dashed = [p for p in tree.iter(f"{SVG}polygon") if p.get("stroke-dasharray")]
    assert len(dashed) == 2 + 1  # knee, inner calf, legend swatch
    assert len(list(tree.iter(f"{SVG}line"))) > 30  # hatching


def test_spine_marks_the_pressed_root_with_dash_and_callout():
    tree = _parse(spine_svg("S1", T["en"]))
    assert "presses on" in _texts(tree) and "the S1 root" in _texts(tree)
    assert any(p.get("stroke-dasharray") for p in tree.iter(f"{SVG}path"))
    healthy_only = _parse(spine_svg("L5", T["en"]))
    assert "the L5 root" in _texts(healthy_only) and "the S1 root" not in _texts(healthy_only)


def test_leg_map_uses_plain_shapes_only_for_the_pdf_handout():
    svg = leg_map_svg("S1", T["es"])
    allowed = {"svg", "title", "desc", "rect", "polygon", "line", "ellipse", "path", "text"}
    tags = {el.tag.replace(SVG, "") for el in _parse(svg).iter()}
    assert tags <= allowed
    for forbidden in ("class=", "filter", "url(", "href", "<style", "pattern", "clip"):
        assert forbidden not in svg


def test_leg_map_embeds_in_a_pdf_with_fpdf2():
    from fpdf import FPDF
    from pypdf import PdfReader

    pdf = FPDF()
    pdf.add_page()
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # fpdf2 warns about any SVG feature it cannot draw
        pdf.image(io.BytesIO(leg_map_svg("L5", T["en"]).encode("utf-8")), x=10, y=10, w=120)
    data = bytes(pdf.output())
    assert len(PdfReader(io.BytesIO(data)).pages) == 1


def test_hatch_lines_stay_inside_their_shape():
    square = [(0, 0), (100, 0), (100, 100), (0, 100)]
    segments = hatch_segments(square, spacing=10)
    assert len(segments) > 10
    for (x1, y1), (x2, y2) in segments:
        for x, y in ((x1, y1), (x2, y2)):
            assert -1e-6 <= x <= 100 + 1e-6 and -1e-6 <= y <= 100 + 1e-6
    for shapes in REGIONS.values():
        for _, polygon in shapes:
            assert hatch_segments(polygon)


# --- timeline chart and summary --------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "es"])
def test_timeline_chart_labels_dashes_and_marks(lang):
    t = T[lang]
    spec = timeline_chart(recovery_timeline(6, 10), t).to_dict()
    text = str(spec)
    for key in ("title", "x", "y", "ordinary", "disc", "bath_mark", "treat_mark"):
        assert t(f"spasm_or_disc.steps.timeline.chart.{key}") in text
    lines = spec["layer"][0]["encoding"]
    assert lines["strokeDash"]["scale"]["range"][0] != lines["strokeDash"]["scale"]["range"][1]
    assert lines["color"]["scale"]["range"][0] != lines["color"]["scale"]["range"][1]


def test_timeline_summary_follows_the_choices():
    en = T["en"]
    plain = " ".join(timeline_summary(recovery_timeline(0, 0), en))
    assert "for all 3 weeks" in plain and "Add a hot bath" in plain
    treated = " ".join(timeline_summary(recovery_timeline(3, 10), en))
    assert "until day 10" in treated and "day 3" in treated and "by day 21" in treated
    assert "by day 14" in treated


# --- plain language -------------------------------------------------------------------------------

def _walk_strings(lang: str) -> list[str]:
    strings = [v for k, v in CONTENT.catalog[lang].items() if k.startswith("spasm_or_disc.") and ".source_names." not in k]
    return [" ".join(v) if isinstance(v, list) else v for v in strings]


def test_english_reads_at_grade_6_or_below():
    for text in _walk_strings("en"):
        if len(text.split()) >= 6:
            assert textstat.flesch_kincaid_grade(re.sub(r"\{\w+\}", "L5", text)) <= 6.0, text


def test_spanish_reads_at_fernandez_huerta_70_or_more():
    textstat.set_lang("es")
    try:
        for text in _walk_strings("es"):
            if len(text.split()) >= 6:
                assert textstat.fernandez_huerta(re.sub(r"\{\w+\}", "L5", text)) >= 70, text
    finally:
        textstat.set_lang("en")
