"""Recovery figures come from the sources only; the /care chart draws each labelled
point at its own value, on a 0-100 axis, and says what it is made of in both languages."""
import json
import re

import pytest

from explainer.common.captions import ChartKind, chart_caption
from explainer.care.charts import (
    MOMENTS,
    first_month_note,
    moment_sentence,
    recovery_caption,
    recovery_chart,
    recovery_frame,
    recovery_summary,
)
from explainer.common.content import Content
from explainer.common.recovery import (
    COSTA_2012_PAIN,
    PENGEL_2003_FIRST_MONTH_FALL_PERCENT,
    SOURCE_IDS,
    recovery_timeline,
    summary_values,
)
from explainer.common.sources import load_sources

CONTENT = Content.load()
LANGS = ["en", "es"]


def test_only_the_published_costa_points():
    assert [(p.week, p.pain) for p in recovery_timeline()] == [(0, 52), (6, 23), (26, 12)]
    assert all(p.source_id == "costa2012" for p in COSTA_2012_PAIN)
    assert PENGEL_2003_FIRST_MONTH_FALL_PERCENT == 58


def test_pain_falls_over_time():
    pains = [p.pain for p in recovery_timeline()]
    assert pains == sorted(pains, reverse=True)


def test_sources_are_listed_on_the_sources_page():
    known = {s.id for s in load_sources()}
    assert set(SOURCE_IDS) <= known


def test_summary_values():
    assert summary_values() == {"start": 52, "six_weeks": 23, "six_months": 12, "first_month_fall": 58}


# --- what the chart draws, read from its spec ---------------------------------------------

def layers(spec: dict) -> list[dict]:
    return spec["layer"]


def rows_of(spec: dict, layer: dict) -> list[dict]:
    return spec["datasets"][(layer.get("data") or spec["data"])["name"]]


def field_of(layer: dict, channel: str) -> str:
    return (layer.get("encoding") or {}).get(channel, {}).get("field")


def labelled_points(spec: dict) -> list[tuple[float, float, str]]:
    """(week, plotted pain, label text) of every label the chart writes."""
    out = []
    for layer in layers(spec):
        mark = layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
        if mark != "text":
            continue
        x, y, text = field_of(layer, "x"), field_of(layer, "y"), field_of(layer, "text")
        assert x and y and text, layer  # a label placed by data, not at a fixed pixel
        out.extend((row[x], row[y], row[text]) for row in rows_of(spec, layer))
    return out


@pytest.mark.parametrize("moment", (None,) + MOMENTS)
@pytest.mark.parametrize("lang", LANGS)
def test_each_labelled_point_is_drawn_at_its_own_value(lang, moment):
    t = CONTENT.for_language(lang)
    spec = recovery_chart(t, moment).to_dict()
    labels = labelled_points(spec)
    assert [(week, pain) for week, pain, _ in labels] == [(0, 52), (6, 23), (26, 12)]
    for week, pain, label in labels:
        assert label == t("care.chart.point_label", pain=round(pain)) == str(round(pain))
    # No other words are drawn on the chart's data (no rule or label from another study).
    marks = [layer["mark"]["type"] for layer in layers(spec)]
    assert "rule" not in marks
    text = json.dumps(spec, ensure_ascii=False)
    assert "58" not in text and "%" not in text


@pytest.mark.parametrize("lang", LANGS)
def test_y_axis_is_the_whole_0_to_100_pain_scale(lang):
    spec = recovery_chart(CONTENT.for_language(lang)).to_dict()
    domains = [layer["encoding"]["y"]["scale"]["domain"] for layer in layers(spec) if "y" in layer.get("encoding", {})]
    assert domains and all(domain == [0, 100] for domain in domains)
    axis_values = [layer["encoding"]["y"]["axis"]["values"] for layer in layers(spec) if "axis" in layer["encoding"]["y"]]
    assert axis_values and all(values[0] == 0 and values[-1] == 100 for values in axis_values)


@pytest.mark.parametrize("lang", LANGS)
def test_the_moment_looked_at_gets_a_ring_and_a_sentence(lang):
    t = CONTENT.for_language(lang)
    for moment, point in zip(MOMENTS, recovery_timeline()):
        frame = recovery_frame(t, moment)
        assert frame["chosen"].tolist() == [p.key == moment for p in recovery_timeline()]
        assert str(round(point.pain)) in moment_sentence(t, moment)
        spec = recovery_chart(t, moment).to_dict()
        rings = [layer for layer in layers(spec) if "transform" in layer]
        assert len(rings) == 1 and rings[0]["mark"]["filled"] is False


@pytest.mark.parametrize("lang", LANGS)
def test_chart_uses_translated_labels_and_no_invented_points(lang):
    t = CONTENT.for_language(lang)
    assert recovery_frame(t)[["week", "pain"]].values.tolist() == [[0, 52], [6, 23], [26, 12]]
    spec = recovery_chart(t).to_dict()
    text = json.dumps(spec, ensure_ascii=False)
    for key in ("care.chart.title", "care.chart.x_title", "care.chart.y_title"):
        assert t(key) in text
    marks = [layer["mark"]["type"] for layer in layers(spec)]
    assert {"line", "point", "text"} <= set(marks)
    line = next(layer for layer in layers(spec) if layer["mark"]["type"] == "line")
    assert line["mark"]["strokeDash"] != [1, 0]  # the joining line is dashed: it only joins the points


@pytest.mark.parametrize("lang", LANGS)
def test_caption_says_whose_average_it_is_and_pengel_is_said_in_words(lang):
    t = CONTENT.for_language(lang)
    caption = recovery_caption(t)
    assert caption == chart_caption(ChartKind.STUDY_AVERAGE, t, who=t("care.chart.who"))
    assert "Costa 2012" in caption
    assert ("new back pain" if lang == "en" else "dolor de espalda nuevo") in caption
    assert "58%" in first_month_note(t)
    summary = recovery_summary(t)
    for figure in ("52", "23", "12"):
        assert figure in summary


def test_handout_keys_exist_in_both_languages():
    for lang in LANGS:
        t = CONTENT.for_language(lang)
        for key in ("care.helps", "care.avoid", "emergency.soon_signs", "emergency.today_signs", "emergency.signs"):
            assert len(t.items(key)) >= 2, (lang, key)
        for span in ("d1_3", "d4_7", "d8_14"):
            assert t(f"care.days.{span}") != f"care.days.{span}"
    assert "care.call_now" not in CONTENT.catalog["en"]  # one list of 911 signs for the whole app


@pytest.mark.parametrize("lang", LANGS)
def test_care_advice_says_what_the_sources_say(lang):
    t = CONTENT.for_language(lang)
    helps = " ".join(t.items("care.helps") + t.items("care.heat"))
    if lang == "en":
        for words in ("warm heat, not hot", "after a short while", "skin that feels numb", "fall asleep", "in and out of a tub",
                      "muscle relaxant", "pharmacist or doctor", "massage",
                      # Medicine named plainly, who asks first (nhs_ibuprofen, ags_beers2023), and the
                      # muscle relaxant's prescription, sleepiness and falls (medlineplus, ags_beers2023).
                      "ibuprofen", "naproxen", "over 65", "pregnant", "blood thinner", "kidney, heart or stomach",
                      "prescription", "sleepy", "do not drive", "falls",
                      # Heat safety for numb skin that does not know it (kornhaber2020).
                      "Test it with your hand", "diabetes or poor blood flow", "Never lie on a heating pad"):
            assert words in helps, words
    else:
        for words in ("tibio, no caliente", "después de un rato", "piel que siente dormida", "No se duerma", "entrar y salir de la tina",
                      "relajante muscular", "farmacia o a su médico", "masajes",
                      "ibuprofeno", "naproxeno", "más de 65 años", "embarazada", "anticoagulante", "riñón, corazón o estómago",
                      "receta", "sueño", "no maneje", "caídas",
                      "con la mano", "diabetes o mala circulación", "Nunca se acueste sobre una almohadilla"):
            assert words in helps, words
    # No source in the list gives a safe number of minutes for heat: none is given.
    assert not re.search(r"\d", " ".join(t.items("care.heat")))
