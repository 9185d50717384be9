from essaim.evidence.privacy import SMALL
from essaim.network.graph import DRAWN_NODES, ORIENTATION
from essaim.network.network import network
from essaim.network.selectors import ecosystem_subject, territory_subject


def _edges(graph):
    return {(e.source.label, e.target.label, e.kind): e.count for e in graph.edges}


def test_graph_edges_are_counts_with_small_ones_hidden_outside(world):
    graph = network(territory_subject("departement", "34"), user=world.viewer).graph
    edges = _edges(graph)
    assert edges[("Alpha", "Bêta", "referral")] == 11
    assert edges[("Bêta", "Gamma", "referral")] != 2  # hidden ("< 5" or "masqué")
    assert edges[("Orientation Essaim (demandes de contact)", "Alpha", "contact")] == 7
    assert graph.referral_total == 14
    keys = {n.key for n in graph.nodes}
    assert ORIENTATION in keys and "territory" in keys


def test_a_programme_reads_its_own_edges(world):
    graph = network(territory_subject("departement", "34"), user=world.b_admin).graph
    assert _edges(graph)[("Bêta", "Gamma", "referral")] == 2


def test_graph_layout_and_csv(world):
    graph = network(territory_subject("departement", "34"), user=world.viewer).graph
    assert len(graph.drawn) <= DRAWN_NODES + 1
    assert all(e.drawn for e in graph.edges)
    rows = graph.csv_rows()
    assert rows[0] == ["De", "Famille (de)", "Vers", "Famille (vers)", "Type", "Nombre"]
    assert [
        "Alpha",
        "Dispositif d'appui à l'ESS",
        "Bêta",
        "Dispositif d'appui à l'ESS",
        "Passerelle",
        11,
    ] in rows
    assert graph.as_dict()["referral_total"] == 14


def test_ecosystem_graph_marks_non_members(world):
    graph = network(ecosystem_subject(world.eco), user=world.leader_staff).graph
    members = {n.label: n.member for n in graph.nodes if n.node}
    assert members == {"Alpha": True, "Bêta": True, "Gamma": False}
    assert SMALL not in [graph.referral_total]
