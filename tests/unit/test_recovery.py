"""Recovery figures come from the brief's sources only; the chart says so in both languages."""
import json

import pytest

from explainer.care_charts import recovery_chart, recovery_frame, recovery_source, recovery_summary
from explainer.content import Content
from explainer.recovery import (
    COSTA_2012_PAIN,
    PENGEL_2003_FIRST_MONTH_FALL_PERCENT,
    SOURCE_IDS,
    recovery_timeline,
    summary_values,
)
from explainer.sources import load_sources

CONTENT = Content.load()


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


@pytest.mark.parametrize("lang", ["en", "es"])
def test_chart_uses_translated_labels_and_no_invented_points(lang):
    t = CONTENT.for_language(lang)
    assert recovery_frame(t)[["week", "pain"]].values.tolist() == [[0, 52], [6, 23], [26, 12]]
    spec = recovery_chart(t).to_dict()
    text = json.dumps(spec, ensure_ascii=False)
    for key in ("care.chart.title", "care.chart.subtitle", "care.chart.x_title", "care.chart.y_title"):
        assert t(key) in text
    assert t("care.chart.month_label", first_month_fall=58) in text
    layers = spec["layer"]
    marks = [layer["mark"]["type"] for layer in layers]
    assert {"line", "point", "text", "rule"} <= set(marks)
    line = next(layer for layer in layers if layer["mark"]["type"] == "line")
    assert line["mark"]["strokeDash"] != [1, 0]  # the joining line is dashed: it is not data


@pytest.mark.parametrize("lang", ["en", "es"])
def test_text_alternative_states_every_figure_and_names_the_sources(lang):
    t = CONTENT.for_language(lang)
    summary = recovery_summary(t)
    for figure in ("52", "23", "12", "58"):
        assert figure in summary
    assert "Costa 2012" in recovery_source(t) and "Pengel 2003" in recovery_source(t)


def test_handout_keys_exist_in_both_languages():
    for lang in ("en", "es"):
        t = CONTENT.for_language(lang)
        for key in ("care.helps", "care.avoid", "care.come_back", "care.call_now"):
            assert len(t.items(key)) >= 2, (lang, key)
        for span in ("d1_3", "d4_7", "d8_14"):
            assert t(f"care.days.{span}") != f"care.days.{span}"
