"""What each kind of import reads, and the mapping guessed from a file's headers.

A column names a field, its French label, the headers it is recognised by (French and English,
compared without case, accents or punctuation) and whether it is required. A mapping is one
field name per column of the file ("" for a column not imported).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from essaim.core.text import normalise
from essaim.imports.models import ImportKind


@dataclass(frozen=True)
class Column:
    name: str
    label: str
    aliases: tuple[str, ...]
    required: bool = False


PROJECTS = (
    Column(
        "reference",
        gettext_lazy("Référence du projet"),
        (
            "référence",
            "réf",
            "ref",
            "référence projet",
            "n° projet",
            "numéro",
            "identifiant",
            "id",
            "code",
            "code projet",
            "reference",
            "project id",
            "project reference",
            "key",
        ),
        required=True,
    ),
    Column(
        "name",
        gettext_lazy("Nom du projet"),
        ("nom du projet", "projet", "nom", "intitulé", "titre", "project", "project name", "name", "title"),
        required=True,
    ),
    Column(
        "model",
        gettext_lazy("Modèle d'accompagnement"),
        ("modèle", "modèle d'accompagnement", "type d'accompagnement", "model"),
    ),
    Column(
        "stage", gettext_lazy("Étape du parcours"), ("étape", "étape du parcours", "phase", "stage", "step")
    ),
    Column("summary", gettext_lazy("Résumé"), ("résumé", "description", "présentation", "summary")),
    Column(
        "social_need",
        gettext_lazy("Besoin social"),
        ("besoin social", "besoin", "besoin social auquel le projet répond", "social need"),
    ),
    Column(
        "sector",
        gettext_lazy("Secteur d'activité"),
        ("secteur", "secteur d'activité", "activité", "filière", "sector", "industry"),
    ),
    Column(
        "commune",
        gettext_lazy("Commune"),
        (
            "commune",
            "ville",
            "code postal",
            "cp",
            "code insee",
            "lieu",
            "localisation",
            "city",
            "town",
            "municipality",
            "postcode",
        ),
    ),
    Column(
        "started_on",
        gettext_lazy("Début de l'accompagnement"),
        (
            "début",
            "début de l'accompagnement",
            "date de début",
            "date d'entrée",
            "entrée",
            "date entrée",
            "start",
            "start date",
            "started on",
        ),
    ),
    Column(
        "carrier_emails",
        gettext_lazy("Courriels des porteurs"),
        (
            "courriel",
            "courriels",
            "e-mail",
            "email",
            "mail",
            "adresse électronique",
            "courriel du porteur",
            "courriel porteur",
            "email porteur",
            "mail porteur",
            "carrier email",
            "founder email",
        ),
    ),
    Column(
        "carrier_names",
        gettext_lazy("Noms des porteurs"),
        (
            "porteur",
            "porteurs",
            "porteur de projet",
            "porteuse",
            "nom du porteur",
            "nom porteur",
            "porteur(s)",
            "contact",
            "carrier",
            "carriers",
            "founder",
            "founders",
            "leader",
        ),
    ),
)

MEETINGS = (
    Column(
        "reference",
        gettext_lazy("Référence du rendez-vous"),
        (
            "référence du rendez-vous",
            "référence rendez-vous",
            "référence rdv",
            "réf rdv",
            "id rdv",
            "meeting id",
            "meeting reference",
        ),
    ),
    Column(
        "project_reference",
        gettext_lazy("Référence du projet"),
        (
            "référence du projet",
            "référence projet",
            "réf projet",
            "projet",
            "référence",
            "réf",
            "ref",
            "project reference",
            "project id",
            "project",
        ),
        required=True,
    ),
    Column(
        "date",
        gettext_lazy("Date"),
        ("date", "date du rendez-vous", "le", "jour", "meeting date", "day"),
        required=True,
    ),
    Column(
        "duration_minutes",
        gettext_lazy("Durée (minutes)"),
        (
            "durée",
            "durée (minutes)",
            "durée en minutes",
            "minutes",
            "durée (min)",
            "temps",
            "duration",
            "duration (minutes)",
        ),
    ),
    Column(
        "duration_hours",
        gettext_lazy("Durée (heures)"),
        (
            "durée (heures)",
            "durée en heures",
            "heures",
            "nombre d'heures",
            "durée (h)",
            "hours",
            "duration (hours)",
        ),
    ),
    Column(
        "kind",
        gettext_lazy("Type de rendez-vous"),
        ("type", "type de rendez-vous", "nature", "format", "kind", "meeting type"),
    ),
    Column(
        "topics",
        gettext_lazy("Sujets abordés"),
        ("sujets", "sujets abordés", "objet", "thèmes", "compte rendu", "notes", "topics", "subject"),
    ),
    Column("decisions", gettext_lazy("Décisions"), ("décisions", "décision", "decisions")),
    Column(
        "next_steps",
        gettext_lazy("Prochaines étapes"),
        ("prochaines étapes", "suites", "suite", "actions", "à faire", "next steps", "to do"),
    ),
    Column(
        "next_meeting_on",
        gettext_lazy("Prochain rendez-vous"),
        ("prochain rendez-vous", "prochain rdv", "date du prochain rendez-vous", "next meeting"),
    ),
    Column(
        "expert_email",
        gettext_lazy("Courriel de l'expert"),
        ("expert", "courriel de l'expert", "courriel expert", "email expert", "expert email"),
    ),
)

EXPERTS = (
    Column(
        "email",
        gettext_lazy("Courriel"),
        ("courriel", "e-mail", "email", "mail", "adresse électronique", "adresse mail"),
        required=True,
    ),
    Column(
        "full_name",
        gettext_lazy("Nom"),
        (
            "nom",
            "nom complet",
            "prénom nom",
            "nom prénom",
            "expert",
            "experte",
            "name",
            "full name",
            "last name",
            "nom de famille",
        ),
    ),
    Column("first_name", gettext_lazy("Prénom"), ("prénom", "first name", "given name")),
    Column(
        "domains",
        gettext_lazy("Domaines"),
        (
            "domaines",
            "domaine",
            "domaines d'expertise",
            "expertise",
            "expertises",
            "compétences",
            "spécialités",
            "domains",
            "skills",
        ),
    ),
    Column(
        "territories",
        gettext_lazy("Territoires"),
        (
            "territoires",
            "territoire",
            "zone",
            "zone d'intervention",
            "départements",
            "département",
            "territories",
            "area",
        ),
    ),
    Column(
        "availability",
        gettext_lazy("Disponibilité (en mots)"),
        ("disponibilité", "disponibilités", "créneaux", "availability"),
    ),
    Column(
        "is_available", gettext_lazy("Disponible (oui / non)"), ("disponible", "actif", "available", "active")
    ),
    Column(
        "bio", gettext_lazy("Présentation"), ("présentation", "bio", "biographie", "description", "about")
    ),
)

CARRIERS = (
    Column(
        "project_reference",
        gettext_lazy("Référence du projet"),
        (
            "référence du projet",
            "référence",
            "réf",
            "ref",
            "projet",
            "code projet",
            "project reference",
            "project id",
        ),
        required=True,
    ),
    Column(
        "email",
        gettext_lazy("Courriel du porteur"),
        (
            "courriel du porteur",
            "courriel",
            "e-mail",
            "email",
            "mail",
            "adresse électronique",
            "carrier email",
        ),
        required=True,
    ),
    Column(
        "full_name",
        gettext_lazy("Nom du porteur"),
        ("nom du porteur", "nom", "nom complet", "porteur", "porteuse", "name", "full name", "carrier"),
    ),
    Column("first_name", gettext_lazy("Prénom"), ("prénom", "first name", "given name")),
)

BUDGET = (
    Column(
        "programme",
        gettext_lazy("Dispositif"),
        ("dispositif", "identifiant du dispositif", "programme", "slug", "programme slug"),
    ),
    Column("year", gettext_lazy("Année"), ("année", "annee", "exercice", "year"), required=True),
    Column(
        "source",
        gettext_lazy("Source"),
        ("source", "origine", "financeur", "ressource", "type de ressource", "nature", "funding source"),
        required=True,
    ),
    Column(
        "amount",
        gettext_lazy("Montant (€)"),
        ("montant", "montant €", "montant en euros", "somme", "amount", "euros"),
        required=True,
    ),
)

COLUMNS: dict[str, tuple[Column, ...]] = {
    ImportKind.PROJECTS: PROJECTS,
    ImportKind.CARRIERS: CARRIERS,
    ImportKind.MEETINGS: MEETINGS,
    ImportKind.EXPERTS: EXPERTS,
    ImportKind.BUDGET: BUDGET,
}

# Recognised and deliberately not imported: Essaim keeps no telephone number for carriers or
# experts (their account's e-mail is how the team reaches them).
NOT_KEPT = ("téléphone", "tél", "tel", "portable", "mobile", "numéro de téléphone", "phone", "phone number")


def columns_for(kind: str) -> tuple[Column, ...]:
    return COLUMNS[kind]


def _words(text: str) -> tuple[str, ...]:
    return tuple(normalise(text).split())


def not_kept(header: str) -> bool:
    return _words(header) in {_words(alias) for alias in NOT_KEPT}


def guess(headers: list[str], kind: str) -> list[str]:
    """The field each header most likely holds: exact names first, then headers that contain a
    known name ("Courriel du porteur principal"); each field once, the first column winning."""
    columns = columns_for(kind)
    mapping = [""] * len(headers)
    taken: set[str] = set()
    words = [_words(h) for h in headers]
    for i, header in enumerate(words):
        for column in columns:
            if column.name not in taken and header in {_words(a) for a in column.aliases}:
                mapping[i] = column.name
                taken.add(column.name)
                break
    for i, header in enumerate(words):
        if mapping[i] or not_kept(headers[i]):
            continue
        best = _best_contained(header, columns, taken)
        if best:
            mapping[i] = best
            taken.add(best)
    return mapping


def _best_contained(header: tuple[str, ...], columns, taken: set[str]) -> str:
    best, size = "", 0
    for column in columns:
        if column.name in taken:
            continue
        for alias in column.aliases:
            alias_words = _words(alias)
            if len(alias_words) > size and _contains(header, alias_words):
                best, size = column.name, len(alias_words)
    return best


def _contains(header: tuple[str, ...], part: tuple[str, ...]) -> bool:
    n = len(part)
    return any(header[i : i + n] == part for i in range(len(header) - n + 1))


def mapping_problems(mapping: list[str], kind: str) -> list[str]:
    """What keeps a mapping from being used: a required field without a column, a field twice."""
    columns = {c.name: c for c in columns_for(kind)}
    used = [name for name in mapping if name]
    problems = [
        _("Choisissez la colonne qui contient « %(label)s » (obligatoire).") % {"label": c.label}
        for c in columns.values()
        if c.required and c.name not in used
    ]
    problems += [
        _("« %(label)s » est choisi pour plusieurs colonnes : gardez-en une.")
        % {"label": columns[name].label}
        for name in dict.fromkeys(used)
        if used.count(name) > 1 and name in columns
    ]
    if kind == ImportKind.MEETINGS and not {"duration_minutes", "duration_hours"} & set(used):
        problems.append(
            _("Choisissez la colonne qui contient la durée des rendez-vous (en minutes ou en heures).")
        )
    if kind == ImportKind.MEETINGS and {"duration_minutes", "duration_hours"} <= set(used):
        problems.append(_("Gardez une seule colonne de durée : en minutes ou en heures."))
    return problems
