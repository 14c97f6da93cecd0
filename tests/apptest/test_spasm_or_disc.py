"""Spasm or disc? walkthrough: every step in both languages and modes, Next/Back, deep links,
bad parameters, the level choice, the story the body map chose, the timeline chart's data,
the outlook's numbers, kiosk screens without level codes, and the way on to the self-check."""
import html
import json
import re

import pyarrow as pa
import pytest

from explainer.common.content import Content
from explainer.common.sitemap import BY_ID
from explainer.disc import walkthrough as walk
from explainer.disc.timeline import recovery_timeline
from tests.apptest.helpers import all_text, run_page, unescaped
from tests.chart_rows import timeline_marks, timeline_points, timeline_rule_days

CONTENT = Content.load()
N = len(walk.STEPS)
PART = "spasm_or_disc"
CODE = re.compile(r"\b(L[1-5]|S[1-5])\b")


def heading_key(step: int) -> str:
    return f"spasm_or_disc.steps.{walk.STEPS[step - 1]}.heading"


def unescape(text: str) -> str:
    """Markdown/HTML as a person reads it (content strings are escaped before display); tags kept."""
    return html.unescape(unescaped(text))


def shown(at) -> str:
    """Every word on the screen, controls' options and diagram alt text included."""
    parts = [all_text(at)]
    for group in at.button_group:
        parts.append(group.proto.label)
        parts.extend(group.options)
    parts.extend(e.label for e in at.expander)
    parts.extend(f"{m.label} {m.value}" for m in at.metric)
    parts.append(step_text(at))
    return unescape("\n".join(parts))


def step_text(at) -> str:
    return at.get("progress")[0].proto.text


#: A nerve level's picture: every level's picture in one wrapper, in the order L4, L5, S1, each
#: marked by its place; walkthrough.css shows the one whose mark is the wrapper's data-kind.
LEVEL_FIGURE = re.compile(r'^<div class="walk-level-figure" data-choice-slot="walk-level-figure" data-kind="(level-[123])">')
LEVEL_PICTURE = re.compile(r'<div data-level="(level-[123])">(<svg.*?</svg>)</div>', re.S)


def svgs(at) -> list[str]:
    """The pictures a person sees (of a level figure, only the level shown)."""
    out = []
    for m in at.markdown:
        if "<svg" not in m.value:
            continue
        figure = LEVEL_FIGURE.match(m.value)
        if not figure:
            out.append(m.value)
            continue
        pictures = LEVEL_PICTURE.findall(m.value)
        assert [mark for mark, _ in pictures] == ["level-1", "level-2", "level-3"]
        out.extend(svg for mark, svg in pictures if mark == figure.group(1))
    return out


def all_svgs(at) -> list[str]:
    """Every picture in the page's markup, shown or not."""
    return [m.value for m in at.markdown if "<svg" in m.value]


def charts(at) -> list[dict]:
    """Each chart's spec, with its data (Streamlit ships datasets as Arrow) put back in."""
    out = []
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        spec["datasets"] = {d.name: pa.ipc.open_stream(d.data.data).read_all().to_pylist() for d in chart.proto.datasets}
        out.append(spec)
    return out


def qp(at, name):
    value = at.query_params.get(name)
    return value[-1] if isinstance(value, list) else value


def links(at) -> list[tuple[str, str]]:
    """(label, target) of every link: st.page_link via app.py, plain fallback links when run alone."""
    out = [(link.proto.label, "/" + link.proto.page) for link in at.get("page_link")]
    for m in at.markdown:
        for href, label in re.findall(r'<a class="fallback-link" href="([^"?]*)[^"]*"[^>]*>([^<]*)</a>', m.value):
            out.append((html.unescape(label), href))
    return out


def screen(at) -> tuple:
    """What a person sees and can press (text, diagrams, chart specs, buttons, links), for comparing two runs."""
    buttons = [(b.key, b.label, b.proto.type, b.disabled) for b in at.button]
    groups = [(g.key, g.value, g.options) for g in at.button_group]
    page_links = [(link.proto.label, link.proto.query_string) for link in at.get("page_link")]
    return (all_text(at), step_text(at), svgs(at), charts(at), buttons, groups, page_links,
            at.session_state[walk.WALK_STEP], at.session_state[walk.WALK_LEVEL], qp(at, "step"), qp(at, "level"))


def assert_on_step(at, step: int, lang: str) -> None:
    t = CONTENT.for_language(lang)
    assert at.header[0].value == t(heading_key(step))
    assert step_text(at) == t("spasm_or_disc.step_of", n=step, total=N)
    assert at.session_state[walk.WALK_STEP] == step
    assert qp(at, "step") == str(step)  # a reload would show the same step


def instant(at) -> dict:
    """What the timeline's instant-choice script is told: the combination the browser must show."""
    (element,) = [el for el in at.main if getattr(el, "type", None) == "bidi_component"
                  and el.proto.component_name == "back_spasm_instant_choice"]
    return json.loads(element.proto.json)


def timeline_rows(at, t, story: str) -> list[float]:
    """Pain values the chart's line draws for one story, for the combination the page shows."""
    (spec,) = charts(at)
    name = t(f"spasm_or_disc.steps.timeline.chart.{story}")
    return [pain for _, pain in timeline_points(spec, instant(at)["current"], name)]


def rule_days(at) -> list[float]:
    """Days of the vertical rules (warm bath, start of care) the chart draws for the combination shown."""
    (spec,) = charts(at)
    return timeline_rule_days(spec, instant(at)["current"])


@pytest.mark.parametrize("via_app", [False, True], ids=["page-file", "via-app"])
def test_next_and_back_through_every_step(lang_mode, via_app):
    lang, mode = lang_mode
    at = run_page(PART, lang, mode, via_app=via_app)
    t = CONTENT.for_language(lang)
    assert at.title[0].value == t("spasm_or_disc.title")
    assert not [b for b in at.button if b.key == "walk_back"]  # nowhere back to: no (greyed) button
    for step in range(1, N + 1):
        assert_on_step(at, step, lang)
        text = shown(at)
        assert t("common.not_diagnosis") in text
        if mode == "kiosk":
            assert not CODE.search(text), (step, CODE.search(text))
            assert not any(CODE.search(svg) for svg in all_svgs(at)), step
        if step < N:
            assert at.button(key="walk_next").label == t("spasm_or_disc.next")
            at.button(key="walk_next").click().run()
            assert not at.exception
    # The last step leads on to the self-check; "Start again" is there but not the main button.
    assert (t("spasm_or_disc.steps.outlook.check_link"), "/self-check") in links(at)
    assert at.button(key="walk_restart").label == t("spasm_or_disc.start_again")
    assert at.button(key="walk_restart").proto.type != "primary"
    assert not [b for b in at.button if b.key == "walk_next"]
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
    assert "The ankle reflex may be weaker." in shown(at)


@pytest.mark.parametrize("step,level", [("abc", "L9"), ("0", ""), ("99", "x"), ("-1", "l6"), ("2.5", "S2"), ("", "L55")])
def test_bad_parameters_fall_back_to_step_1_and_L5(step, level):
    at = run_page(PART, step=step, level=level)
    assert_on_step(at, 1, "en")
    assert at.session_state[walk.WALK_LEVEL] == "L5" and qp(at, "level") == "L5"
    at.button(key="walk_next").click().run()
    assert_on_step(at, 2, "en")
    assert at.button_group(key="walk_level_control").value == "L5"


def test_next_and_back_still_work_after_a_deep_link():
    at = run_page(PART, step="4")
    at.button(key="walk_next").click().run()
    assert_on_step(at, 5, "en")
    at.button(key="walk_back").click().run()
    at.button(key="walk_back").click().run()
    assert_on_step(at, 3, "en")


def test_staff_level_choice_changes_the_diagrams_and_the_words():
    at = run_page(PART, "en", "staff", step="2")
    group = at.button_group(key="walk_level_control")
    # One description per level, the same as the facts beside the leg map and the staff tools.
    assert group.options == ["L4: The knee and the inner side of the lower leg",
                             "L5: The outer side of the lower leg, the top of the foot and the big toe",
                             "S1: The back of the thigh and calf, the sole and the outer edge of the foot"]
    before = svgs(at)[0]
    assert 'aria-label="Lower spine, L5 nerve root' in before
    group.set_value("L4").run()
    after = svgs(at)[0]
    assert after != before and 'aria-label="Lower spine, L4 nerve root' in after and "the L4 root" in after
    assert qp(at, "level") == "L4" and at.session_state[walk.WALK_LEVEL] == "L4"
    at.button(key="walk_next").click().run()
    leg_l4 = svgs(at)[0]
    assert "Where the L4 nerve root sends pain" in leg_l4
    assert set(re.findall(r'data-region="([^"]+)"', leg_l4)) == {"front:knee", "front:inner_shin", "back:inner_calf"}
    assert "The knee and the inner side of the lower leg." in shown(at)
    at.button_group(key="walk_level_control").set_value("S1").run()
    leg_s1 = svgs(at)[0]
    assert leg_s1 != leg_l4 and "Where the S1 nerve root sends pain" in leg_s1
    assert set(re.findall(r'data-region="([^"]+)"', leg_s1)) == {
        "back:back_of_thigh", "back:back_of_calf", "back:sole", "front:outer_foot", "back:outer_foot"}
    text = shown(at)
    assert "The ankle reflex may be weaker." in text and "The knee and the inner side of the lower leg." not in text  # the L4 facts (the choice still names L4)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_kiosk_level_choice_names_places_never_codes(lang):
    t = CONTENT.for_language(lang)
    at = run_page(PART, lang, "kiosk", step="3", level="L4")
    group = at.button_group(key="walk_level_control")
    assert group.options == [t(f"spasm_or_disc.roots.{code}.areas") for code in ("L4", "L5", "S1")]
    assert group.proto.label == t("spasm_or_disc.level.label_plain")
    assert set(re.findall(r'data-region="([^"]+)"', svgs(at)[0])) == {"front:knee", "front:inner_shin", "back:inner_calf"}
    group.set_value("S1").run()
    assert at.session_state[walk.WALK_LEVEL] == "S1"
    assert "back:sole" in svgs(at)[0]
    text = shown(at) + " ".join(svgs(at))
    assert not CODE.search(text), CODE.search(text)
    assert t("spasm_or_disc.roots.S1.reflex") in text


def test_language_switch_keeps_the_step_level_and_bath():
    at = run_page(PART, "en", "kiosk", via_app=True, step="5", level="S1")
    at.button_group(key="walk_bath_day_control").set_value(6).run()
    at.button(key="lang_es").click().run()
    assert_on_step(at, 5, "es")
    assert at.session_state[walk.WALK_LEVEL] == "S1"
    assert at.button_group(key="walk_bath_day_control").value == 6
    es = CONTENT.for_language("es")
    assert es("spasm_or_disc.steps.timeline.summary.bath", day=6) in shown(at)
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


@pytest.mark.parametrize("lang", ["en", "es"])
def test_timeline_chart_plots_the_model_for_the_chosen_days(lang):
    t = CONTENT.for_language(lang)
    at = run_page(PART, lang, step="5")
    text = shown(at)
    assert t("common.chart_kind.illustration") in text  # said under the chart, from chart_caption
    assert t("spasm_or_disc.steps.timeline.summary.no_bath") in text
    assert instant(at)["current"] == "0-0"
    assert timeline_rows(at, t, "disc") == pytest.approx(list(recovery_timeline(0, 0).disc), abs=0.005)
    assert timeline_rows(at, t, "ordinary") == pytest.approx(list(recovery_timeline(0, 0).ordinary), abs=0.005)
    assert rule_days(at) == []

    at.button_group(key="walk_bath_day_control").set_value(3).run()
    at.button_group(key="walk_care_day_control").set_value(10).run()
    # What changed: the browser is told to show bath on day 3 and care from day 10; the disc
    # line is the model for them, and there are rules at days 3 and 10 with their labels.
    assert instant(at)["current"] == "3-10"
    assert timeline_rows(at, t, "disc") == pytest.approx(list(recovery_timeline(3, 10).disc), abs=0.005)
    assert timeline_rows(at, t, "ordinary") == pytest.approx(list(recovery_timeline(3, 10).ordinary), abs=0.005)
    assert sorted(rule_days(at)) == [3, 10]
    (spec,) = charts(at)
    labels = {row["label"] for row in timeline_marks(spec, "3-10") if row["mark"] == "text"}
    assert labels == {t("spasm_or_disc.steps.timeline.chart.bath_mark"), t("spasm_or_disc.steps.timeline.chart.care_mark")}
    text = shown(at)
    assert t("spasm_or_disc.steps.timeline.summary.bath", day=3) in text
    line = recovery_timeline(3, 10)
    assert t("spasm_or_disc.steps.timeline.summary.disc_care", peak=round(line.range_between("disc", 0, 10)[1]),
             day=10, end=round(line.disc[-1])) in text
    assert at.session_state[walk.WALK_BATH_DAY] == 3 and at.session_state[walk.WALK_CARE_DAY] == 10
    at.button_group(key="walk_bath_day_control").set_value(0).run()
    assert t("spasm_or_disc.steps.timeline.summary.no_bath") in shown(at)
    assert sorted(rule_days(at)) == [10]


def test_comparison_has_every_row_for_both_kinds_in_one_table():
    for lang in ("en", "es"):
        at = run_page(PART, lang, step="4")
        t = CONTENT.for_language(lang)
        (table,) = [unescape(m.value) for m in at.markdown if "walk-cmp" in m.value]
        for row in ("where", "leg_pain", "numbness", "eases", "how_long", "comes_back"):
            # the two cells of a row sit in one table row: they always have the same height
            pair = re.search(rf'<tr><td class="walk-cmp-ordinary" data-row="{row}">(.*?)</td>'
                             rf'<td class="walk-cmp-disc" data-row="{row}">(.*?)</td></tr>', table)
            assert pair, row
            assert pair.groups() == (t(f"spasm_or_disc.steps.compare.ordinary.{row}"), t(f"spasm_or_disc.steps.compare.disc.{row}"))
            assert t(f"spasm_or_disc.steps.compare.rows.{row}") in table
        assert "NICE guideline NG59" in shown(at) and "Pengel" in shown(at)  # under "Where this comes from"


def _with_story(step: str, story: str | None, mode: str = "kiosk", lang: str = "en"):
    at = run_page(PART, lang, mode, step=step)
    if story is not None:
        at.session_state[walk.WALK_STORY] = story
        if story == "disc":
            at.session_state[walk.WALK_LEVEL] = "S1"  # the body map sets the level with the story
        at.run()
    return at


@pytest.mark.parametrize("story,first", [(None, "ordinary"), ("ordinary", "ordinary"), ("disc", "disc")])
def test_the_story_the_pain_points_to_comes_first(story, first):
    t = CONTENT.for_language("en")
    your = t("spasm_or_disc.your_story")
    # Step 1: the first card is that story, marked in words when a choice was made.
    at = _with_story("1", story)
    cards = [s.value for s in at.subheader]
    title = {"ordinary": "strain_title", "disc": "disc_title"}[first]
    assert cards[0].endswith(f"1. {t(f'spasm_or_disc.steps.two_ways.{title}')}")
    assert (your in shown(at)) == (story is not None)
    # Comparison: that story's column first and marked.
    at = _with_story("4", story)
    (table,) = [m.value for m in at.markdown if "walk-cmp" in m.value]
    head = re.search(r"<thead>(.*?)</thead>", table).group(1)
    columns = re.findall(r'<th scope="col" class="walk-cmp-(\w+)( walk-cmp-chosen)?"', head)
    assert columns[0][0] == first
    assert bool(columns[0][1]) == (story is not None) and not columns[1][1]
    assert (html.escape(your, quote=True) in head) == (story is not None)
    # Timeline: that story first in the legend and the summary.
    at = _with_story("5", story)
    names = at.get("vega_lite_chart")[0]
    domain = json.loads(names.proto.spec)["layer"][0]["encoding"]["color"]["scale"]["domain"]
    assert domain[0] == t(f"spasm_or_disc.steps.timeline.chart.{first}")


def test_with_a_disc_story_the_spine_and_leg_map_open_on_its_level():
    at = _with_story("2", "disc")
    assert at.button_group(key="walk_level_control").value == "S1"
    assert 'data-region="disc-bulge"' in svgs(at)[0]
    at.button(key="walk_next").click().run()
    assert "back:sole" in svgs(at)[0] and at.button_group(key="walk_level_control").value == "S1"


def _outside_expanders(at) -> str:
    inside = {id(m.proto) for e in at.expander for m in e.markdown} | {id(m.proto) for e in at.expander for m in e.metric}
    parts = [m.value for m in at.markdown if id(m.proto) not in inside]
    parts += [f"{m.label} {m.value}" for m in at.metric if id(m.proto) not in inside]
    parts += [h.value for h in at.header] + [s.value for s in at.subheader] + [c.value for c in at.caption]
    parts += [b.label for b in at.button]
    return unescape("\n".join(parts))


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("mode", ["kiosk", "staff"])
def test_outlook_shows_three_numbers_each_with_its_meaning_and_the_rest_behind_a_control(lang, mode):
    t = CONTENT.for_language(lang)
    at = run_page(PART, lang, mode, step="6")
    visible = re.sub(r"<[^>]+>", " ", _outside_expanders(at))
    visible = visible.replace(t("spasm_or_disc.step_of", n=6, total=N), "")
    numbers = re.findall(r"\d+", visible.replace("911", ""))  # the footer's emergency number is not a figure
    assert sorted(numbers) == sorted(["58", "63", "100", "73", "100"]), numbers  # 58%, 63 in 100, 73 in 100
    for meaning in ("month_meaning", "shrink_meaning", "comes_back_meaning"):
        assert t(f"spasm_or_disc.steps.outlook.{meaning}") in visible
    # Behind "More numbers": the pain scores and the other figures, still in both languages.
    (more,) = [e for e in at.expander if e.label == t("spasm_or_disc.steps.outlook.more")]
    inside = unescape(" ".join(m.value for m in more.markdown))
    assert [m.value for m in more.metric] == ["52", "23", "12"]
    for key in ("sciatica", "shrink_types"):
        assert t(f"spasm_or_disc.steps.outlook.{key}") in inside
    for source in ("Costa", "Koes", "Chiu"):
        assert source in inside
    text = shown(at)
    for source in ("Pengel", "Wang", "Koes"):
        assert source in text


@pytest.mark.parametrize("via_app", [False, True], ids=["page-file", "via-app"])
def test_outlook_links_onward(via_app):
    at = run_page(PART, "en", "kiosk", via_app=via_app, step="6")
    found = links(at)
    assert ("Should I get checked?", "/self-check") in found and ("Caring for a spasm", "/care") in found
    if not via_app:  # run alone: plain links to the product URLs, carrying lang and mode
        page = "\n".join(m.value for m in at.markdown)
        assert 'href="/self-check?lang=en&amp;mode=kiosk"' in page and 'href="/care?lang=en&amp;mode=kiosk"' in page
