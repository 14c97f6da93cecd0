"""Spasm or disc? walkthrough (issue 4): Next/Back, deep links, bad parameters, level, language."""
import json

import pytest

from explainer import walkthrough as walk
from explainer.content import Content
from explainer.sitemap import BY_ID
from tests.apptest.helpers import all_text, run_page

CONTENT = Content.load()
N = len(walk.STEPS)
PART = "spasm_or_disc"


def heading_key(step: int) -> str:
    return f"spasm_or_disc.steps.{walk.STEPS[step - 1]}.heading"


def step_text(at) -> str:
    return at.get("progress")[0].proto.text


def svgs(at) -> list[str]:
    return [m.value for m in at.markdown if "<svg" in m.value]


def charts(at) -> list[dict]:
    return [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]


def qp(at, name):
    value = at.query_params.get(name)
    return value[-1] if isinstance(value, list) else value


def screen(at) -> tuple:
    """What a person sees and can press (text, diagrams, chart specs, buttons, links), for comparing two runs."""
    buttons = [(b.key, b.label, b.proto.type, b.disabled) for b in at.button]
    links = [(link.proto.label, link.proto.query_string) for link in at.get("page_link")]
    return (all_text(at), step_text(at), svgs(at), charts(at), buttons, links,
            at.session_state[walk.WALK_STEP], at.session_state[walk.WALK_LEVEL], qp(at, "step"), qp(at, "level"))


def assert_on_step(at, step: int, lang: str) -> None:
    t = CONTENT.for_language(lang)
    assert at.header[0].value == t(heading_key(step))
    assert step_text(at) == t("spasm_or_disc.step_of", n=step, total=N)
    assert at.session_state[walk.WALK_STEP] == step
    assert qp(at, "step") == str(step)  # a reload would show the same step


@pytest.mark.parametrize("via_app", [False, True], ids=["page-file", "via-app"])
def test_next_and_back_through_every_step(lang_mode, via_app):
    lang, mode = lang_mode
    at = run_page(PART, lang, mode, via_app=via_app)
    t = CONTENT.for_language(lang)
    assert at.title[0].value == t("spasm_or_disc.title")
    assert at.button(key="walk_back").disabled
    for step in range(1, N + 1):
        assert_on_step(at, step, lang)
        assert t("common.not_diagnosis") in all_text(at)
        if step < N:
            assert at.button(key="walk_next").label == t("spasm_or_disc.next")
            at.button(key="walk_next").click().run()
            assert not at.exception
    assert at.button(key="walk_restart").label == t("spasm_or_disc.start_again")
    for step in range(N - 1, 0, -1):
        at.button(key="walk_back").click().run()
        assert not at.exception
        assert_on_step(at, step, lang)
    at.button(key="walk_next").click().run()
    assert_on_step(at, 2, lang)


@pytest.mark.parametrize("step", range(1, N + 1))
def test_deep_link_shows_exactly_what_next_presses_show(step):
    linked = run_page(PART, "es", "staff", step=str(step))
    clicked = run_page(PART, "es", "staff")
    for _ in range(step - 1):
        clicked.button(key="walk_next").click().run()
    assert screen(linked) == screen(clicked)


def test_deep_link_via_app_and_level():
    at = run_page(PART, "en", "staff", via_app=True, step="3", level="s1")
    assert_on_step(at, 3, "en")
    assert at.session_state[walk.WALK_LEVEL] == "S1" and qp(at, "level") == "S1"
    assert "The ankle reflex may be weaker." in all_text(at)


@pytest.mark.parametrize("step,level", [("abc", "L9"), ("0", ""), ("99", "x"), ("-1", "l6"), ("2.5", "S2"), ("", "L55")])
def test_bad_parameters_fall_back_to_step_1_and_L5(step, level):
    at = run_page(PART, step=step, level=level)
    assert_on_step(at, 1, "en")
    assert at.session_state[walk.WALK_LEVEL] == "L5" and qp(at, "level") == "L5"
    at.button(key="walk_next").click().run()
    assert_on_step(at, 2, "en")
    assert "the L5 root" in svgs(at)[0]


def test_next_and_back_still_work_after_a_deep_link():
    at = run_page(PART, step="4")
    at.button(key="walk_next").click().run()
    assert_on_step(at, 5, "en")
    at.button(key="walk_back").click().run()
    at.button(key="walk_back").click().run()
    assert_on_step(at, 3, "en")


def test_level_change_alters_the_diagrams_and_the_words():
    at = run_page(PART, step="2")
    before = svgs(at)[0]
    assert 'aria-label="Lower spine, L5 nerve root' in before
    at.button(key="walk_level_L4").click().run()
    after = svgs(at)[0]
    assert after != before and 'aria-label="Lower spine, L4 nerve root' in after and "the L4 root" in after
    assert qp(at, "level") == "L4"
    assert at.button(key="walk_level_L4").label.startswith("✓")  # chosen: tick as well as colour
    at.button(key="walk_next").click().run()
    leg_l4 = svgs(at)[0]
    assert "Where the L4 nerve root sends pain" in leg_l4
    assert "The knee and the inner calf." in all_text(at)
    at.button(key="walk_level_S1").click().run()
    assert svgs(at)[0] != leg_l4 and "Where the S1 nerve root sends pain" in svgs(at)[0]
    text = all_text(at)
    assert "The ankle reflex may be weaker." in text and "The knee and the inner calf." not in text


def test_language_switch_keeps_the_step_level_and_bath():
    at = run_page(PART, "en", "kiosk", via_app=True, step="5", level="S1")
    at.button(key="walk_bath_day_6").click().run()
    at.button(key="lang_es").click().run()
    assert_on_step(at, 5, "es")
    assert at.session_state[walk.WALK_LEVEL] == "S1"
    es = CONTENT.for_language("es")
    assert es("spasm_or_disc.steps.timeline.summary.bath", day=6) in all_text(at)
    assert es("spasm_or_disc.steps.timeline.chart.title") in json.dumps(charts(at)[0], ensure_ascii=False)


def test_step_survives_a_visit_to_another_part():
    at = run_page(PART, "es", "kiosk", via_app=True)
    for _ in range(3):
        at.button(key="walk_next").click().run()
    at.switch_page("pages/home.py")
    at.query_params.clear()
    at.run()
    at.switch_page(BY_ID[PART].file)
    at.query_params.clear()
    at.query_params.update({"lang": "es", "mode": "kiosk"})  # as the Home tile link carries
    at.run()
    assert_on_step(at, 4, "es")


def test_timeline_buttons_change_the_chart_and_its_summary():
    at = run_page(PART, step="5")
    t = CONTENT.for_language("en")
    text = all_text(at)
    assert t("spasm_or_disc.illustration") in text  # labelled as an illustration
    assert t("spasm_or_disc.steps.timeline.summary.no_bath") in text
    before = charts(at)[0]
    at.button(key="walk_bath_day_3").click().run()
    at.button(key="walk_treat_day_10").click().run()
    after = charts(at)[0]
    assert after != before
    spec = json.dumps(after)
    assert t("spasm_or_disc.steps.timeline.chart.bath_mark") in spec and t("spasm_or_disc.steps.timeline.chart.treat_mark") in spec
    text = all_text(at)
    assert t("spasm_or_disc.steps.timeline.summary.bath", day=3) in text and "until day 10" in text
    assert at.button(key="walk_bath_day_3").label.startswith("✓")
    at.button(key="walk_bath_day_0").click().run()
    assert t("spasm_or_disc.steps.timeline.summary.no_bath") in all_text(at)


def test_comparison_has_every_row_for_both_kinds():
    for lang in ("en", "es"):
        at = run_page(PART, lang, step="4")
        t = CONTENT.for_language(lang)
        text = all_text(at)
        for row in ("where", "leg_pain", "numbness", "eases", "how_long", "comes_back"):
            for key in (f"rows.{row}", f"ordinary.{row}", f"disc.{row}"):
                assert t(f"spasm_or_disc.steps.compare.{key}") in text
        assert "NICE NG59" in text and "Pengel 2003" in text


@pytest.mark.parametrize("via_app", [False, True], ids=["page-file", "via-app"])
def test_outlook_states_real_figures_with_sources_and_links_onward(via_app):
    at = run_page(PART, "en", "kiosk", via_app=via_app, step="6")
    text = all_text(at)
    for figure in ("58%", "73 of 100", "9 in 10", "6 to 8 weeks", "63 of 100", "96 of 100", "70 of 100", "41 of 100"):
        assert figure in text
    for source in ("Pengel 2003", "Costa 2012", "Koes 2007", "Wang 2020", "Chiu 2015"):
        assert source in text
    assert [m.proto.body for m in at.metric] == ["52", "23", "12"]
    links = "\n".join(m.value for m in at.markdown) + "".join(str(link.proto) for link in at.get("page_link"))
    assert "Should I get checked?" in links and "Caring for a spasm" in links
    if not via_app:  # run alone: plain links to the product URLs, carrying lang and mode
        assert 'href="/self-check?lang=en&amp;mode=kiosk"' in links and 'href="/care?lang=en&amp;mode=kiosk"' in links
