from decimal import Decimal

from essaim.evidence.charts import bar_chart, funnel_chart, survival_chart
from essaim.evidence.privacy import SMALL
from essaim.evidence.selectors import Curve
from essaim.evidence.survival import kaplan_meier

REFS = [(Decimal("0.46"), "toutes (étude)"), (Decimal("0.70"), "accompagnées (étude)")]


def test_survival_chart_is_accessible_and_unstyled_on_the_web():
    curve = Curve(label="Ensemble", n=6, points=kaplan_meier([12, 30, 61, 70, 80, 90], [1, 0, 0, 1, 0, 0]))
    svg = str(survival_chart([curve], references=REFS))
    assert svg.startswith('<svg class="chart" id="survie" viewBox="0 0 640 320" role="img"')
    assert 'aria-labelledby="survie-title survie-desc"' in svg
    assert '<title id="survie-title">Survie des entreprises créées</title>' in svg
    assert "À 5 ans : 83 % (intervalle de confiance à 95 % : 27 – 97 %), contre 46 %, 70 %" in svg
    assert 'class="chart__band"' in svg
    assert "style" not in svg
    assert "accompagnées (étude) : 70 %" in svg


def test_survival_chart_for_pdf_embeds_its_styles_and_legend_for_groups():
    curves = [
        Curve(label=str(year), n=5, points=kaplan_meier([10, 20, 30, 40, 50], [0, 1, 0, 0, 1]))
        for year in (2019, 2020)
    ]
    svg = str(survival_chart(curves, references=REFS, for_pdf=True))
    assert "<style>.chart__axis" in svg
    assert 'viewBox="0 0 640 348"' in svg
    assert ">2019</text>" in svg and ">2020</text>" in svg
    assert 'class="chart__band"' not in svg


def test_empty_and_suppressed_charts_say_so():
    svg = str(survival_chart([Curve(label="Ensemble", n=SMALL, suppressed=True)], references=REFS))
    assert "Pas assez d&#x27;entreprises créées pour tracer une courbe (moins de 5)." in svg
    bars = str(
        bar_chart([("2020", SMALL), ("2021", 4.5)], title="Emplois", desc="d", x_label="Année", chart_id="e")
    )
    assert bars.count('class="chart__bar"') == 1
    funnel = str(
        funnel_chart(
            [{"stage": "selection", "entered": 10, "passed": 6, "ongoing": 1, "dropped": 3}],
            stage_names={"selection": "Sélection"},
        )
    )
    assert ">Sélection</text>" in funnel
    assert "<script" not in funnel
