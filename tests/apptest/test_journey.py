""""Start here": the whole story in order, "Part N of 4" on each part and a
"Next part" at its end, drawn by the shell (no page file knows about it)."""
import pytest

from explainer.common import journey
from explainer.common.content import Content
from explainer.common.sitemap import BY_ID
from tests.apptest.helpers import LANGS, all_text, run_page

CONTENT = Content.load()


def title(lang, part_id):
    return CONTENT.text(lang, BY_ID[part_id].tile_title_key)


def header(lang, n, part_id):
    return CONTENT.text(lang, "journey.header", n=n, total=4, title=title(lang, part_id))


def next_links(at):
    return [el for el in at.get("page_link") if el.proto.label.startswith(CONTENT.text("en", "journey.next_part", title="").strip())
            or el.proto.label.startswith(CONTENT.text("es", "journey.next_part", title="").strip())]


def _finish_part(at, part_id):
    """Tap through a part to its last screen, as a person would: the walkthrough's
    Next to its last step, the self-check's "None of these" to its result."""
    if part_id == "spasm_or_disc":
        while "walk_next" in [b.key for b in at.button]:
            assert not next_links(at)  # one way on: the step's own Next, no "Next part" yet
            at.button(key="walk_next").click().run()
    elif part_id == "self_check":
        while "self_check_none" in [b.key for b in at.button]:
            assert not next_links(at)  # a question page: only the check's own Next
            assert "Part 3 of 4" not in all_text(at) and "Parte 3 de 4" not in all_text(at)  # its own progress only
            at.button(key="self_check_none").click().run()
    assert not at.exception


@pytest.mark.parametrize("lang", LANGS)
def test_start_here_takes_the_parts_in_order_with_part_n_of_4(lang):
    at = run_page("home", lang, via_app=True)
    at.button(key="home_start").click().run()
    assert not at.exception
    for n, part_id in enumerate(journey.PATH, start=1):
        if n > 1:  # follow the "Next part" link as a tap would
            at.switch_page(BY_ID[part_id].file)
            at.run()
            assert not at.exception
        assert at.session_state[journey.JOURNEY] == part_id
        _finish_part(at, part_id)
        text = all_text(at)
        assert header(lang, n, part_id) in text
        assert sum(header(lang, m, p) in text for m, p in enumerate(journey.PATH, start=1)) == 1
        following = journey.next_part(part_id)
        if following:
            (link,) = next_links(at)
            assert link.proto.label == CONTENT.text(lang, "journey.next_part", title=title(lang, following))
            assert link.proto.page == BY_ID[following].url_path
            assert f"lang={lang}" in link.proto.query_string and "mode=kiosk" in link.proto.query_string
            # One way on: no page link to the same next part beside "Next part".
            same = [el for el in at.get("page_link") if el.proto.page == BY_ID[following].url_path]
            assert same == [link], [el.proto.label for el in same]
        else:  # the last part ends with the way back Home
            assert not next_links(at)
            assert CONTENT.text(lang, "journey.done", total=4) in text
            home = [el for el in at.get("page_link") if el.proto.label == CONTENT.text(lang, "journey.back_home")]
            assert len(home) == 1 and home[0].proto.page in ("", "home")


@pytest.mark.parametrize("leave_to", ["home", "sources", "where"])
def test_leaving_the_path_ends_it(leave_to):
    at = run_page("home", via_app=True)
    at.button(key="home_start").click().run()
    at.switch_page(BY_ID[leave_to].file)
    at.run()
    assert journey.JOURNEY not in at.session_state
    at.switch_page(BY_ID["care"].file)  # then a part chosen directly: no "Part 4 of 4"
    at.run()
    assert header("en", 4, "care") not in all_text(at)
    assert not next_links(at)


def test_a_part_chosen_from_home_is_not_on_the_path():
    at = run_page("home", via_app=True)
    at.switch_page(BY_ID["self_check"].file)
    at.run()
    assert journey.JOURNEY not in at.session_state
    assert header("en", 3, "self_check") not in all_text(at)


def test_a_pages_own_link_to_a_later_part_keeps_the_path():
    """The self-check's "how to care for a spasm" link, taken on the path, is part 4."""
    at = run_page("home", via_app=True)
    at.button(key="home_start").click().run()
    at.switch_page(BY_ID["self_check"].file)
    at.run()
    at.switch_page(BY_ID["care"].file)
    at.run()
    assert header("en", 4, "care") in all_text(at)
