"""The study's vocabulary in plain words, for the glossary page (written for Essaim).

The terms come from the study on the creation of social enterprises (CHORUM / CIDES with
ODYSSEM, docs/data-sources.md); the explanations are ours. Each entry has a stable anchor
(`/glossaire/#couveuse`), which other pages may link to.
"""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from essaim.core.text import normalise


@dataclass(frozen=True)
class Entry:
    anchor: str
    term: Promise
    definition: Promise


ENTRIES = (
    Entry(
        "accompagnement",
        _("Accompagnement"),
        _(
            "Le suivi d'un projet par une structure d'appui : rendez-vous réguliers, conseils, mise en "
            "relation, aide pour trouver des financements. Il dure en général de six mois à trois ans. "
            "Le bon rythme est ni trop léger (le porteur reste seul) ni trop serré (le projet cesse "
            "d'être le sien)."
        ),
    ),
    Entry(
        "appel-a-projets",
        _("Appel à projets"),
        _(
            "Une période pendant laquelle un dispositif reçoit des candidatures, avec une date limite, "
            "des critères connus à l'avance et, le plus souvent, un comité qui choisit les projets "
            "accompagnés."
        ),
    ),
    Entry(
        "centre-de-ressources",
        _("Centre de ressources"),
        _(
            "Une structure qui informe et outille : documentation, formations, annuaires, "
            "orientation vers le bon interlocuteur. Elle n'accompagne pas forcément les projets "
            "elle-même."
        ),
    ),
    Entry(
        "collectivite",
        _("Collectivité"),
        _(
            "Une commune, une intercommunalité, un département ou une région. Les collectivités "
            "financent souvent les dispositifs d'appui et veulent savoir quels territoires et quelles "
            "étapes sont couverts."
        ),
    ),
    Entry(
        "comite-de-selection",
        _("Comité de sélection"),
        _(
            "La réunion où des personnes extérieures au projet (structure d'appui, financeurs, "
            "partenaires) examinent les candidatures et décident lesquelles seront accompagnées."
        ),
    ),
    Entry(
        "consolidation",
        _("Consolidation"),
        _(
            "L'étape qui suit la création : l'entreprise existe, elle stabilise son activité, ses "
            "clients, son équipe et ses comptes."
        ),
    ),
    Entry(
        "couveuse",
        _("Couveuse d'entreprises"),
        _(
            "Un dispositif qui permet de tester une activité en conditions réelles, avec de vrais "
            "clients, avant de créer sa propre structure : la couveuse porte juridiquement "
            "l'activité pendant le test."
        ),
    ),
    Entry(
        "creation",
        _("Création"),
        _(
            "L'étape où la structure juridique est déclarée (association, coopérative, société…). "
            "Mieux vaut y arriver avec un plan de financement bouclé."
        ),
    ),
    Entry(
        "developpement",
        _("Développement"),
        _(
            "L'étape où une entreprise déjà solide grandit : nouveaux services, nouveaux lieux, "
            "nouvelles embauches, parfois essaimage."
        ),
    ),
    Entry(
        "dispositif",
        _("Dispositif d'appui"),
        _(
            "Un programme qui aide à créer ou à développer une entreprise sociale : incubateur, "
            "couveuse, fabrique à initiatives, pépinière, lieu partagé, centre de ressources… "
            "Une même organisation peut en porter plusieurs."
        ),
    ),
    Entry(
        "droit-commun",
        _("Droit commun"),
        _(
            "Les acteurs qui aident toutes les entreprises, sans être propres à l'économie sociale et "
            "solidaire : chambres de commerce, des métiers et d'agriculture, France Travail, "
            "universités et écoles."
        ),
    ),
    Entry(
        "ecosysteme",
        _("Écosystème"),
        _(
            "L'ensemble des dispositifs d'un territoire qui travaillent ensemble : ils se passent des "
            "projets, partagent des outils ou une marque, mènent des projets communs."
        ),
    ),
    Entry(
        "emergence",
        _("Émergence"),
        _(
            "La toute première étape : une idée, un besoin repéré sur un territoire, une envie "
            "d'entreprendre, avant toute étude approfondie."
        ),
    ),
    Entry(
        "entreprise-sociale",
        _("Entreprise sociale"),
        _(
            "Une entreprise dont le but premier est de répondre à un besoin social ou "
            "environnemental, qui réinvestit l'essentiel de ses bénéfices dans ce but et associe ses "
            "parties prenantes à ses décisions. Elle fait partie de l'économie sociale et solidaire."
        ),
    ),
    Entry(
        "epci",
        _("EPCI (intercommunalité)"),
        _(
            "Établissement public de coopération intercommunale : un regroupement de communes "
            "(communauté de communes, d'agglomération, urbaine, métropole) qui exerce certaines "
            "compétences à leur place, dont souvent le développement économique."
        ),
    ),
    Entry(
        "ess",
        _("ESS (économie sociale et solidaire)"),
        _(
            "Les associations, coopératives, mutuelles, fondations et sociétés commerciales qui "
            "poursuivent une utilité sociale, avec une gouvernance démocratique et des bénéfices "
            "surtout réinvestis (loi du 31 juillet 2014)."
        ),
    ),
    Entry(
        "essaimage",
        _("Essaimage"),
        _(
            "Reproduire sur un autre territoire un projet ou un dispositif qui a fait ses preuves, en "
            "l'adaptant au contexte local plutôt qu'en le copiant."
        ),
    ),
    Entry(
        "etp",
        _("ETP (équivalent temps plein)"),
        _(
            "Une façon de compter les emplois : deux personnes à mi-temps font un ETP. Les rapports "
            "l'utilisent pour comparer des équipes de tailles différentes."
        ),
    ),
    Entry(
        "etude-de-faisabilite",
        _("Étude d'opportunité et de faisabilité"),
        _(
            "Vérifier qu'un projet répond à un vrai besoin et qu'il peut tenir : sur le plan social "
            "(les personnes concernées), économique (clients, prix, coûts) et politique (soutien des "
            "collectivités et des partenaires)."
        ),
    ),
    Entry(
        "fabrique-a-initiatives",
        _("Fabrique à initiatives (générateur de projets)"),
        _(
            "Un dispositif qui part des besoins d'un territoire, conçoit la réponse (le futur "
            "service ou la future entreprise), puis recrute la personne qui la dirigera. Le projet "
            "existe avant son porteur."
        ),
    ),
    Entry(
        "financeur",
        _("Financeur"),
        _(
            "Qui apporte de l'argent à un projet ou à un dispositif : collectivité, État, banque, "
            "fondation, fonds d'investissement solidaire, réseau de prêt d'honneur."
        ),
    ),
    Entry(
        "fonds-d-amorcage",
        _("Fonds d'amorçage"),
        _(
            "Un premier financement, souvent modeste, qui permet de démarrer (étude, prototype, "
            "premier local) avant les financements plus importants."
        ),
    ),
    Entry(
        "gpec-territoriale",
        _("GPEC territoriale"),
        _(
            "Gestion prévisionnelle des emplois et des compétences à l'échelle d'un territoire : "
            "anticiper les métiers et les savoir-faire dont ses entreprises auront besoin, et les "
            "former."
        ),
    ),
    Entry(
        "incubateur",
        _("Incubateur"),
        _(
            "Un dispositif qui accompagne un porteur de projet pendant plusieurs mois, de l'idée à "
            "la création : modèle économique, plan de financement, partenaires, souvent avec un "
            "collectif d'autres porteurs."
        ),
    ),
    Entry(
        "lieu-partage",
        _("Lieu partagé (tiers-lieu)"),
        _(
            "Un espace où plusieurs structures travaillent côte à côte, partagent des moyens "
            "(bureaux, atelier, matériel) et coopèrent."
        ),
    ),
    Entry(
        "marque-commune",
        _("Marque commune"),
        _(
            "Un nom et des engagements partagés par plusieurs dispositifs d'un territoire, pour que "
            "les porteurs de projet y voient une offre unique et lisible."
        ),
    ),
    Entry(
        "pepiniere",
        _("Pépinière d'entreprises"),
        _(
            "Un lieu qui loue des bureaux ou des ateliers à de jeunes entreprises, à prix modéré, "
            "avec des services communs et un suivi, pendant leurs premières années."
        ),
    ),
    Entry(
        "plan-de-financement",
        _("Plan de financement"),
        _(
            "Le tableau qui met en face les besoins d'argent d'un projet (investissements, fonds de "
            "roulement) et les ressources trouvées (apports, prêts, subventions). Il est « bouclé » "
            "quand les ressources couvrent les besoins."
        ),
    ),
    Entry(
        "porteur",
        _("Porteur ou porteuse de projet"),
        _(
            "La personne, ou l'équipe, qui veut créer l'entreprise et la fera vivre. C'est elle que "
            "les dispositifs d'appui accompagnent."
        ),
    ),
    Entry(
        "pret-d-honneur",
        _("Prêt d'honneur"),
        _(
            "Un prêt personnel sans intérêts ni garantie, fait au porteur de projet, qui renforce "
            "ses apports et facilite ensuite un prêt bancaire."
        ),
    ),
    Entry(
        "ptce",
        _("PTCE (pôle territorial de coopération économique)"),
        _(
            "Un regroupement, sur un même territoire, d'entreprises de l'ESS, d'entreprises "
            "classiques, de collectivités et de centres de formation qui montent ensemble des "
            "projets économiques."
        ),
    ),
    Entry(
        "siret",
        _("SIRET"),
        _(
            "Le numéro à 14 chiffres qui identifie chaque établissement d'une entreprise ou d'une "
            "association. Sur le site de démonstration, les numéros affichés sont fictifs."
        ),
    ),
    Entry(
        "suivi-post-creation",
        _("Suivi post-création"),
        _(
            "Les prises de nouvelles après la création (souvent à six mois, un an, trois ans) : "
            "l'entreprise est-elle active, combien d'emplois compte-t-elle, de quoi a-t-elle besoin ?"
        ),
    ),
    Entry(
        "tour-de-table",
        _("Tour de table"),
        _(
            "Réunir plusieurs financeurs autour d'un même projet pour qu'ensemble ils couvrent son "
            "plan de financement."
        ),
    ),
)


def entries_in_order() -> list[Entry]:
    """Alphabetical in the active language (accents ignored: "Émergence" sits with the E)."""
    return sorted(ENTRIES, key=lambda entry: normalise(str(entry.term)))
