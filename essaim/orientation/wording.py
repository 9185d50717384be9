"""Plain French wording of places, stages and needs for the reasons shown to a carrier.

French place names take different prepositions ("dans l'Hérault", "en Ardèche", "dans les
Bouches-du-Rhône", "à Paris"): the INSEE referential we ship does not carry the article
type, so the départements' and régions' prepositions are listed here once.
"""

from functools import lru_cache

from django.utils.translation import get_language, ngettext, pgettext, pgettext_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

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
    **dict.fromkeys(_codes("75 974 976 975 977 978 986"), _A),
    **dict.fromkeys(_codes("987 988"), _EN),
    **dict.fromkeys(_codes("01 02 03 10 11 12 27 34 36 60 61 89 91 989"), _DANS_L),
    **dict.fromkeys(_codes("04 05 06 08 13 22 40 64 65 66 78 79 88 92 984"), _DANS_LES),
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


@lru_cache(maxsize=8192)
def in_place_cached(level: str, code: str, name: str, language: str) -> str:
    """`in_place`, memoised per active language (the gaps word the same zones again and again)."""
    return in_place(level, code, name)


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


# -- the national offer ("Près de chez vous") ---------------------------------------------

# Why each kind of actor helps, in plain words; a stage-specific sentence when the help differs.
_DOOR_WHY = {
    "france_services": {
        None: _lazy("Un conseiller vous aide gratuitement dans vos démarches administratives en ligne."),
        "emergence": _lazy(
            "Un conseiller vous aide gratuitement à connaître vos droits et les aides pendant que "
            "vous préparez votre projet."
        ),
        "creation": _lazy(
            "Un conseiller vous aide gratuitement à déclarer votre structure et à faire vos "
            "premières démarches en ligne."
        ),
    },
    "cci": {
        None: _lazy(
            "Conseille les entreprises du commerce, de l'industrie et des services de votre territoire."
        ),
        "emergence": _lazy(
            "Informe les créateurs d'activité commerciale et aide à vérifier qu'une idée tient la route."
        ),
        "creation": _lazy(
            "Aide à bâtir le prévisionnel et à accomplir les formalités de création d'une activité "
            "commerciale."
        ),
        "consolidation": _lazy("Accompagne les jeunes entreprises : gestion, financement, premiers clients."),
        "developpement": _lazy("Aide à trouver de nouveaux marchés, à exporter et à recruter."),
    },
    "cma": {
        None: _lazy("Conseille les artisans et les futurs artisans de votre département."),
        "emergence": _lazy("Pour un projet artisanal : information, conseils et stage de préparation."),
        "creation": _lazy("Pour une activité artisanale : prévisionnel, formalités et immatriculation."),
        "consolidation": _lazy("Aide les jeunes entreprises artisanales à se gérer et à se financer."),
        "developpement": _lazy("Aide les entreprises artisanales à grandir, à former et à recruter."),
    },
    "chamber_agriculture": {
        None: _lazy("Accompagne les projets agricoles : installation, étude du projet, financements."),
    },
    "france_travail": {
        None: _lazy(
            "Si vous cherchez un emploi : des ateliers pour créer votre activité et vos allocations "
            "pendant la création."
        ),
        "consolidation": _lazy("Vous aide à recruter vos premiers salariés et à financer leur embauche."),
        "developpement": _lazy("Vous aide à recruter et à financer les embauches."),
    },
    "mission_locale": {
        None: _lazy(
            "Pour les 16-25 ans : un conseiller suit votre projet et vous oriente vers des formations "
            "et des aides."
        ),
    },
    "associations_registry": {
        None: _lazy("Enregistre la création de votre association, ses statuts et leurs modifications."),
    },
    "associations_help": {
        None: _lazy(
            "Le service de l'État qui informe et conseille gratuitement pour créer une association et "
            "la faire vivre : statuts, déclaration, emploi, financements."
        ),
    },
    "commercial_court": {
        None: _lazy(
            "Son greffe immatricule les sociétés commerciales ; le tribunal aide aussi les entreprises "
            "en difficulté à réagir tôt."
        ),
    },
    "apec": {
        None: _lazy("Pour les cadres : conseils pour créer une entreprise et pour recruter des cadres.")
    },
    "inclusion_service": {None: _lazy("Un service d'aide à la création d'activité près de chez vous.")},
    "shared_place": {
        None: _lazy(
            "Un tiers-lieu : un espace partagé, des pairs et des événements pour avancer avec d'autres."
        )
    },
}


def door_why(kind: str, stage: str | None, summary: str = "") -> str:
    """Why this actor helps a carrier at this stage, in plain words."""
    if kind == "inclusion_service" and summary:
        return summary
    return _door_why(get_language(), kind, stage)


@lru_cache(maxsize=256)
def _door_why(language: str, kind: str, stage: str | None) -> str:
    texts = _DOOR_WHY.get(kind, {})
    text = texts.get(stage) or texts.get(None)
    return str(text) if text else ""


def door_where(found, commune) -> str:
    """ "dans votre commune", "à Aubusson, à 23 km", "dans la Creuse" — where the actor is."""
    door = found.door
    language = get_language()
    if door.remote:
        return _("à distance, partout en France")
    if door.commune == commune.code:
        return _("dans votre commune")
    if door.commune:
        where = in_place_cached(Level.COMMUNE.value, door.commune, door.commune_name, language)
    else:
        where = in_place_cached(Level.DEPARTEMENT.value, door.departement, door.departement_name, language)
    if door.departement != commune.departement.code and door.commune:
        where = _("%(place)s, %(departement)s") % {
            "place": where,
            "departement": in_place_cached(
                Level.DEPARTEMENT.value, door.departement, door.departement_name, language
            ),
        }
    if found.distance_km is not None:
        where = _("%(place)s, à %(km)s km") % {"place": where, "km": found.distance_km}
    return where


def data_date(date) -> str:
    """ "données de 2019": the age of an open data file, shown beside what it feeds."""
    return _("données de %(year)s") % {"year": date.year} if date else ""


# The overseas collectivities with their own status: the national open data barely describe them.
OVERSEAS_COLLECTIVITIES = frozenset({"975", "977", "978", "984", "986", "987", "988", "989"})


def few_doors_note(commune, reachable: int) -> str:
    """Fewer than three actors to contact near the carrier: who to ask instead, honestly."""
    dep = commune.departement
    overseas = dep.code in OVERSEAS_COLLECTIVITIES
    place = in_place(Level.DEPARTEMENT.value, dep.code, dep.name) if overseas else _("près de chez vous")
    if reachable == 0:
        known = _(
            "Les données ouvertes chargées dans Essaim ne recensent aucun acteur à contacter %(place)s."
        )
    else:
        known = ngettext(
            "Les données ouvertes chargées dans Essaim ne recensent qu'un acteur à contacter %(place)s.",
            "Les données ouvertes chargées dans Essaim ne recensent que %(n)d acteurs à contacter %(place)s.",
            reachable,
        )
    known = known % {"place": place, "n": reachable}
    if overseas:
        return (
            known
            + " "
            + _(
                "Les services qui y accompagnent les créateurs d'activité relèvent le plus souvent de la "
                "collectivité elle-même — son service du développement économique, sa chambre consulaire, "
                "son service de l'emploi — et ne figurent pas dans ces données nationales. Adressez-vous à "
                "eux : la mairie de votre commune ou les services de la collectivité vous orienteront."
            )
        )
    return (
        known
        + " "
        + _(
            "La mairie ou l'intercommunalité (son service du développement économique) et les chambres "
            "consulaires de votre département peuvent aussi vous orienter."
        )
    )
