"""The map of a lineage: the projection, positions from the shipped file, fallbacks (a commune
without located actors takes its département's; an EPCI or a région the mean of its
départements'; France has none), overseas boxes, edges to the parent, and its queries."""

import pytest

from essaim.replication import geography
from essaim.replication.selectors import Node, lineage
from tests.replication.factories import build_world, project_copy, published_kit


def _node(key, level, code, parent=None):
    return Node(key, key, None, level, code, 0, parent_key=parent)


def test_projection_keeps_france_in_the_box_north_up_west_left():
    brest, strasbourg = geography.project(48.39, -4.49), geography.project(48.58, 7.75)
    lille, perpignan = geography.project(50.63, 3.06), geography.project(42.70, 2.90)
    assert brest[0] < strasbourg[0] and abs(brest[1] - strasbourg[1]) < 8
    assert lille[1] < perpignan[1] and abs(lille[0] - perpignan[0]) < 5
    width = geography.WIDTH
    for x, y in geography.background():
        assert 0 < x < width and 0 < y < geography.MAP_HEIGHT
    assert geography.project(geography.NORTH, geography.WEST) == (geography.MARGIN, geography.MARGIN)
    assert geography.project(geography.SOUTH, geography.EAST)[0] == width - geography.MARGIN
    # Equirectangular with the cosine of the mean latitude: one degree east is shorter than north.
    x0, y0 = geography.project(46, 2)
    x1, _ = geography.project(46, 3)
    _, y1 = geography.project(45, 2)
    assert 0.65 < (x1 - x0) / (y1 - y0) < 0.75


def test_the_outline_has_every_metropolitan_departement():
    assert len(geography.background()) == 96


def test_positions_and_fallbacks(db):
    nodes = [
        _node("model", "commune", "34172"),  # Montpellier: its actors' mean
        _node("paris", "commune", "75056", "model"),  # no actor filed under Paris: the 75's
        _node("aude", "departement", "11", "model"),
        _node("occitanie", "region", "76", "aude"),
        _node("france", "national", "FR", "model"),
        _node("reunion", "departement", "974", "model"),  # in its overseas box
        _node("nowhere", "", "", "model"),
    ]
    points, overseas, height = geography.place(nodes)
    where = {p.key: p for p in points}
    assert set(where) == {"model", "paris", "aude", "occitanie", "reunion"}
    data = geography.positions()
    assert (where["model"].x, where["model"].y) == geography.project(*data["communes"]["34172"])
    assert (where["paris"].x, where["paris"].y) == geography.project(*data["departements"]["75"])
    occitanie = [
        data["departements"][d]
        for d in ("09", "11", "12", "30", "31", "32", "34", "46", "48", "65", "66", "81", "82")
    ]
    mean = (sum(p[0] for p in occitanie) / 13, sum(p[1] for p in occitanie) / 13)
    assert (where["occitanie"].x, where["occitanie"].y) == geography.project(*mean)
    assert overseas == ["974"] and (where["reunion"].x, where["reunion"].y) == geography.overseas_slot(0)
    assert height == geography.MAP_HEIGHT + geography.BOX + 2 * geography.BOX_GAP
    assert geography.place(nodes[:3])[2] == geography.MAP_HEIGHT


def test_a_map_fits_a_phone_viewbox():
    assert geography.WIDTH <= 390 - 2 * 15  # the page's side padding at 390 px


def test_lineage_map_edges_labels_and_queries(db, django_assert_max_num_queries):
    w = build_world()
    kit = published_kit(w)
    first = project_copy(w, kit)
    project_copy(w, kit, commune=w.toulouse, parent=first, name="Garage Toulouse")
    nodes = lineage(kit)
    with django_assert_max_num_queries(1):  # the communes' départements
        drawn = geography.lineage_map(nodes)
    marks = {m.node.key: m for m in drawn["marks"]}
    assert list(marks) == [
        "model",
        f"copy-{first.pk}",
        next(k for k in marks if k not in ("model", f"copy-{first.pk}")),
    ]
    model, narbonne, toulouse = marks.values()
    assert model.parent is None and narbonne.parent is model.point and toulouse.parent is narbonne.point
    assert (
        toulouse.point.x < narbonne.point.x < model.point.x
    )  # Toulouse, Narbonne, Montpellier: west to east
    assert all(m.anchor in ("start", "end") for m in marks.values()) and drawn["unplaced"] == []


@pytest.mark.parametrize("code", ["2A", "2B", "971", "972", "973", "974", "976"])
def test_corsica_and_overseas_have_a_position(code):
    assert code in geography.positions()["departements"]
