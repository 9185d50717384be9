from django.urls import reverse

from essaim.evidence.privacy import SMALL
from essaim.network import graph as graph_module
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


def test_the_page_lists_the_busiest_links_by_the_counts_shown_and_the_csv_every_one(world, monkeypatch):
    monkeypatch.setattr(graph_module, "LISTED_EDGES", 2)
    graph = network(territory_subject("departement", "34"), user=world.viewer).graph
    assert len(graph.edges) > 2 and graph.unlisted_edges == len(graph.edges) - 2
    assert [(e.source.label, e.target.label, e.count) for e in graph.listed_edges] == [
        ("Alpha", "Bêta", 11),
        ("Orientation Essaim (demandes de contact)", "Alpha", 7),
    ]
    assert len(graph.csv_rows()) == len(graph.edges) + 1
    ranked = sorted(graph.edges, key=lambda e: -e.count if isinstance(e.count, int) else 0)
    assert all(not e.hidden for e in ranked[:2])  # a hidden count never ranks above a shown one


def test_the_network_page_says_where_the_other_links_are(client, world, monkeypatch):
    monkeypatch.setattr(graph_module, "LISTED_EDGES", 2)
    client.force_login(world.viewer)
    body = client.get(
        reverse("network:territory_network", kwargs={"level": "departement", "code": "34"})
    ).content.decode()
    table = body.split('id="network-edges"')[1].split("</table>")[0]
    assert table.count("<tr><td>") == 2
    others = len(network(territory_subject("departement", "34"), user=world.viewer).graph.edges) - 2
    assert (
        f"Le tableau montre les 2 liens les plus nombreux ; les {others} autres figurent dans le fichier CSV."
        in body
    )
