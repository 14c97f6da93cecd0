"""The "Start here" path: its order, its numbering and when it ends."""
import pytest

from explainer.common import journey
from explainer.common.sitemap import BY_ID


def test_the_story_in_order():
    assert journey.PATH == ("reflex", "spasm_or_disc", "self_check", "care")
    assert all(part in BY_ID for part in journey.PATH)
    assert journey.first() == "reflex" and journey.total() == 4
    assert [journey.position(p) for p in journey.PATH] == [1, 2, 3, 4]
    assert [journey.next_part(p) for p in journey.PATH] == ["spasm_or_disc", "self_check", "care", None]
    assert journey.is_last("care") and not journey.is_last("reflex")
    assert journey.position("home") is None and journey.next_part("sources") is None


@pytest.mark.parametrize("part_id", ["reflex", "spasm_or_disc", "self_check", "care"])
def test_a_part_of_the_path_keeps_it_going(part_id):
    assert journey.follow("reflex", part_id) == part_id


@pytest.mark.parametrize("part_id", ["home", "where", "sources", "staff", "desk"])
def test_anything_else_ends_it(part_id):
    assert journey.follow("spasm_or_disc", part_id) is None


@pytest.mark.parametrize("at", [None, "", "home", "nonsense", 3])
def test_not_on_the_path_stays_off_it(at):
    assert journey.follow(at, "reflex") is None


def test_the_header_shows_only_on_the_part_the_path_is_at():
    assert journey.current({journey.JOURNEY: "self_check"}, "self_check") == 3
    assert journey.current({journey.JOURNEY: "self_check"}, "care") is None
    assert journey.current({}, "reflex") is None
