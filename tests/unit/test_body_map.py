"""The body map: each place's story and nerve level, and a labelled tap area of
at least 48 px (at the kiosk's rendered width) for every place on the picture."""
import re
import xml.etree.ElementTree as ET

import pytest

from explainer.common.content import Content
from explainer.common.sources import source_ids
from explainer.disc import body_map as bm

CONTENT = Content.load()
T = {lang: CONTENT.for_language(lang) for lang in ("en", "es")}
SVG = "{http://www.w3.org/2000/svg}"
LEVEL_CODE = re.compile(r"\b(L4|L5|S1)\b")

#: The place -> story/level table, written out once more by hand so a slip in PLACES shows.
EXPECTED = {
    "low_back": ("ordinary", None, "spasm_or_disc"),
    "back_buttock": ("ordinary", None, "spasm_or_disc"),
    "leg_to_knee": ("ordinary", None, "spasm_or_disc"),
    "outer_shin_foot": ("disc", "L5", "spasm_or_disc"),
    "inner_shin": ("disc", "L4", "spasm_or_disc"),
    "sole_outer_foot": ("disc", "S1", "spasm_or_disc"),
    "back_of_calf": ("disc", "S1", "spasm_or_disc"),  # back of calf: S1 (Harrison's)
    "both_legs": (None, None, "self_check"),
}


@pytest.mark.parametrize("place_id", list(EXPECTED))
def test_each_place_sets_its_story_and_level(place_id):
    place = bm.place(place_id)
    assert (place.story, place.level, place.goes_to) == EXPECTED[place_id]


def test_seven_places_on_the_picture_and_both_legs_as_its_own_choice():
    assert bm.MAP_PLACES == ("low_back", "back_buttock", "leg_to_knee", "outer_shin_foot", "inner_shin", "sole_outer_foot",
                             "back_of_calf")
    assert [p.number for p in bm.PLACES] == list(range(1, 9))
    with pytest.raises(ValueError):
        bm.place("elbow")


def test_the_mapping_names_its_sources():
    assert set(bm.SOURCE_IDS) <= set(source_ids())


def _tree(lang="en"):
    return ET.fromstring(bm.body_map_svg(T[lang]))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_every_place_is_a_labelled_button_in_the_svg(lang):
    root = _tree(lang)
    buttons = {g.get("data-place"): g for g in root.iter(f"{SVG}g") if g.get("role") == "button"}
    assert set(buttons) == set(bm.MAP_PLACES)
    for place_id, g in buttons.items():
        label = g.get("aria-label")
        assert label == f"{bm.BY_ID[place_id].number}. {CONTENT.text(lang, f'where.places.{place_id}')}"
        assert g.get("tabindex") == "0"
        assert g.find(f"{SVG}title").text == label
        assert g.findall(f"{SVG}rect[@data-hit='{place_id}']"), f"{place_id} has no tap area"


def test_tap_areas_are_at_least_48px_at_the_kiosk_width_and_never_overlap_another_place():
    scale = bm.KIOSK_RENDER_WIDTH / bm.WIDTH
    rects = []
    for g in _tree().iter(f"{SVG}g"):
        for rect in g.findall(f"{SVG}rect"):
            x, y, w, h = (float(rect.get(k)) for k in ("x", "y", "width", "height"))
            assert min(w, h) * scale >= bm.MIN_TARGET_PX, (g.get("data-place"), w, h)
            assert 0 <= x and x + w <= bm.WIDTH and 0 <= y and y + h <= bm.HEIGHT
            rects.append((g.get("data-place"), (x, y, w, h)))
    assert {place for place, _ in rects} == set(bm.MAP_PLACES)
    for i, (a, (ax, ay, aw, ah)) in enumerate(rects):
        for b, (bx, by, bw, bh) in rects[i + 1:]:
            if a != b:
                overlap = min(ax + aw, bx + bw) - max(ax, bx) > 0.01 and min(ay + ah, by + bh) - max(ay, by) > 0.01
                assert not overlap, f"tap areas of {a} and {b} overlap"


def test_the_drawn_place_sits_inside_its_tap_area():
    """A tinted shape outside its own tap area would be a place you see but cannot tap."""
    for place_id, shapes in bm.SHAPES.items():
        rects = bm.hit_rects(place_id)
        for panel, polygon in shapes:
            dx = bm.PANEL_X[panel]
            for x, y in polygon:
                assert any(rx - 1 <= x + dx <= rx + rw + 1 and ry - 1 <= y <= ry + rh + 1 for rx, ry, rw, rh in rects), \
                    (place_id, x, y)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_no_nerve_level_code_in_the_picture_or_the_place_words(lang):
    assert not LEVEL_CODE.search(bm.body_map_svg(T[lang]))
    assert not LEVEL_CODE.search(bm.back_pain_svg(T[lang]("home.picture")))
    for place in bm.PLACES:
        assert not LEVEL_CODE.search(bm.place_label(place.id, T[lang]))


def test_home_picture_is_an_image_with_a_text_alternative():
    root = ET.fromstring(bm.back_pain_svg("A back"))
    assert root.get("role") == "img" and root.get("aria-label") == "A back"
    assert root.find(f"{SVG}title").text == "A back"


#: Which of the person's legs a spot is on, by panel and by the viewer's side of the
#: panel's middle: from the front the person's right leg is on the viewer's left; from
#: behind, and the soles seen from behind, it is on the viewer's right.
PERSON_SIDE = {("front", "viewer_left"): "right", ("front", "viewer_right"): "left",
               ("back", "viewer_left"): "left", ("back", "viewer_right"): "right",
               ("soles", "viewer_left"): "left", ("soles", "viewer_right"): "right"}
MIDDLE = {"front": 130, "back": 390, "soles": 580}  # viewBox x of each panel's middle


def _panel(x: float) -> str:
    return "front" if x < 260 else "back" if x < 520 else "soles"


@pytest.mark.parametrize("place_id", ["outer_shin_foot", "inner_shin", "sole_outer_foot", "back_of_calf"])
def test_each_leg_of_a_nerve_place_is_its_own_tap_area_naming_the_persons_side(place_id):
    (g,) = [g for g in _tree().iter(f"{SVG}g") if g.get("data-place") == place_id]
    sides = set()
    for rect in g.findall(f"{SVG}rect"):
        x, w = float(rect.get("x")), float(rect.get("width"))
        panel = _panel(x + w / 2)
        where = "viewer_left" if x + w <= MIDDLE[panel] + 0.5 else "viewer_right"
        assert x >= MIDDLE[panel] - 0.5 or x + w <= MIDDLE[panel] + 0.5, "a leg's tap area crosses the middle"
        assert rect.get("data-side") == PERSON_SIDE[(panel, where)], (place_id, x)
        sides.add(rect.get("data-side"))
    assert sides == {"left", "right"}  # both legs can be tapped


def test_the_back_of_the_calf_is_tappable_on_both_legs_in_the_back_view_below_the_knee():
    rects = bm.hit_rects("back_of_calf")
    assert {_panel(x + w / 2) for x, _, w, _ in rects} == {"back"}
    assert all(y >= 500 for _, y, _, _ in rects)  # below the knee (the thigh ends at 504)


def test_a_tap_report_gives_the_place_and_side_and_nothing_else():
    assert bm.parse_tap("inner_shin:left") == ("inner_shin", "left")
    assert bm.parse_tap("back_of_calf:right") == ("back_of_calf", "right")
    assert bm.parse_tap("low_back") == ("low_back", None)
    assert bm.parse_tap("inner_shin:middle") == ("inner_shin", None)
    for bad in ("elbow:left", "", None, 3, "both_legs"):
        assert bm.parse_tap(bad) == (None, None)
