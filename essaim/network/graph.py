"""The referral network of a subject as a graph: nodes are programmes and mainstream actors (and,
for contact requests, the orientation they come from), edges are consented referrals and contact
requests, with counts only — never a project or a person.

Counts of the edges are protected outside the programmes at either end (`stats.protected_column`
rules: "< 5", "masqué"); the totals likewise. The drawing (`layout`) places the busiest nodes on
a circle, the orientation in the middle; the page renders it as SVG with a title and a
description, and the same edges as a table and a CSV file (`csv_rows`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from functools import cached_property

from django.utils.html import format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from essaim.directory.enums import OfferFamily
from essaim.directory.models import Programme
from essaim.evidence.privacy import MASKED, MIN_PROJECTS, SMALL, protect, shown, table_is_recomputable
from essaim.network.flows import Flows
from essaim.network.stats import Node
from essaim.orientation.models import Recipient

ORIENTATION = "orientation"
DRAWN_NODES = 40
# The links a page or the diagnostic lists, the busiest first by the counts shown (hidden counts
# rank last, by name: their order says nothing of them); the CSV and the API carry every link.
LISTED_EDGES = 100
SIZE = 760
CENTRE = SIZE / 2
RADIUS = 250
NODE_RADIUS = 9


@dataclass
class GraphNode:
    key: str
    label: str
    family: str  # an OfferFamily value, "orientation" or "recipient"
    node: Node | None = None
    member: bool = True
    x: float = CENTRE
    y: float = CENTRE
    anchor: str = "middle"
    label_x: float = CENTRE
    label_y: float = CENTRE

    @property
    def short_label(self) -> str:
        return self.label if len(self.label) <= 26 else self.label[:25] + "…"

    @property
    def family_label(self) -> str:
        if self.family == ORIENTATION:
            return _("Orientation Essaim")
        if self.family == "recipient":
            return _("Destinataire d'une demande de contact")
        return str(OfferFamily(self.family).label)


@dataclass
class GraphEdge:
    source: GraphNode
    target: GraphNode
    kind: str  # "referral" | "contact"
    count: object  # an int or a Suppressed value
    own: bool = False
    drawn: bool = False
    x1: float = 0
    y1: float = 0
    x2: float = 0
    y2: float = 0

    @property
    def kind_label(self) -> str:
        return _("Passerelle") if self.kind == "referral" else _("Demande de contact")

    @property
    def hidden(self) -> bool:
        return not isinstance(self.count, int)

    @property
    def width(self) -> float:
        if self.hidden:
            return 1.0
        return round(min(8.0, 1 + 1.5 * math.log2(max(self.count, 1))), 1)


@dataclass
class Graph:
    label: str
    nodes: list[GraphNode]
    edges: list[GraphEdge]
    referral_total: object
    contact_total: object
    drawn: list[GraphNode] = field(default_factory=list)
    size: int = SIZE

    @property
    def undrawn(self) -> int:
        return len(self.nodes) - len(self.drawn)

    @cached_property
    def drawn_edges(self) -> list[GraphEdge]:
        return [e for e in self.edges if e.drawn]

    @property
    def svg_lines(self) -> str:
        """The drawn edges as SVG lines (numbers and fixed colours only), joined once in Python:
        through the template language, 600 lines were a tenth of the conductor's page."""
        dashed = mark_safe(' stroke-dasharray="4 3"')  # noqa: S308 (a constant)
        return format_html_join(
            "\n",
            '<line x1="{}" y1="{}" x2="{}" y2="{}" stroke="{}" stroke-width="{}"{} marker-end="url(#arrow)"/>',
            (
                (
                    e.x1,
                    e.y1,
                    e.x2,
                    e.y2,
                    "#8a8a8a" if e.kind == "contact" else "#1f5f8b",
                    e.width,
                    dashed if e.hidden else "",
                )
                for e in self.drawn_edges
            ),
        )

    @cached_property
    def listed_edges(self) -> list[GraphEdge]:
        ranked = sorted(
            self.edges,
            key=lambda e: (-_weight(e), e.kind, e.source.label.casefold(), e.target.label.casefold()),
        )
        return ranked[:LISTED_EDGES]

    @property
    def listed_limit(self) -> int:
        return LISTED_EDGES

    @property
    def unlisted_edges(self) -> int:
        return max(0, len(self.edges) - LISTED_EDGES)

    def csv_rows(self) -> list[list]:
        header = [_("De"), _("Famille (de)"), _("Vers"), _("Famille (vers)"), _("Type"), _("Nombre")]
        rows = [
            [
                e.source.label,
                e.source.family_label,
                e.target.label,
                e.target.family_label,
                e.kind_label,
                shown(e.count),
            ]
            for e in self.edges
        ]
        return [header, *rows]

    def as_dict(self) -> dict:
        return {
            "label": self.label,
            "nodes": [
                {"key": n.key, "name": n.label, "family": n.family, "member": n.member} for n in self.nodes
            ],
            "edges": [
                {"source": e.source.key, "target": e.target.key, "kind": e.kind, "count": shown(e.count)}
                for e in self.edges
            ],
            "referral_total": shown(self.referral_total),
            "contact_total": shown(self.contact_total),
        }


def load_nodes(ids) -> dict[int, Node]:
    rows = Programme.objects.filter(pk__in=ids).values_list(
        "pk", "slug", "name", "family", "kind", "stages", "is_published"
    )
    return {
        pk: Node(pk, slug, name, family, kind, tuple(stages), pub)
        for pk, slug, name, family, kind, stages, pub in rows
    }


def protected_total(counts: list[int], own_counts: list[int]):
    total = sum(counts) + sum(own_counts)
    if total == 0:
        return 0
    if sum(counts) and (total < MIN_PROJECTS or table_is_recomputable(counts)):
        return MASKED if total >= MIN_PROJECTS else SMALL
    return total


def _protected(raw: list[tuple[GraphNode, GraphNode, str, int, bool]]) -> tuple[list[GraphEdge], object]:
    outside = [i for i, item in enumerate(raw) if not item[4]]
    hidden, uniform = protect([raw[i][3] for i in outside])
    hidden_rows = {outside[i] for i in hidden}
    edges = []
    for i, (source, target, kind, n, own) in enumerate(raw):
        count = (MASKED if uniform else SMALL) if i in hidden_rows else n
        edges.append(GraphEdge(source, target, kind, count, own))
    total = protected_total([raw[i][3] for i in outside], [item[3] for item in raw if item[4]])
    return edges, total


def build_graph(subject, flows: Flows, nodes: dict[int, Node], own: set[int]) -> Graph:
    """The graph of `flows`; `nodes` names every programme of the flows, `own` those the reader
    runs (their edges are shown in full)."""
    members = subject.members if subject.kind == "ecosystem" else None
    graph_nodes: dict[str, GraphNode] = {}

    def programme_node(pk: int) -> GraphNode:
        key = f"p{pk}"
        if key not in graph_nodes:
            node = nodes[pk]
            member = members is None or pk in members
            graph_nodes[key] = GraphNode(key, node.name, node.family, node, member)
        return graph_nodes[key]

    def named(key: str, label: str, family: str) -> GraphNode:
        if key not in graph_nodes:
            graph_nodes[key] = GraphNode(key, label, family)
        return graph_nodes[key]

    referral_raw = []
    for (source, target), n in flows.referrals.items():
        if source in nodes and target in nodes:
            own_edge = source in own or target in own
            referral_raw.append((programme_node(source), programme_node(target), "referral", n, own_edge))
    contact_raw = []
    origin = None
    for (recipient, programme_id), n in flows.contacts.items():
        origin = origin or named(ORIENTATION, _("Orientation Essaim (demandes de contact)"), ORIENTATION)
        if recipient == Recipient.PROGRAMME:
            if programme_id not in nodes:
                continue
            target, own_edge = programme_node(programme_id), programme_id in own
        elif recipient == Recipient.ECOSYSTEM:
            target, own_edge = named("ecosystem", subject.label, "recipient"), False
        else:
            target, own_edge = named("territory", str(Recipient.TERRITORY.label), "recipient"), False
        contact_raw.append((origin, target, "contact", n, own_edge))
    referral_raw.sort(key=lambda r: (r[0].label.casefold(), r[1].label.casefold()))
    contact_raw.sort(key=lambda r: r[1].label.casefold())
    referral_edges, referral_total = _protected(referral_raw)
    contact_edges, contact_total = _protected(contact_raw)
    ordered = sorted(graph_nodes.values(), key=lambda n: (n.family, n.label.casefold(), n.key))
    graph = Graph(subject.label, ordered, referral_edges + contact_edges, referral_total, contact_total)
    layout(graph)
    return graph


def _weight(edge: GraphEdge) -> int:
    return 0 if edge.hidden else edge.count


def layout(graph: Graph) -> None:
    """Place the busiest nodes (by the counts shown) on a circle, the orientation at the centre."""
    volume: dict[str, int] = {}
    for edge in graph.edges:
        for node in (edge.source, edge.target):
            volume[node.key] = volume.get(node.key, 0) + _weight(edge) + 1
    ring = [n for n in graph.nodes if n.family != ORIENTATION]
    ring = sorted(ring, key=lambda n: (-volume.get(n.key, 0), n.label.casefold()))[:DRAWN_NODES]
    ring.sort(key=lambda n: (n.family, n.label.casefold(), n.key))
    for i, node in enumerate(ring):
        angle = 2 * math.pi * i / max(len(ring), 1) - math.pi / 2
        node.x = round(CENTRE + RADIUS * math.cos(angle), 1)
        node.y = round(CENTRE + RADIUS * math.sin(angle), 1)
        node.label_x = round(CENTRE + (RADIUS + 16) * math.cos(angle), 1)
        node.label_y = round(CENTRE + (RADIUS + 16) * math.sin(angle) + 4, 1)
        node.anchor = "start" if math.cos(angle) > 0.1 else "end" if math.cos(angle) < -0.1 else "middle"
    drawn = {n.key for n in ring}
    graph.drawn = list(ring)
    for node in graph.nodes:
        if node.family == ORIENTATION:
            node.label_y = CENTRE + 24
            drawn.add(node.key)
            graph.drawn.append(node)
    for edge in graph.edges:
        if edge.source.key in drawn and edge.target.key in drawn and edge.source is not edge.target:
            edge.drawn = True
            _segment(edge)


def _segment(edge: GraphEdge) -> None:
    """The line between two nodes, stopped at their circles, shifted aside so that the two
    directions of a pair do not overlap."""
    dx, dy = edge.target.x - edge.source.x, edge.target.y - edge.source.y
    length = math.hypot(dx, dy) or 1
    ux, uy = dx / length, dy / length
    shift = 3
    ox, oy = -uy * shift, ux * shift
    gap = NODE_RADIUS + 3
    edge.x1 = round(edge.source.x + ux * gap + ox, 1)
    edge.y1 = round(edge.source.y + uy * gap + oy, 1)
    edge.x2 = round(edge.target.x - ux * (gap + 4) + ox, 1)
    edge.y2 = round(edge.target.y - uy * (gap + 4) + oy, 1)
