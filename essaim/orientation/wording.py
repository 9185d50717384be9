"""Plain French wording of places, stages and needs for the reasons shown to a carrier.

French place names take different prepositions ("dans l'Hérault", "en Ardèche", "dans les
Bouches-du-Rhône", "à Paris"): the INSEE referential we ship does not carry the article
type, so the départements' and régions' prepositions are listed here once.
"""

from functools import lru_cache

from django.utils.translation import get_language, pgettext, pgettext_lazy
from django.utils.translation import gettext as _

from essaim.directory.enums import AccompanimentModel, LifeStage, Need, Public
from essaim.territories.models import Level

_EN = "en"
_A = "à"
_DANS_LE = "dans le"
_DANS_LA = "dans la"
_DANS_L = "dans l'"
_DANS_LES = "dans les"


def _codes(text: str) -> list[str]:
    return text.split()


DEPARTEMENT_PREPOSITIONS = {
    **dict.fromkeys(
        _codes(
            "07 09 16 17 19 2A 2B 21 24 28 31 33 35 37 38 41 43 44 47 48 49 52 53 54 57 70 71 73 74 76 77 "
            "85 87 93 971 972 973"
        ),
        _EN,
    ),
    **dict.fromkeys(_codes("75 974 976"), _A),
    **dict.fromkeys(_codes("01 02 03 10 11 12 27 34 36 60 61 89 91"), _DANS_L),
    **dict.fromkeys(_codes("04 05 06 08 13 22 40 64 65 66 78 79 88 92"), _DANS_LES),
    **dict.fromkeys(_codes("23 26 42 50 51 55 58 72 80 86"), _DANS_LA),
}
REGION_PREPOSITIONS = {
    **dict.fromkeys(_codes("01 02 03 11 24 27 28 53 75 76 84 93 94"), _EN),
    **dict.fromkeys(_codes("04 06"), _A),
    "32": _DANS_LES,
    "44": _DANS_LE,
    "52": _DANS_LES,
}
_ARTICLES = {"le ": "le ", "la ": "la ", "les ": "les ", "l'": "l'"}


def _strip_article(name: str) -> str:
    lowered = name.lower()
    for article in _ARTICLES:
        if lowered.startswith(article):
            return name[len(article) :]
    return name


_PHRASES = {
    # form → translatable phrase (context "lieu"); every form becomes "in %(name)s" in English.
    _A: pgettext_lazy("lieu", "à %(name)s"),
    "au": pgettext_lazy("lieu", "au %(name)s"),
    "aux": pgettext_lazy("lieu", "aux %(name)s"),
    _EN: pgettext_lazy("lieu", "en %(name)s"),
    _DANS_LE: pgettext_lazy("lieu", "dans le %(name)s"),
    _DANS_LA: pgettext_lazy("lieu", "dans la %(name)s"),
    _DANS_L: pgettext_lazy("lieu", "dans l'%(name)s"),
    _DANS_LES: pgettext_lazy("lieu", "dans les %(name)s"),
}


def _phrase(form: str, name: str) -> str:
    """One preposition form, translated in the active language."""
    return str(_PHRASES[form]) % {"name": name}


def _join(preposition: str, name: str) -> str:
    if preposition == _DANS_LES:
        return _phrase(_DANS_LES, _strip_article(name))
    return _phrase(preposition, name)


def in_place(level: str, code: str, name: str) -> str:
    """ "dans l'Hérault", "en Occitanie", "à Montpellier", "partout en France"."""
    if level == Level.NATIONAL:
        return _("partout en France")
    if level == Level.COMMUNE:
        lowered = name.lower()
        if lowered.startswith("le "):
            return _phrase("au", name[3:])
        if lowered.startswith("les "):
            return _phrase("aux", name[4:])
        return _phrase(_A, name)
    if level == Level.EPCI:
        return _("dans l'intercommunalité « %(name)s »") % {"name": name}
    if level == Level.DEPARTEMENT:
        return _join(DEPARTEMENT_PREPOSITIONS.get(code, _DANS_LE), name)
    return _join(REGION_PREPOSITIONS.get(code, _EN), name)


def stage_phrase(stage: str) -> str:
    """ "l'émergence" — evaluated at call time so that the active language applies."""
    if stage == LifeStage.EMERGENCE:
        return pgettext("accompagne…", "l'émergence")
    if stage == LifeStage.CREATION:
        return pgettext("accompagne…", "la création")
    if stage == LifeStage.CONSOLIDATION:
        return pgettext("accompagne…", "la consolidation")
    return pgettext("accompagne…", "le développement")


# Reasons repeat across requests (a few thousand zones, four stages, a few need sets): they are
# memoised per active language, which is part of the key.
@lru_cache(maxsize=8192)
def _reason_zone(language: str, level: str, code: str, name: str) -> str:
    return _("intervient %(where)s") % {"where": in_place(level, code, name)}


def reason_zone(level: str, code: str, name: str, *, language: str | None = None) -> str:
    return _reason_zone(language or get_language(), level, code, name)


@lru_cache(maxsize=64)
def _reason_stage(language: str, stage: str) -> str:
    return _("accompagne %(stage)s") % {"stage": stage_phrase(stage)}


def reason_stage(stage: str, *, language: str | None = None) -> str:
    return _reason_stage(language or get_language(), stage)


@lru_cache(maxsize=2048)
def _reason_needs(language: str, needs: tuple[str, ...]) -> str:
    labels = ", ".join(str(Need(n).label).lower() for n in needs)
    return _("répond à : %(needs)s") % {"needs": labels}


def reason_needs(needs: list[str], *, language: str | None = None) -> str:
    return _reason_needs(language or get_language(), tuple(needs))


def reason_public(public: str) -> str:
    return _("s'adresse aussi au public : %(public)s") % {"public": str(Public(public).label).lower()}


def reason_model(model: str) -> str:
    if model == AccompanimentModel.GENERATOR:
        return _("conçoit des projets et recrute la personne qui les portera")
    if model == AccompanimentModel.CARRIER:
        return _("accompagne des porteurs qui viennent avec leur propre idée")
    return _("accompagne les porteurs avec leur idée comme ceux qui rejoignent un projet conçu pour eux")
