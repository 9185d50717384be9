"""Suggested actions for the conductor of a territory, computed from the data: the stages a
département lacks and the nearest programmes that serve them (in the neighbouring départements,
else anywhere); the stages of the parcours with no onward link in practice; the programmes to
follow up (refusals, referrals waiting); for an ecosystem, the stages its members do not cover
and the programmes of its territory that do.

Each action has an anchor (`id` on the page) that the gaps of the offer link to.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from essaim.core.french import in_place
from essaim.directory.enums import LifeStage
from essaim.orientation.coverage import departement_summaries
from essaim.orientation.index import STAGE_BITS, get_index
from essaim.replication.candidates import replication_candidates
from essaim.territories.models import Level
from essaim.territories.neighbours import departement_neighbours
from essaim.territories.selectors import containing_keys

NEAREST = 3
NATIONAL_GAPS_SHOWN = 30
REPLICATION_SHOWN = 5
OF_STAGE = {
    LifeStage.EMERGENCE: _("d'émergence"),
    LifeStage.CREATION: _("de création"),
    LifeStage.CONSOLIDATION: _("de consolidation"),
    LifeStage.DEVELOPPEMENT: _("de développement"),
}


@dataclass
class Suggestion:
    anchor: str
    kind: str  # "gap" | "link" | "follow_up" | "invite" | "replicate"
    text: str
    programmes: list[tuple[str, str]] = field(default_factory=list)  # (name, slug) to open

    def as_dict(self) -> dict:
        return {
            "anchor": self.anchor,
            "kind": self.kind,
            "text": self.text,
            "programmes": [slug for _name, slug in self.programmes],
        }


def gap_anchor(stage: str, departement: str) -> str:
    return f"action-{stage}-{departement}"


def nearest(departement: str, stage: str) -> tuple[list, str]:
    """The programmes serving `stage` nearest to a département: those of its neighbours, else
    anywhere in France; with where they were found ("neighbours" or "national")."""
    index = get_index()
    bit = STAGE_BITS[stage]
    pks: dict[int, str] = {}
    for other in departement_neighbours(departement):
        key = (Level.DEPARTEMENT.value, other)
        for pk in [f.pk for f in index.covering(key)] + sorted(index.inside.get(key, set())):
            pks.setdefault(pk, other)
    found = [(index.facts[pk], dep) for pk, dep in pks.items() if index.facts[pk].stages & bit]
    if found:
        found.sort(key=lambda item: item[0].order)
        return found[:NEAREST], "neighbours"
    anywhere = sorted((f for f in index.facts.values() if f.stages & bit), key=lambda f: f.order)
    return [(f, "") for f in anywhere[:NEAREST]], "national"


def gap_suggestion(departement: str, name: str, stage: str) -> Suggestion:
    index = get_index()
    found, where = nearest(departement, stage)
    text = _("Aucun dispositif %(stage)s %(place)s") % {
        "stage": OF_STAGE[stage],
        "place": in_place(name, Level.DEPARTEMENT.value),
    }
    if found:
        names = [
            f"{fact.name} ({index.departements.get(dep, ('', ''))[0]})" if dep else fact.name
            for fact, dep in found
        ]
        if where == "neighbours":
            lead = _("le plus proche est") if len(names) == 1 else _("les plus proches sont")
        else:
            lead = _("aucun dans les départements voisins ; ailleurs en France :")
        # The separator is the language's (" ; " in French, "; " in English).
        text += _(" ; %(lead)s %(names)s.") % {"lead": lead, "names": ", ".join(names)}
    else:
        text += _(" ; aucun dispositif de cette étape n'est connu ailleurs.")
    return Suggestion(gap_anchor(stage, departement), "gap", text, [(f.name, f.slug) for f, _dep in found])


def territory_gaps(level: str, code: str, coverage=None) -> list[tuple[str, str, str]]:
    """(département code, département name, stage) for every stage missing in a département of
    the territory: each département of a région (or of France, the first ones), or the territory's
    own département for a département, an EPCI or a commune."""
    index = get_index()
    if level in (Level.REGION, Level.NATIONAL):
        summaries = departement_summaries(code if level == Level.REGION else None)
        gaps = [(s.code, s.name, stage) for s in summaries for stage in s.gaps]
        return gaps if level == Level.REGION else gaps[:NATIONAL_GAPS_SHOWN]
    if coverage is None:
        return []
    departements = [c for lv, c in containing_keys(level, code) if lv == Level.DEPARTEMENT]
    if not departements:
        return []
    dep = departements[0]
    name = index.departements.get(dep, ("", ""))[0]
    return [(dep, name, stage) for stage in coverage.gaps]


def replication_suggestion(territory: tuple[str, str]) -> Suggestion | None:
    """Models proven elsewhere whose need is present in the territory (`essaim.replication`)."""
    found = replication_candidates(territory, limit=REPLICATION_SHOWN)
    if not found:
        return None
    text = _("Projets éprouvés ailleurs qui pourraient être essaimés ici : %(names)s.") % {
        "names": ", ".join(candidate.kit.name for candidate in found)
    }
    return Suggestion("action-replicate", "replicate", text)


def network_suggestions(net) -> list[Suggestion]:
    """From the referral network: stages without onward link, programmes to follow up."""
    labels = dict(LifeStage.choices)
    found = []
    for link in net.missing_links:
        text = _(
            "Réunir les dispositifs de l'étape « %(stage)s » et ceux de l'étape « %(next)s » : aucune "
            "passerelle ne relie encore ces deux étapes du parcours."
        ) % {"stage": labels[link.stage], "next": labels[link.next_stage]}
        found.append(Suggestion(f"action-link-{link.stage}", "link", text))
    for alert in net.alerts:
        if alert.kind == "unanswered":
            text = _("Faire le point avec %(name)s sur les passerelles qui attendent sa réponse.")
        else:
            text = _("Comprendre avec %(name)s pourquoi une part importante des passerelles est refusée.")
        slug = alert.node.slug if alert.node.is_published else ""
        found.append(
            Suggestion(
                f"action-{alert.kind}-{alert.node.slug}",
                "follow_up",
                text % {"name": alert.node.name},
                [(alert.node.name, slug)] if slug else [],
            )
        )
    return found


def ecosystem_suggestions(subject, covered_by_members: dict[str, set[int]], coverage) -> list[Suggestion]:
    """Stages no member accompanies, and the programmes of the ecosystem's territory that do."""
    if coverage is None:
        return []
    labels = dict(LifeStage.choices)
    found = []
    for stage in LifeStage.values:
        if covered_by_members.get(stage):
            continue
        others = sorted(
            {
                f.pk: f
                for k in coverage.kinds
                for f in coverage.cells[(stage, k)]
                if f.pk not in subject.members
            }.values(),
            key=lambda f: f.order,
        )[:NEAREST]
        text = _("Aucun membre n'accompagne l'étape « %(stage)s ».") % {"stage": labels[stage]}
        if others:
            text += " " + _("Dans le territoire, ces dispositifs le font : %(names)s ; les inviter ?") % {
                "names": ", ".join(f.name for f in others)
            }
        found.append(Suggestion(f"action-invite-{stage}", "invite", text, [(f.name, f.slug) for f in others]))
    return found
