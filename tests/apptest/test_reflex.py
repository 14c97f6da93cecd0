"""/reflex in both languages and modes: each control changes the charts and the
narration; the choice survives a visit to another page; the browser gets what it
needs to answer a tap by itself (ui/instant.py)."""
import html
import json
import re
import statistics
import time

import pyarrow as pa
import pytest

from explainer.content import Content
from explainer.physiology import TEAR_THRESHOLD_MM, Distance, Speed, run_choice
from explainer.reflex_charts import CHOICE_HOST, choice_texts
from tests.apptest.helpers import all_text, run_page
from tests.chart_rows import choices_in, shown

CONTENT = Content.load()


def _charts(at):
    """Each chart's spec, with its data (Streamlit ships datasets as Arrow) put back in."""
    specs = []
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        spec["datasets"] = {
            d.name: pa.ipc.open_stream(d.data.data).read_all().to_pylist() for d in chart.proto.datasets
        }
        specs.append(spec)
    return specs


def _choice(at):
    """The choice the server renders: what the browser is told to show (ui/instant.py)."""
    return _instant(at)["current"]


def _data(spec, choice):
    """The rows a chart shows for ``choice`` (each chart carries all nine)."""
    return shown(spec, choice)


def _peak_with(at, lang):
    label = CONTENT.text(lang, "reflex.chart.with_reflex")
    return max(row["stretch"] for row in _data(_charts(at)[0], _choice(at)) if row.get("muscle") == label)


def _control(at, which):
    return next(w for w in at.get("button_group") if w.key == f"reflex_{which}_control")


def _text(markup):
    return html.unescape(re.sub(r"<[^>]+>", "", markup))


def _story(at):
    """What the story box and the steps say (the text in the choice slots)."""
    return "\n".join(_text(str(m.value)) for m in at.markdown if "data-choice-slot" in str(m.value))


def _instant(at):
    element = next(el for el in at.main if getattr(el, "type", None) == "bidi_component"
                   and el.proto.component_name == "back_spasm_instant_choice")
    return json.loads(element.proto.json)


@pytest.mark.parametrize("via_app", [False, True], ids=["page-file", "via-app"])
def test_page_renders_charts_diagram_and_narration(via_app, lang_mode):
    lang, mode = lang_mode
    at = run_page("reflex", lang, mode, via_app=via_app)
    assert at.title[0].value == CONTENT.text(lang, "reflex.title")
    charts = _charts(at)
    assert len(charts) == 3
    assert [c["title"] for c in charts] == [
        CONTENT.text(lang, f"reflex.chart.{n}_title") for n in ("stretch", "firing", "contraction")
    ]
    text = all_text(at)
    run = run_choice("sudden", "large")  # the default choice
    assert f"{round(run.margin_with_mm)} mm" in text
    assert CONTENT.text(lang, "reflex.honest.illustration") in text
    assert 'role="img"' in text and CONTENT.text(lang, "reflex.diagram.title") in text
    for line in CONTENT.items(lang, "reflex.back.text"):
        assert line in text


@pytest.mark.parametrize("lang", ["en", "es"])
def test_speed_control_changes_charts_and_narration(lang):
    at = run_page("reflex", lang)
    before_story, before_peak = _story(at), _peak_with(at, lang)
    _control(at, "speed").set_value("slow").run()
    assert at.session_state["reflex_speed"] == "slow"
    after_story, after_peak = _story(at), _peak_with(at, lang)
    assert after_story != before_story
    assert CONTENT.text(lang, "reflex.speed_word.slow") in after_story
    slow_large = run_choice("slow", "large")
    assert after_peak == pytest.approx(slow_large.peak_with_mm, abs=0.5)  # mm
    assert after_peak != pytest.approx(before_peak, abs=0.5)
    assert after_peak < TEAR_THRESHOLD_MM


@pytest.mark.parametrize("lang", ["en", "es"])
def test_distance_control_changes_charts_and_narration(lang):
    at = run_page("reflex", lang)
    _control(at, "speed").set_value("slow").run()
    _control(at, "distance").set_value("small").run()
    assert at.session_state["reflex_distance"] == "small"
    story = _story(at)
    calm = CONTENT.text(lang, "reflex.story.calm", percent=round(run_choice("slow", "small").peak_contraction * 100), margin=27)
    assert calm in story  # "only tightened a little, to 7 out of 100 ... 27 mm away"
    assert _choice(at) == "slow-small"
    firing = _charts(at)[1]
    assert max(row["firing"] for row in _data(firing, "slow-small")) < 170  # imp/s
    strength = _charts(at)[2]
    assert max(row["strength"] for row in _data(strength, "slow-small")) < 10  # out of 100


@pytest.mark.parametrize("lang", ["en", "es"])
def test_charts_carry_every_choice_and_stay_the_same_across_taps(lang):
    """A tap only moves the <data> marker: the charts' specs and data are the
    same before and after, so the browser never rebuilds them."""
    at = run_page("reflex", lang)
    before = [(c.proto.spec, [d.data.data for d in c.proto.datasets]) for c in at.get("vega_lite_chart")]
    assert _choice(at) == "sudden-large"
    _control(at, "speed").set_value("slow").run()
    _control(at, "distance").set_value("small").run()
    assert _choice(at) == "slow-small"
    after = [(c.proto.spec, [d.data.data for d in c.proto.datasets]) for c in at.get("vega_lite_chart")]
    assert after == before
    for spec in _charts(at):
        assert spec["params"][0]["bind"] == {"element": CHOICE_HOST, "event": "reflexchoice"}
        assert choices_in(spec) == {f"{s.value}-{d.value}" for s in Speed for d in Distance}


@pytest.mark.parametrize("lang", ["en", "es"])
def test_browser_gets_the_words_of_every_choice(lang):
    """The instant-choice script gets the current choice, both controls and the
    words of all nine choices, the same words the server renders for each."""
    at = run_page("reflex", lang)
    data = _instant(at)
    assert data["current"] == "sudden-large"
    assert [g["key"] for g in data["groups"]] == ["reflex_speed_control", "reflex_distance_control"]
    assert data["groups"][0]["options"] == [s.value for s in Speed]
    assert len(data["texts"]) == 9
    t = CONTENT.for_language(lang)
    assert data["texts"]["quick-medium"] == choice_texts(t, "quick", "medium")
    _control(at, "speed").set_value("quick").run()
    _control(at, "distance").set_value("medium").run()
    assert _instant(at)["current"] == "quick-medium"
    story = _story(at)
    for name in ("pull", "firing", "outcome", "stage-1", "stage-5"):
        assert data["texts"]["quick-medium"]["text"][name] in story


def test_stage_buttons_light_the_diagram_and_the_matching_step():
    at = run_page("reflex")
    at.button(key="reflex_stage_2").click().run()
    assert at.session_state["reflex_stage"] == 2
    svg = next(m.value for m in at.markdown if "<svg" in str(m.value))
    assert 'data-stage="2"' in svg
    steps = next(m.value for m in at.markdown if str(m.value).startswith("1. "))
    assert "2. **" in steps and "5. **" not in steps
    at.button(key="reflex_next_stage").click().run()
    assert at.session_state["reflex_stage"] == 3


def test_choice_survives_a_visit_to_another_page():
    at = run_page("reflex", via_app=True)
    _control(at, "speed").set_value("quick").run()
    at.switch_page("pages/home.py").run()
    at.switch_page("pages/reflex.py").run()
    assert _control(at, "speed").value == "quick"
    assert CONTENT.text("en", "reflex.speed_word.quick") in _story(at)


def test_language_switch_keeps_the_choice_and_translates_the_charts():
    at = run_page("reflex")
    _control(at, "distance").set_value("medium").run()
    at.button(key="lang_es").click().run()
    assert _control(at, "distance").value == "medium"
    assert _charts(at)[0]["title"] == CONTENT.text("es", "reflex.chart.stretch_title")
    assert CONTENT.text("es", "reflex.distance_word.medium") in _story(at)


def test_one_control_change_is_fast_on_the_server():
    """Server-side script time of one tap, charts already cached (issue 3 asks < 50 ms)."""
    at = run_page("reflex")
    for s in Speed:  # warm the cache for every speed once, as a day of kiosk use would
        _control(at, "speed").set_value(s.value).run()
    times = []
    for i in range(20):
        value = list(Speed)[i % 3].value
        start = time.perf_counter()
        _control(at, "speed").set_value(value).run()
        times.append(time.perf_counter() - start)
    median_ms = statistics.median(times) * 1000
    print(f"\n/reflex control change, AppTest rerun median of 20: {median_ms:.1f} ms")
    assert median_ms < 250  # generous bound for a loaded 2-core CI box; typical figure is in the report
