"""The referral network of a subject, everything its page, its CSV and the API show: the graph,
the table per programme, the alerts and the stages with no onward link in practice.

About seven queries whatever the number of referrals: the flows (`flows.read_flows`, four), the
programmes named (one), the stages covered (coverage reads the in-memory orientation index; an
ecosystem's members, one query).
"""

from __future__ import annotations

from dataclasses import dataclass

from essaim.directory.enums import ProgrammeKind
from essaim.directory.models import Programme
from essaim.network.alerts import Alert, MissingLink, alerts, missing_links
from essaim.network.flows import Flows, read_flows
from essaim.network.graph import Graph, build_graph, load_nodes
from essaim.network.selectors import Subject, own_programme_ids
from essaim.network.stats import ProgrammeRow, programme_rows
from essaim.orientation.coverage import coverage
from essaim.territories.selectors import TerritoryNotFound

# Kinds that act for the ESS without accompanying a project (as on the ecosystems' parcours).
NOT_A_STEP = (ProgrammeKind.REPRESENTATION_BODY,)


@dataclass
class Network:
    subject: Subject
    flows: Flows
    graph: Graph
    rows: list[ProgrammeRow]
    alerts: list[Alert]
    missing_links: list[MissingLink]

    def as_dict(self) -> dict:
        return {
            "subject": self.subject.ref,
            "graph": self.graph.as_dict(),
            "programmes": [row.as_dict() for row in self.rows],
            "alerts": [a.as_dict() for a in self.alerts],
            "missing_links": [m.as_dict() for m in self.missing_links],
        }


def stage_programmes(subject: Subject) -> dict[str, set[int]]:
    """The ESS programmes of the parcours on paper, per life stage: the coverage of a territory,
    the members of an ecosystem that accompany projects."""
    result: dict[str, set[int]] = {}
    if subject.kind == "territory":
        try:
            found = coverage(subject.level, subject.code)
        except TerritoryNotFound:
            return result
        for (stage, _kind), facts in found.cells.items():
            result.setdefault(stage, set()).update(f.pk for f in facts)
        return result
    rows = Programme.objects.filter(pk__in=subject.members, is_published=True).values_list(
        "pk", "kind", "stages"
    )
    for pk, kind, stages in rows:
        if kind in NOT_A_STEP:
            continue
        for stage in stages:
            result.setdefault(stage, set()).add(pk)
    return result


def network(subject: Subject, *, user, now=None) -> Network:
    flows = read_flows(subject, now=now)
    own = own_programme_ids(user)
    ids = set(flows.programmes)
    nodes = load_nodes(ids)
    return Network(
        subject=subject,
        flows=flows,
        graph=build_graph(subject, flows, nodes, own),
        rows=programme_rows(flows, nodes, own),
        alerts=alerts(flows, nodes, own),
        missing_links=missing_links(flows, stage_programmes(subject)),
    )
