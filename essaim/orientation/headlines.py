"""Headlines of a territory page that count what a funder reads them for.

A région where one programme covers a single stage everywhere and most départements have
nothing else must not read "4 étapes sur 4 couvertes": it reads "8 départements sur 13 sans
aucun dispositif d'émergence". Régions and France are counted by département; a département,
an EPCI or a commune by the stages with no programme at all.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from essaim.directory.enums import LifeStage
from essaim.territories.models import Level

STAGES = [stage.value for stage in LifeStage]


def _of_stage(stage: str) -> str:
    """ "d'émergence", "de création": the stage after "aucun dispositif"."""
    return {
        LifeStage.EMERGENCE: _("d'émergence"),
        LifeStage.CREATION: _("de création"),
        LifeStage.CONSOLIDATION: _("de consolidation"),
        LifeStage.DEVELOPPEMENT: _("de développement"),
    }[stage]


@dataclass(frozen=True)
class Headline:
    text: str
    stage: str = ""
    missing: int = 0  # départements (or, below, 1 when the stage has no programme)
    total: int = 0
    codes: tuple[str, ...] = ()  # the départements concerned, for a link or a list


def departement_headlines(summaries) -> list[Headline]:
    """One headline per stage that some départements lack entirely, the most lacking first;
    one reassuring line when every département has something at every stage.

    `summaries`: orientation.selectors.DepartementSummary rows of the territory's départements.
    """
    total = len(summaries)
    if not total:
        return []
    lines = []
    for stage in STAGES:
        without = tuple(s.code for s in summaries if stage not in s.stages)
        if without:
            text = ngettext(
                "%(n)d département sur %(total)d sans aucun dispositif %(stage)s",
                "%(n)d départements sur %(total)d sans aucun dispositif %(stage)s",
                len(without),
            ) % {"n": len(without), "total": total, "stage": _of_stage(stage)}
            lines.append(Headline(text, stage, len(without), total, without))
    if not lines:
        text = ngettext(
            "Le département a au moins un dispositif à chaque étape de vie.",
            "Les %(total)d départements ont au moins un dispositif à chaque étape de vie.",
            total,
        ) % {"total": total}
        return [Headline(text, total=total)]
    lines.sort(key=lambda line: (-line.missing, STAGES.index(line.stage)))
    return lines


def stage_headlines(coverage) -> list[Headline]:
    """For a département, an EPCI or a commune: the stages with no programme acting there."""
    gaps = list(coverage.gaps)
    if not gaps:
        return [Headline(_("Au moins un dispositif à chaque étape de vie."))]
    return [
        Headline(_("Aucun dispositif %(stage)s") % {"stage": _of_stage(stage)}, stage, 1, 1) for stage in gaps
    ]


def headlines(place, coverage, summaries=None) -> list[Headline]:
    if place.level in (Level.REGION, Level.NATIONAL) and summaries is not None:
        return departement_headlines(summaries)
    return stage_headlines(coverage)
