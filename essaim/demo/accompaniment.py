"""Demo projects for every study programme that accompanies projects, run by `manage.py seed_demo`.

Deterministic (fixed names, dates relative to today) and idempotent (a project is looked up by
programme and name first). Projects move through their pipeline with the real workflow, as
their programme's staff would, so stage histories, activity-log events and post-creation
check-ins are those of a real journey;
projects entering `creation` first get a closed financing plan (the study's gate). All
projects and people are fictional.
"""

from datetime import timedelta
from decimal import Decimal

from django.contrib.auth.hashers import make_password
from django.db import transaction
from django.utils import timezone

from essaim.accompaniment import services
from essaim.accompaniment.enums import CheckinStatus, ReferralStatus
from essaim.accompaniment.models import Checkin, Expert, Project, Referral
from essaim.accompaniment.selectors import pipeline_stages
from essaim.accompaniment.workflows import schedule_checkins
from essaim.accounts.models import Membership, User
from essaim.core.actors import DEMO
from essaim.demo.history import RURAL_BELOW
from essaim.directory.models import Programme
from essaim.financing.selectors import plan_is_closed
from essaim.financing.services import need_add, resource_add
from essaim.territories.models import Commune

PASSWORD = "essaim-demo"
DOMAIN = "demo.essaim.fr"
DEMO_CARRIER = f"porteur@{DOMAIN}"
PROJECTS_PER_MODEL = 5

# Each idea has a town and a country version: a concierge service is a village's answer to shops
# that closed, a neighbourhood's in a city; market gardening in Paris is an urban farm.
# (name, summary, sector) per setting; a commune under RURAL_BELOW inhabitants is "rural".
CARRIER_PROJECTS = [
    {
        "urban": ("Atelier vélo solidaire", "Réparation de vélos et ateliers d'autoréparation", "Mobilité"),
        "rural": ("Atelier vélo itinérant", "Réparation de vélos sur les marchés des villages", "Mobilité"),
    },
    {
        "urban": (
            "Traiteur d'insertion",
            "Repas pour entreprises préparés par des salariés en insertion",
            "Restauration",
        ),
        "rural": (
            "Cantine d'insertion du canton",
            "Repas des écoles et des salles des fêtes préparés par des salariés en insertion",
            "Restauration",
        ),
    },
    {
        "urban": ("Ressourcerie textile", "Collecte et revente de vêtements de seconde main", "Réemploi"),
        "rural": ("Ressourcerie textile", "Collecte et revente de vêtements de seconde main", "Réemploi"),
    },
    {
        "urban": ("Crèche coopérative", "Accueil de jeunes enfants en horaires décalés", "Petite enfance"),
        "rural": (
            "Micro-crèche associative",
            "Accueil de jeunes enfants dans un bourg sans mode de garde",
            "Petite enfance",
        ),
    },
    {
        "urban": (
            "Ferme urbaine partagée",
            "Potagers sur les toits et ateliers de jardinage pour les habitants",
            "Agriculture urbaine",
        ),
        "rural": (
            "Maraîchage bio partagé",
            "Légumes en circuit court et jardins pédagogiques",
            "Agriculture",
        ),
    },
]
GENERATOR_PROJECTS = [
    {
        "urban": (
            "Conciergerie de quartier",
            "Services de proximité pour les habitants d'un quartier prioritaire",
            "Services",
        ),
        "rural": ("Conciergerie rurale", "Services de proximité pour les villages sans commerce", "Services"),
    },
    {
        "urban": (
            "Garage solidaire",
            "Entretien automobile à prix adapté pour se rendre au travail",
            "Mobilité",
        ),
        "rural": (
            "Garage solidaire",
            "Entretien automobile à prix adapté là où la voiture est le seul moyen d'aller travailler",
            "Mobilité",
        ),
    },
    {
        "urban": ("Plateforme de répit", "Relais pour les aidants de personnes âgées", "Médico-social"),
        "rural": (
            "Plateforme de répit",
            "Relais à domicile pour les aidants de personnes âgées",
            "Médico-social",
        ),
    },
    {
        "urban": (
            "Légumerie collective",
            "Préparation de légumes locaux pour la restauration scolaire",
            "Alimentation",
        ),
        "rural": (
            "Légumerie collective",
            "Préparation des légumes des fermes voisines pour les cantines",
            "Alimentation",
        ),
    },
    {
        "urban": ("Recyclerie du bâtiment", "Réemploi des matériaux de chantier", "Réemploi"),
        "rural": ("Recyclerie du bâtiment", "Réemploi des matériaux de chantier", "Réemploi"),
    },
]
# One commune per project (by index), inside the programme's zone (docs/demo.md).
COMMUNES = {
    # Île-de-France: Paris, Saint-Denis, Créteil, Meaux, Nangis (Seine-et-Marne, farmland)
    "antropia": ["75056", "93066", "94028", "77284", "77327"],
    # Provence-Alpes-Côte d'Azur: Marseille, Toulon, Nice, Avignon, Forcalquier
    "apeas": ["13055", "83137", "06088", "84007", "04088"],
    # Bouches-du-Rhône: Marseille, Aix-en-Provence, Arles, Salon-de-Provence, Saint-Rémy-de-Provence
    "inter-made": ["13055", "13001", "13004", "13103", "13100"],
    # Métropole de Lyon: Lyon, Villeurbanne, Vénissieux, Bron, Rillieux-la-Pape
    "district-solidaire": ["69123", "69266", "69259", "69029", "69286"],
    # Its zone spans five former régions: Die (Drôme), Périgueux, Bordeaux, Montpellier, Rouen
    "la-fabrique-a-initiatives": ["26113", "24322", "33063", "34172", "76540"],
    # Former Languedoc-Roussillon for the last three
    "realis": ["34172", "30189", "66136", "11069", "48092"],
    "alter-incub": ["34172", "30189", "11069", "66136", "30350"],
    # Saint-Pons-de-Thomières, Florac Trois Rivières, Perpignan, Limoux, Montpellier
    "replic": ["34284", "48061", "66136", "11206", "34172"],
}
EXPERTS = [
    ("experte.juridique", "Claire Fabre", ["legal", "governance"], ["region:76"]),
    ("expert.finances", "Marc Delmas", ["financial", "accounting"], ["region:76", "region:93"]),
    ("experte.commerce", "Sofia Benali", ["trade", "marketing"], ["region:11"]),
]


def _commune(code: str):
    return Commune.objects.filter(code=code).first()


def _user(local: str, full_name: str, password_hash: str, **flags) -> User:
    user = User.objects.filter(email=f"{local}@{DOMAIN}").first()
    if user is None:
        user = User.objects.create(
            email=f"{local}@{DOMAIN}", full_name=full_name, password=password_hash, is_demo=True, **flags
        )
    return user


def _close_financing(project: Project) -> None:
    if plan_is_closed(project):
        return
    need_add(project=project, kind="investment", amount=Decimal("18000"), label="Équipement", by=DEMO)
    need_add(
        project=project, kind="first_salaries", amount=Decimal("22000"), label="Six mois de salaires", by=DEMO
    )
    resource_add(
        project=project,
        instrument="grant",
        amount=Decimal("15000"),
        status="granted",
        label="Région",
        by=DEMO,
    )
    resource_add(project=project, instrument="honour_loan", amount=Decimal("10000"), status="paid", by=DEMO)
    resource_add(project=project, instrument="bank_loan", amount=Decimal("15000"), status="granted", by=DEMO)


def _advance(project: Project, target_index: int, staff: User) -> None:
    """Move the project one stage at a time up to `target_index`, as staff would."""
    stages = pipeline_stages(project)
    for stage in stages[1 : target_index + 1]:
        project.refresh_from_db()
        if stage.is_creation:
            _close_financing(project)
        services.project_transition(
            project=project, by=staff, to_stage=stage, comment="Étape validée en réunion d'équipe."
        )


def _meetings(project: Project, staff: User, count: int, last_days_ago: int) -> None:
    today = timezone.localdate()
    for i in range(count):
        days_ago = last_days_ago + (count - 1 - i) * 21
        if today - timedelta(days=days_ago) < project.started_on:
            continue
        services.meeting_create(
            project=project,
            by=staff,
            date=today - timedelta(days=days_ago),
            duration_minutes=(60, 90, 120)[i % 3],
            kind=("individual", "workshop", "individual", "expert")[i % 4],
            topics=("Point d'étape", "Atelier modèle économique", "Partenaires", "Plan de financement")[
                i % 4
            ],
            decisions="Priorités du mois fixées avec le porteur.",
            next_steps="Préparer les éléments pour le prochain rendez-vous.",
            next_meeting_on=today + timedelta(days=14) if i == count - 1 and days_ago < 30 else None,
        )


def _post_creation(project: Project, staff: User) -> None:
    """Backdate the creation one year and validate the first two check-ins."""
    today = timezone.localdate()
    created = today - timedelta(days=400)
    Project.objects.filter(pk=project.pk).update(created_on=created)
    Checkin.objects.filter(project=project, status=CheckinStatus.SCHEDULED).delete()
    project.refresh_from_db()
    schedule_checkins(project)
    for checkin, (headcount, fte) in zip(
        project.checkins.order_by("months_after")[:2], [(2, "1.5"), (4, "3.2")], strict=False
    ):
        services.checkin_validate(
            checkin=checkin,
            by=staff,
            observed_on=checkin.due_on,
            enterprise_status="active",
            headcount=headcount,
            fte=Decimal(fte),
        )


def _seed_programme(programme: Programme, staff: User, carriers: list[User], models: list[str]) -> int:
    created = 0
    communes = COMMUNES.get(programme.slug, [])
    today = timezone.localdate()
    for model in models:
        catalogue = CARRIER_PROJECTS if model == "carrier" else GENERATOR_PROJECTS
        for index in range(PROJECTS_PER_MODEL):
            commune = _commune(communes[index % len(communes)]) if communes else None
            setting = "rural" if commune is not None and commune.population < RURAL_BELOW else "urban"
            name, summary, sector = catalogue[index][setting]
            if Project.objects.filter(programme=programme, name=name).exists():
                continue
            # Generator projects before `recrutement_porteur` have no carrier yet.
            team = [carriers[index % len(carriers)]] if model == "carrier" or index >= 3 else []
            project = services.project_create(
                programme=programme,
                name=name,
                model=model,
                by=staff,
                summary=summary,
                social_need=f"{summary} : un besoin relevé par les acteurs du territoire.",
                sector=sector,
                commune=commune,
                carriers=team,
                started_on=today - timedelta(days=60 + index * 110),
            )
            _advance(project, index, staff)
            project.refresh_from_db()
            Project.objects.filter(pk=project.pk).update(
                stage_entered_on=today - timedelta(days=20 + index * 7)
            )
            # One project per programme is left without a meeting for two months: it needs attention.
            _meetings(project, staff, count=2 + index * 2, last_days_ago=62 if index == 1 else 5 + index)
            if project.stage.key == "suivi_post_creation":
                _post_creation(project, staff)
            created += 1
    return created


def _seed_demo_carrier_project(staff: User, carrier: User, programme: Programme) -> None:
    """The demo carrier's own project, in incubation at Alter'Incub, with a referral to consent to."""
    name = "Tiers-lieu du Lodévois"
    project = Project.objects.filter(carriers=carrier).first()
    if project is None:
        project = services.project_create(
            programme=programme,
            name=name,
            model="carrier",
            by=staff,
            summary="Un lieu partagé avec café associatif, ateliers et espace de travail.",
            social_need="Peu de lieux de rencontre et de travail partagé en cœur de Lodévois.",
            sector="Tiers-lieu",
            commune=_commune("34142"),
            carriers=[carrier],
            started_on=timezone.localdate() - timedelta(days=200),
        )
        _advance(project, 2, staff)
        _meetings(project, staff, count=5, last_days_ago=9)
    target = Programme.objects.filter(slug="replic").first()
    if target and not Referral.objects.filter(project=project).exists():
        services.referral_propose(
            project=project,
            to_programme=target,
            by=staff,
            message="Le projet pourrait s'appuyer sur l'expérience de REPLIC pour essaimer le modèle.",
        )


def _seed_accepted_referral(
    staff_from: User, staff_to: User, programme: Programme, target: Programme
) -> None:
    names = {variant[0] for variant in CARRIER_PROJECTS[3].values()}
    project = Project.objects.filter(programme=programme, name__in=names).first()
    if project is None or Referral.objects.filter(project=project, to_programme=target).exists():
        return
    referral = services.referral_propose(
        project=project,
        to_programme=target,
        by=staff_from,
        message="Accompagnement de la consolidation après la création.",
    )
    carrier = project.carriers.first()
    services.referral_transition(
        referral=referral,
        by=carrier,
        action="consent",
        shared_fields=["summary", "sector", "stage", "carriers"],
    )
    services.referral_transition(
        referral=referral, by=staff_to, action="accept", comment="Bienvenue dans le réseau."
    )


def seed(*, stdout=None) -> None:
    """Projects (both models, every stage), meetings, check-ins, experts and referrals."""
    programmes = list(Programme.objects.filter(slug__in=COMMUNES).exclude(model="none").order_by("slug"))
    if not programmes:
        if stdout is not None:
            stdout.write("  Accompagnement : dispositifs de l'étude absents, rien à faire.")
        return
    needs_hash = not User.objects.filter(email=f"porteuse.demo.5@{DOMAIN}").exists()
    password_hash = make_password(PASSWORD) if needs_hash else ""
    created = 0
    with transaction.atomic():
        carriers = [
            _user(f"porteuse.demo.{i}", name, password_hash, is_carrier=True)
            for i, name in enumerate(
                ["Léa Martin", "Karim Haddad", "Julie Perrin", "Thomas Nguyen", "Aïcha Traoré", "Paul Girard"]
            )
        ]
        for local, name, domains, territories in EXPERTS:
            user = _user(local, name, password_hash, is_expert=True)
            if not Expert.objects.filter(user=user).exists():
                services.expert_save(
                    user=user,
                    by=DEMO,
                    domains=domains,
                    territory_refs=territories,
                    availability="Deux demi-journées par mois",
                )
        staff_by_slug = {}
        for programme in programmes:
            staff = (
                User.objects.filter(
                    memberships__organisation=programme.organisation, memberships__role=Membership.Role.ADMIN
                )
                .order_by("pk")
                .first()
            )
            if staff is None:
                continue
            staff_by_slug[programme.slug] = staff
            models = ["carrier", "generator"] if programme.model == "both" else [programme.model]
            created += _seed_programme(programme, staff, carriers, models)
        carrier = User.objects.filter(email=DEMO_CARRIER).first()
        alter_incub = Programme.objects.filter(slug="alter-incub").first()
        if carrier and alter_incub and "alter-incub" in staff_by_slug:
            _seed_demo_carrier_project(staff_by_slug["alter-incub"], carrier, alter_incub)
        replic = Programme.objects.filter(slug="replic").first()
        if alter_incub and replic and {"alter-incub", "replic"} <= set(staff_by_slug):
            _seed_accepted_referral(
                staff_by_slug["alter-incub"], staff_by_slug["replic"], alter_incub, replic
            )
    if stdout is not None:
        total = Project.objects.filter(programme__in=programmes).count()
        referrals = Referral.objects.filter(
            status__in=[ReferralStatus.AWAITING_CONSENT, ReferralStatus.ACCEPTED]
        ).count()
        stdout.write(
            f"  Accompagnement : {created} projets créés ({total} au total dans {len(programmes)} dispositifs), "
            f"{Expert.objects.count()} experts, {referrals} passerelles."
        )
