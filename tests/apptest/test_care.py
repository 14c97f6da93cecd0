"""/care: the care plan, the recovery chart with its text alternative and source,
and the way back to the self-check, in both languages and modes."""
import json

import pytest

from explainer.content import Content
from tests.apptest.helpers import all_text, run_page

CONTENT = Content.load()


def chart_specs(at) -> list[dict]:
    return [json.loads(el.proto.spec) for el in at.get("vega_lite_chart")]


@pytest.mark.parametrize("via_app", [False, True], ids=["page-file", "via-app"])
def test_care_plan_chart_and_source(via_app, lang_mode):
    lang, mode = lang_mode
    t = CONTENT.for_language(lang)
    at = run_page("care", lang, mode, via_app=via_app)
    assert at.title[0].value == t("care.title")
    text = all_text(at)
    for key in ("care.helps", "care.avoid", "care.come_back", "care.call_now"):
        for item in t.items(key):
            assert item in text, (key, item)
    for span in ("d1_3", "d4_7", "d8_14"):
        assert t(f"care.days.{span}_title") in text and t(f"care.days.{span}") in text
    # the chart, in this language, with a visible summary and its source
    (spec,) = chart_specs(at)
    assert spec["title"]["text"] == t("care.chart.title")
    assert t("care.chart.x_title") in json.dumps(spec, ensure_ascii=False)
    assert t("care.chart.summary", start=52, six_weeks=23, six_months=12, first_month_fall=58) in text
    assert t("care.chart.source") in text
    assert t("care.helps_source") in text  # heat: Qaseem 2017
    assert "911" in at.error[0].value


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
