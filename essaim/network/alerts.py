"""What the conductor of a territory should follow up: programmes refusing more than 30 % of
the referrals they answer, referrals left unanswered more than 14 days, and the stages where the
parcours on paper (coverage) has no onward link in practice.

Alerts are computed on the raw flows and worded under small-cell protection: a refusal rate is
only judged on 5 answered referrals or more (below, nobody outside the programme may read it);
the number of referrals waiting reads "moins de 5" from 1 to 4.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from essaim.directory.enums import LifeStage
from essaim.evidence.privacy import MIN_PROJECTS
from essaim.network.flows import UNANSWERED_DAYS, Flows
from essaim.network.stats import Node, small_or_zero

REFUSAL_THRESHOLD = 0.30
STAGES = [s.value for s in LifeStage]


@dataclass(frozen=True)
class Alert:
    kind: str  # "refusals" | "unanswered"
    node: Node
    text: str

    def as_dict(self) -> dict:
        return {"kind": self.kind, "programme": self.node.slug, "name": self.node.name, "text": self.text}


@dataclass(frozen=True)
class MissingLink:
    """Stage `stage` and the next one are covered, but no referral goes from one to the other."""

    stage: str
    next_stage: str
    senders: int  # programmes covering the stage
    receivers: int  # programmes covering the next stage

    @property
    def text(self) -> str:
        labels = dict(LifeStage.choices)
        return _(
            "Des dispositifs accompagnent l'étape « %(stage)s » et l'étape « %(next)s », mais aucune "
            "passerelle ne mène encore de l'une à l'autre."
        ) % {"stage": labels[self.stage], "next": labels[self.next_stage]}

    def as_dict(self) -> dict:
        return {"stage": self.stage, "next_stage": self.next_stage, "text": self.text}


def alerts(flows: Flows, nodes: dict[int, Node], own: set[int]) -> list[Alert]:
    found = []
    for pk, flow in flows.programmes.items():
        node = nodes.get(pk)
        if node is None:
            continue
        inside = pk in own
        rate = flow.refusal_rate
        if rate is not None and rate > REFUSAL_THRESHOLD and (inside or flow.answered >= MIN_PROJECTS):
            text = _("%(name)s refuse %(rate)s des passerelles auxquelles il répond (seuil : 30 %%).") % {
                "name": node.name,
                "rate": f"{round(rate * 100)}\u00a0%",
            }
            found.append(Alert("refusals", node, text))
        if flow.overdue:
            count = small_or_zero(flow.overdue, inside=inside)
            text = ngettext(
                "%(name)s : %(n)s passerelle attend une réponse depuis plus de %(days)s jours.",
                "%(name)s : %(n)s passerelles attendent une réponse depuis plus de %(days)s jours.",
                count if isinstance(count, int) else MIN_PROJECTS,  # "moins de 5" reads as a plural
            ) % {
                "name": node.name,
                "n": count if isinstance(count, int) else _("moins de 5"),
                "days": UNANSWERED_DAYS,
            }
            found.append(Alert("unanswered", node, text))
    found.sort(key=lambda a: (a.kind, a.node.name.casefold()))
    return found


def missing_links(flows: Flows, stage_programmes: dict[str, set[int]]) -> list[MissingLink]:
    """Consecutive stages both covered with no consented referral from the one to the next."""
    found = []
    for stage, following in zip(STAGES, STAGES[1:], strict=False):
        senders, receivers = stage_programmes.get(stage, set()), stage_programmes.get(following, set())
        if not senders or not receivers:
            continue
        linked = any(
            n and source in senders and target in receivers and source != target
            for (source, target), n in flows.referrals.items()
        )
        if not linked:
            found.append(MissingLink(stage, following, len(senders), len(receivers)))
    return found
