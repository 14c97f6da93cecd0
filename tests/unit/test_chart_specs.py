import altair as alt
import pandas as pd

from explainer.common.chart_specs import stable_spec


def _chart(values):
    line = alt.Chart(pd.DataFrame({"x": [0, 1], "y": values})).mark_line().encode(x="x:Q", y="y:Q")
    band = alt.Chart(pd.DataFrame({"y": [5]})).mark_rule().encode(y="y:Q")
    return (line + band).to_dict()


def test_datasets_get_fixed_names_and_references_follow():
    a, b = stable_spec(_chart([1, 2]), "demo"), stable_spec(_chart([3, 4]), "demo")
    assert sorted(a["datasets"]) == ["demo-0", "demo-1"]
    assert a["datasets"] != b["datasets"]
    assert {k: v for k, v in a.items() if k != "datasets"} == {k: v for k, v in b.items() if k != "datasets"}
    assert "demo-0" in str(a["layer"]) and "demo-1" in str(a["layer"])


def test_input_is_untouched_and_specs_without_datasets_pass_through():
    spec = _chart([1, 2])
    before = str(spec)
    stable_spec(spec, "x")
    assert str(spec) == before
    assert stable_spec({"mark": "line"}, "x") == {"mark": "line"}
