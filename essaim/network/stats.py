"""Per programme: referrals sent and received, contact requests received, acceptance rate,
median time to answer, referrals waiting too long, refusals by reason — as a reader may see them.

A programme's own staff read its figures in full. Anyone else (a local authority, an ecosystem's
leader) reads them under small-cell protection (docs/decisions/0018-small-cell-protection.md):
a count of 1 to 4 reads "< 5"; within a column, when the total (known from the graph) and the
visible rows would give a hidden row back, `evidence.privacy.protect` hides more and the hidden
rows read "masqué"; a rate or a median resting on fewer than 5 answered referrals is hidden;
refusal reasons given fewer than 5 times are pooled as "Autres motifs". Zero is shown: it
describes no project.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from essaim.core.french import format_amount, format_number, format_percent
from essaim.evidence.privacy import MASKED, MIN_PROJECTS, SMALL, Suppressed, protect, shown
from essaim.network.flows import Flows, ProgrammeFlow


def as_text(value, kind: str = "number") -> str:
    """A figure as the page and the PDF show it: "—" when unknown, the words of a hidden one,
    else a share ("67 %"), days ("4,5 j"), euros or a number in French."""
    if value is None:
        return "—"
    if isinstance(value, Suppressed):
        return str(value)
    if kind == "share":
        return format_percent(float(value) * 100)
    if kind == "days":
        return _("%(days)s j") % {"days": format_number(value, 1)}
    if kind == "amount":
        return format_amount(value, decimals=0)
    if kind == "decimal":
        return format_number(value, 2)
    return format_number(value, 1 if isinstance(value, float) and not value.is_integer() else 0)


@dataclass
class Node:
    """A programme (or a mainstream actor, a shared place) as the pages name it."""

    pk: int
    slug: str
    name: str
    family: str
    kind: str
    stages: tuple[str, ...] = ()
    is_published: bool = True


@dataclass
class ProgrammeRow:
    node: Node
    own: bool
    sent: object
    received: object
    contacts: object
    acceptance_rate: object
    median_days: object
    overdue: object
    reasons: list[tuple[str, object]] = field(default_factory=list)

    @property
    def rate_text(self) -> str:
        return as_text(self.acceptance_rate, "share")

    @property
    def median_text(self) -> str:
        return as_text(self.median_days, "days")

    def as_dict(self) -> dict:
        return {
            "programme": self.node.slug,
            "name": self.node.name,
            "family": self.node.family,
            "own": self.own,
            "sent": shown(self.sent),
            "received": shown(self.received),
            "contact_requests": shown(self.contacts),
            "acceptance_rate": shown(self.acceptance_rate),
            "median_days_to_answer": shown(self.median_days),
            "unanswered_over_14_days": shown(self.overdue),
            "refusals_by_reason": [{"reason": r, "count": shown(n)} for r, n in self.reasons],
        }


def protected_column(values: dict[int, int], own: set[int]) -> dict[int, object]:
    """One column of counts per programme, protected outside the programmes in `own`."""
    outside = [pk for pk in values if pk not in own and values[pk] > 0]
    hidden, uniform = protect([values[pk] for pk in outside])
    result: dict[int, object] = dict(values)
    for i in hidden:
        result[outside[i]] = MASKED if uniform else SMALL
    return result


def small_or_zero(value: int, *, inside: bool):
    """A count shown outside when it is 0 or at least 5."""
    return value if inside or value == 0 or value >= MIN_PROJECTS else SMALL


def _answered_figure(flow: ProgrammeFlow, value, *, inside: bool):
    if value is None:
        return None
    return value if inside or flow.answered >= MIN_PROJECTS else SMALL


def reasons_shown(flow: ProgrammeFlow, *, inside: bool) -> list[tuple[str, object]]:
    """Refusals by reason, the most frequent first; outside, reasons under 5 pooled and protected."""
    unspecified = _("Motif non précisé")
    ordered = sorted(flow.reasons.items(), key=lambda item: (-item[1], item[0]))
    if inside:
        return [(reason or unspecified, n) for reason, n in ordered]
    kept = [(reason or unspecified, n) for reason, n in ordered if n >= MIN_PROJECTS]
    pooled = sum(n for _reason, n in ordered if n < MIN_PROJECTS)
    rows = kept + ([(_("Autres motifs"), pooled)] if pooled else [])
    hidden, uniform = protect([n for _r, n in rows])
    return [(r, (MASKED if uniform else SMALL) if i in hidden else n) for i, (r, n) in enumerate(rows)]


def programme_rows(flows: Flows, nodes: dict[int, Node], own: Iterable[int]) -> list[ProgrammeRow]:
    """Every programme with a flow, by name."""
    own = set(own)
    programmes = flows.programmes
    sent = protected_column({pk: f.sent for pk, f in programmes.items()}, own)
    received = protected_column({pk: f.received for pk, f in programmes.items()}, own)
    contacts = protected_column({pk: f.contacts for pk, f in programmes.items()}, own)
    rows = []
    for pk, flow in programmes.items():
        if pk not in nodes:
            continue
        inside = pk in own
        rate = flow.acceptance_rate
        median = flow.median_days
        rows.append(
            ProgrammeRow(
                node=nodes[pk],
                own=inside,
                sent=sent[pk],
                received=received[pk],
                contacts=contacts[pk],
                acceptance_rate=_answered_figure(flow, rate, inside=inside),
                median_days=_answered_figure(
                    flow, round(median, 1) if median is not None else None, inside=inside
                ),
                overdue=small_or_zero(flow.overdue, inside=inside),
                reasons=reasons_shown(flow, inside=inside),
            )
        )
    rows.sort(key=lambda r: (r.node.name.casefold(), r.node.pk))
    return rows
