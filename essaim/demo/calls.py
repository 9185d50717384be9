"""Demo data for calls and the project generator, run by `manage.py seed_demo`.

Deterministic (fixed names, dates relative to today) and idempotent (each object is looked
up by its title first). Everything goes through the services, acting as the demo's staff,
carriers, reviewers and candidates, so the activity log and projects are those a real
journey would leave. All people are fictional.
"""

import datetime as dt

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from essaim.accounts.models import User
from essaim.calls import services
from essaim.calls.models import Application, Call, JobOffer, Question, TerritoryNeed
from essaim.directory.models import Programme
from essaim.territories.models import Commune

PASSWORD = "essaim-demo"
DOMAIN = "demo.essaim.fr"

# Titles carry the year of their closing date (relative to the day the demo is loaded).
OPEN_CALL = "Appel à projets {year} — innovation sociale en Occitanie"
REVIEW_CALL = "Appel à projets {year} — première session"


def call_titles(today: dt.datetime) -> tuple[str, str]:
    """(open call, call in review) titles for a demo loaded on `today`."""
    return (
        OPEN_CALL.format(year=(today + dt.timedelta(days=40)).year),
        REVIEW_CALL.format(year=(today - dt.timedelta(days=10)).year),
    )


CRITERIA = [
    ("Utilité sociale et besoin du territoire", 3, "Le besoin est-il réel, documenté, mal couvert ?"),
    ("Viabilité économique", 2, "Marché, modèle de revenus, premières ressources."),
    ("Équipe et engagement", 2, "Compétences réunies, disponibilité, motivation."),
    ("Ancrage partenarial", 1, "Collectivités, réseaux, futurs clients déjà rencontrés."),
]
QUESTIONS = [
    ("Quel besoin social votre projet veut-il couvrir ?", Question.Kind.LONG_TEXT, True, []),
    ("Qui sont les bénéficiaires ?", Question.Kind.TEXT, True, []),
    (
        "Forme juridique envisagée",
        Question.Kind.CHOICE,
        False,
        ["Association", "SCOP", "SCIC", "Ne sait pas"],
    ),
    ("Emplois envisagés à trois ans (ETP)", Question.Kind.NUMBER, False, []),
]

# (e-mail local part, full name, project, summary, commune, answers)
CARRIERS = [
    (
        "porteur",
        "Porteur de démo",
        "La Recyclerie du Lodévois",
        "Collecte, réparation et revente d'objets, avec des postes en insertion.",
        "34142",
        ["Peu de solutions de réemploi dans le Lodévois.", "Habitants du Lodévois", "Association", "4"],
    ),
    (
        "porteuse.cantine",
        "Inès Moreau",
        "Cantine solidaire des Arceaux",
        "Une cantine de quartier à prix libre, approvisionnée en circuit court.",
        "34172",
        ["Isolement et alimentation des personnes âgées du quartier.", "Seniors, familles", "SCIC", "3"],
    ),
    (
        "porteur.mobilite",
        "Karim Benali",
        "Garage solidaire du Biterrois",
        "Réparation de véhicules à coût réduit pour les personnes en insertion.",
        "34032",
        ["La mobilité freine le retour à l'emploi.", "Demandeurs d'emploi", "Association", "2.5"],
    ),
    (
        "porteuse.numerique",
        "Claire Dupuis",
        "Atelier numérique itinérant",
        "Un camion-atelier d'inclusion numérique dans les villages de l'arrière-pays.",
        "11069",
        ["Fracture numérique des villages.", "Habitants des villages", "Ne sait pas", "2"],
    ),
]

# Scores per (carrier index in the review call) for the staff reviewer and the expert.
REVIEW_SCORES = {
    1: ([5, 3, 4, 4], [4, 3, 4, 5]),
    2: ([3, 4, 3, 2], [2, 4, 2, 2]),
    3: ([4, 2, 5, 3], [5, 2, 4, 2]),
}


def _person(local: str, full_name: str, password_hash: str, **flags) -> User:
    email = f"{local}@{DOMAIN}"
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create(
            email=email, full_name=full_name, password=password_hash, is_demo=True, **flags
        )
    return user


def _call(programme: Programme, title: str, today: dt.datetime, staff: User) -> tuple[Call, bool]:
    existing = Call.objects.filter(programme=programme, title=title).first()
    if existing is not None:
        return existing, False
    call = services.call_create(
        by=staff,
        programme=programme,
        title=title,
        description=(
            "L'incubateur accompagne pendant 18 mois des projets d'entreprises sociales innovantes : "
            "étude d'opportunité et de faisabilité, puis incubation jusqu'à la création."
        ),
        eligibility="Projet d'utilité sociale porté en Languedoc-Roussillon, encore en émergence.",
        territory_refs=[
            "departement:11",
            "departement:30",
            "departement:34",
            "departement:48",
            "departement:66",
        ],
        opens_at=today - dt.timedelta(days=20),
        closes_at=today + dt.timedelta(days=40),
    )
    for label, weight, description in CRITERIA:
        services.criterion_add(call=call, by=staff, label=label, weight=weight, description=description)
    for label, kind, required, choices in QUESTIONS:
        services.question_add(call=call, by=staff, label=label, kind=kind, required=required, choices=choices)
    return call, True


def _apply(call: Call, carrier: User, row) -> Application:
    _local, _name, project, summary, commune, answers = row
    application = services.application_start(call=call, by=carrier)
    if application.state == "draft":
        questions = list(call.questions.all())
        services.application_save_draft(
            application=application,
            by=carrier,
            project_name=project,
            summary=summary,
            commune=_commune(commune),
            answers={q.pk: value for q, value in zip(questions, answers, strict=True)},
        )
        services.application_submit(application=application, by=carrier)
    return application


def _commune(code: str):
    return Commune.objects.filter(pk=code).first()


def _seed_incubator(programme: Programme, carriers: list[User], staff: User, expert: User, today) -> int:
    created = 0
    open_title, review_title = call_titles(today)
    open_call, new = _call(programme, open_title, today, staff)
    if new:
        services.call_transition(call=open_call, name="open", by=staff)
        _apply(open_call, carriers[0], CARRIERS[0])
        draft = services.application_start(call=open_call, by=carriers[3])
        services.application_save_draft(
            application=draft, by=carriers[3], project_name=CARRIERS[3][2], summary=CARRIERS[3][3]
        )
        created += 1
    review_call, new = _call(programme, review_title, today, staff)
    if new:
        services.call_transition(call=review_call, name="open", by=staff)
        applications = {i: _apply(review_call, carriers[i], CARRIERS[i]) for i in (1, 2, 3)}
        services.call_update(
            call=review_call,
            by=staff,
            opens_at=today - dt.timedelta(days=90),
            closes_at=today - dt.timedelta(days=10),
        )
        services.call_transition(call=review_call, name="start_review", by=staff, comment="Dépôts clos.")
        criteria = list(review_call.criteria.all())
        for index, (staff_scores, expert_scores) in REVIEW_SCORES.items():
            for reviewer, scores in ((staff, staff_scores), (expert, expert_scores)):
                review = services.review_assign(application=applications[index], reviewer=reviewer, by=staff)
                services.review_submit(
                    review=review,
                    by=reviewer,
                    scores={c.pk: (value, "") for c, value in zip(criteria, scores, strict=True)},
                    comment="Évaluation de démonstration.",
                )
        services.application_decide(
            application=applications[1],
            decision="accept",
            feedback="Besoin bien documenté et équipe engagée : bienvenue en incubation.",
            by=staff,
        )
        created += 1
    return created


def _seed_generator(programme: Programme, staff: User, candidates: list[User], today) -> int:
    title = "Conciergerie solidaire de quartier"
    if TerritoryNeed.objects.filter(programme=programme, title=title).exists():
        return 0
    need = services.need_create(
        programme=programme,
        by=staff,
        title=title,
        need="Les habitants âgés du quartier peinent à faire leurs démarches et petites réparations.",
        evidence="Enquête auprès de 120 ménages ; sollicitations répétées du centre social.",
        sources="Analyse des besoins sociaux du CCAS ; entretiens avec les bailleurs.",
        partners_met="Centre social, bailleur social, mairie d'arrondissement.",
        opportunity_study="Un service de conciergerie à tarif solidaire financé en partie par les bailleurs.",
        commune=_commune("69123"),
    )
    services.need_transition(need=need, name="study", by=staff)
    services.need_make_project(need=need, by=staff)
    services.need_create(
        programme=programme,
        by=staff,
        title="Épicerie mobile pour les communes rurales",
        need="Plusieurs communes n'ont plus de commerce alimentaire.",
        commune=_commune("69091"),
    )
    offer = services.job_offer_create(
        programme=programme,
        by=staff,
        need=need,
        title="Porteur ou porteuse de la conciergerie solidaire",
        description=(
            "Le projet est monté : étude d'opportunité faite, partenaires engagés. Il manque la personne "
            "qui le dirigera et créera la structure."
        ),
        skills_profile="Gestion d'une petite structure, relation aux habitants, montage de partenariats.",
        commune=_commune("69123"),
        closes_on=timezone.localdate() + dt.timedelta(days=30),
    )
    services.job_offer_transition(offer=offer, name="publish", by=staff)
    motivations = [
        "Dix ans dans l'animation de quartier, envie d'entreprendre collectivement.",
        "Ancienne gérante de commerce, je veux mettre mes compétences au service du quartier.",
        "Coordinateur associatif, je connais les bailleurs et le centre social.",
    ]
    candidacies = [
        services.candidacy_apply(offer=offer, by=person, motivation=text)
        for person, text in zip(candidates, motivations, strict=True)
    ]
    services.candidacy_transition(candidacy=candidacies[0], name="shortlist", by=staff)
    services.candidacy_transition(
        candidacy=candidacies[0],
        name="interview",
        by=staff,
        interview_at=today + dt.timedelta(days=7),
    )
    services.candidacy_transition(candidacy=candidacies[1], name="shortlist", by=staff)
    return 1


def seed(*, stdout=None) -> None:
    """Calls of Alter'Incub (one open, one in review with reviews and a decision) and the
    needs register, a published job offer and candidates of District Solidaire."""
    incubator = Programme.objects.filter(slug="alter-incub").first()
    generator = Programme.objects.filter(slug="district-solidaire").first()
    if incubator is None or generator is None:
        if stdout is not None:
            stdout.write("  Appels à projets : dispositifs de l'étude absents, rien à faire.")
        return
    today = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    # Hashing is slow: only when an account is missing.
    password_hash = (
        "" if User.objects.filter(email=f"candidat.3@{DOMAIN}").exists() else make_password(PASSWORD)
    )
    with transaction.atomic():
        carriers = [_person(local, name, password_hash, is_carrier=True) for local, name, *_rest in CARRIERS]
        expert = _person("experte", "Hélène Roux (experte)", password_hash, is_expert=True)
        incubator_staff = User.objects.get(email=f"alter-incub@{DOMAIN}")
        generator_staff = User.objects.get(email=f"district-solidaire@{DOMAIN}")
        candidates = [
            _person("candidat.1", "Nadia Haddad", password_hash),
            _person("candidat.2", "Julien Petit", password_hash),
            _person("candidat.3", "Sophie Martin", password_hash),
        ]
        created = _seed_incubator(incubator, carriers, incubator_staff, expert, today)
        created += _seed_generator(generator, generator_staff, candidates, today)
    if stdout is not None:
        stdout.write(
            f"  Appels à projets : {Call.objects.filter(programme=incubator).count()} appels, "
            f"{Application.objects.filter(call__programme=incubator).count()} candidatures, "
            f"{JobOffer.objects.filter(programme=generator).count()} offre(s) de porteur ; "
            f"{created} volet(s) ajouté(s) à cette exécution."
        )
