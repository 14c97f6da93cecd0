"""/care: the care plan, the one list of 911 signs, the recovery chart (its data, its
control, its caption and words), "Where this comes from", and the way back to the
self-check, in both languages and modes."""
import json
import re

import pyarrow as pa
import pytest

from explainer.care.charts import MOMENTS
from explainer.common.captions import ChartKind, chart_caption
from explainer.common.content import Content
from explainer.common.recovery import recovery_timeline
from tests.apptest.helpers import all_text, readable, run_page

CONTENT = Content.load()


def shown(at) -> str:
    parts = [all_text(at)] + [e.label for e in at.expander]
    for group in at.button_group:
        parts.append(group.proto.label)
        parts.extend(group.options)
    return readable("\n".join(parts))


def chart_specs(at) -> list[dict]:
    out = []
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        spec["datasets"] = {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pylist() for d in chart.proto.datasets}
        out.append(spec)
    return out


def plotted(spec: dict) -> list[tuple[float, float, str, bool]]:
    """(week, pain, label, chosen) of each point, from the chart's data."""
    rows = spec["datasets"][spec["data"]["name"]]
    return [(r["week"], r["pain"], r["label"], r["chosen"]) for r in rows]


@pytest.mark.parametrize("via_app", [False, True], ids=["page-file", "via-app"])
def test_care_plan_chart_and_sources(via_app, lang_mode):
    lang, mode = lang_mode
    t = CONTENT.for_language(lang)
    at = run_page("care", lang, mode, via_app=via_app)
    assert at.title[0].value == t("care.title")
    text = shown(at)
    for key in ("care.helps", "care.avoid", "emergency.soon_signs", "emergency.today_signs"):
        for item in t.items(key):
            assert item in text, (key, item)
    for span in ("d1_3", "d4_7", "d8_14"):
        assert t(f"care.days.{span}_title") in text and t(f"care.days.{span}") in text
    # The 911 box is the app's one list of emergency signs.
    (alert,) = at.error
    assert t("emergency.heading") in shown_alert(alert) and all(s in shown_alert(alert) for s in t.items("emergency.signs"))
    # ... and the emergency room's, with "do not drive yourself" (a reviewed copy of the words).
    er = {"en": ("Go to the emergency room now if you have back pain and:", "Do not drive yourself."),
          "es": ("Vaya a la sala de emergencias ahora si tiene dolor de espalda y:", "No maneje usted.")}[lang]
    assert all(words in shown_alert(alert) for words in er)
    assert all(s in shown_alert(alert) for s in t.items("emergency.er_signs"))
    # The chart, in this language: Costa's three points, each label its own value.
    (spec,) = chart_specs(at)
    assert spec["title"]["text"] == t("care.chart.title")
    assert [(w, p, label) for w, p, label, _ in plotted(spec)] == [(0, 52, "52"), (6, 23, "23"), (26, 12, "12")]
    assert chart_caption(ChartKind.STUDY_AVERAGE, t, who=t("care.chart.who")) in text
    assert t("care.chart.summary", start=52, six_weeks=23, six_months=12) in text
    assert t("care.chart.first_month", first_month_fall=58) in text  # Pengel: in words, not on the chart
    assert "58" not in json.dumps(spec)
    # Sources behind a "Where this comes from" control per section; no inline source lines.
    assert [e.label for e in at.expander].count(t("care.where_from")) == 6
    for name in ("NICE guideline NG59", "Qaseem", "Costa", "Pengel", "Mayo Clinic"):
        assert name in text
    assert not re.search(r"^(Source|Fuente):", text, re.M)


def shown_alert(alert) -> str:
    return readable(alert.value)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_looking_at_a_moment_rings_that_point_and_says_it(lang):
    t = CONTENT.for_language(lang)
    at = run_page("care", lang)
    control = at.button_group(key="care_moment_control")
    assert control.options == [t(f"care.chart.moments.{m}") for m in MOMENTS]
    for moment, point in zip(MOMENTS, recovery_timeline()):
        at.button_group(key="care_moment_control").set_value(moment).run()
        (spec,) = chart_specs(at)
        assert [chosen for *_, chosen in plotted(spec)] == [p.key == moment for p in recovery_timeline()]
        assert t(f"care.chart.moments.{moment}_says", pain=round(point.pain)) in shown(at)
        assert at.session_state["care_moment"] == moment


def test_links_to_the_self_check_with_language():
    at = run_page("care", "es")
    fallback = [str(el.value) for el in at.markdown if "fallback-link" in str(el.value)]
    assert any("/self-check?" in link and "lang=es" in link and CONTENT.text("es", "care.self_check_link") in link for link in fallback)
    at = run_page("care", "en", via_app=True)
    labels = [el.proto.label for el in at.get("page_link")]
    assert CONTENT.text("en", "care.self_check_link") in labels


def test_language_switch_redraws_the_chart():
    at = run_page("care", "en", via_app=True)
    at.button(key="lang_es").click().run()
    (spec,) = chart_specs(at)
    assert spec["title"]["text"] == CONTENT.text("es", "care.chart.title")
