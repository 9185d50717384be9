"""The seeded catalogue of social-impact indicators.

Quantitative indicators are inspired by the IRIS+ core metrics set (Global Impact Investing
Network, https://iris.thegiin.org) — names and definitions are ours, adapted to French
social enterprises. Qualitative questions follow the evaluative approach of VISES
(Valorisons ensemble l'impact social de l'entrepreneuriat social, programme Interreg France-
Wallonie-Vlaanderen, https://www.projetvises.eu), again in our own words.
"""

from django.utils.translation import gettext_lazy as _

IRIS = "Inspiré du socle IRIS+ (GIIN)"
VISES = "Question évaluative inspirée de la démarche VISES"
ESSAIM = "Essaim (données du suivi post-création)"

# slug, name, kind, unit, direction, definition, source
CATALOGUE = [
    (
        "emplois-etp",
        _("Emplois en équivalent temps plein"),
        "quantitative",
        "ETP",
        "higher",
        _("Emplois salariés de la structure au dernier point de suivi, en équivalents temps plein."),
        ESSAIM,
    ),
    (
        "emplois-insertion",
        _("Emplois d'insertion"),
        "quantitative",
        "ETP",
        "higher",
        _("Postes occupés par des personnes en parcours d'insertion (SIAE), en équivalents temps plein."),
        IRIS,
    ),
    (
        "beneficiaires",
        _("Personnes bénéficiaires"),
        "quantitative",
        _("personnes"),
        "higher",
        _("Nombre de personnes ayant bénéficié des biens ou services de la structure sur l'année."),
        IRIS,
    ),
    (
        "beneficiaires-faibles-revenus",
        _("Bénéficiaires à faibles revenus"),
        "quantitative",
        "%",
        "higher",
        _("Part des bénéficiaires dont les revenus sont sous le seuil de pauvreté."),
        IRIS,
    ),
    (
        "sorties-emploi",
        _("Sorties vers l'emploi durable"),
        "quantitative",
        "%",
        "higher",
        _(
            "Part des salariés en insertion sortis vers un CDI, un CDD de plus de 6 mois ou une formation qualifiante."
        ),
        IRIS,
    ),
    (
        "achats-locaux",
        _("Achats locaux"),
        "quantitative",
        "%",
        "higher",
        _("Part des achats réalisés auprès de fournisseurs du même département ou des départements voisins."),
        IRIS,
    ),
    (
        "dechets-evites",
        _("Déchets évités"),
        "quantitative",
        _("tonnes"),
        "higher",
        _("Masse de déchets évités, réemployés ou recyclés grâce à l'activité sur l'année."),
        IRIS,
    ),
    (
        "ecart-salaires",
        _("Écart de rémunération"),
        "quantitative",
        _("rapport"),
        "lower",
        _("Rapport entre la rémunération la plus haute et la plus basse de la structure."),
        IRIS,
    ),
    (
        "benevoles",
        _("Bénévoles actifs"),
        "quantitative",
        _("personnes"),
        "higher",
        _("Bénévoles ayant donné du temps à la structure au moins une fois dans l'année."),
        IRIS,
    ),
    (
        "gouvernance-partagee",
        _("Gouvernance partagée"),
        "qualitative",
        "",
        "neutral",
        _(
            "Comment les salariés, bénéficiaires et partenaires prennent-ils part aux décisions de la structure ?"
        ),
        VISES,
    ),
    (
        "lien-social",
        _("Lien social"),
        "qualitative",
        "",
        "neutral",
        _("En quoi l'activité crée-t-elle ou renforce-t-elle des liens entre les personnes du territoire ?"),
        VISES,
    ),
    (
        "pouvoir-agir",
        _("Pouvoir d'agir des personnes"),
        "qualitative",
        "",
        "neutral",
        _(
            "Qu'est-ce qui a changé pour les personnes accompagnées dans leur capacité à agir sur leur situation ?"
        ),
        VISES,
    ),
    (
        "ancrage-territorial",
        _("Ancrage territorial"),
        "qualitative",
        "",
        "neutral",
        _("Avec quels acteurs du territoire la structure coopère-t-elle, et qu'est-ce que cela a produit ?"),
        VISES,
    ),
]
