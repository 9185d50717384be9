from datetime import date
from types import SimpleNamespace

import factory

from essaim.accompaniment.enums import ExpertDomain, MeetingKind, ProjectModel
from essaim.accompaniment.models import Checkin, Expert, Meeting, Project, Referral
from essaim.accompaniment.pipelines import install
from essaim.accounts.models import Membership
from tests.factories.accounts import MembershipFactory, TerritoryScopeFactory, UserFactory
from tests.factories.directory import ProgrammeFactory


def _stage(o):
    pipeline = install(o.programme, o.model)
    stages = pipeline.stages.filter(is_archived=False)
    return stages.get(key=o.stage_key) if o.stage_key else stages.first()


class ProjectFactory(factory.django.DjangoModelFactory):
    """`ProjectFactory(stage_key="incubation", carriers=[user])`."""

    class Meta:
        model = Project
        skip_postgeneration_save = True

    class Params:
        stage_key = None

    programme = factory.SubFactory(ProgrammeFactory)
    name = factory.Sequence(lambda n: f"Projet {n}")
    summary = "Une épicerie solidaire en circuit court."
    social_need = "Accès à une alimentation de qualité pour les ménages modestes."
    sector = "Alimentation"
    model = ProjectModel.CARRIER
    stage = factory.LazyAttribute(_stage)
    life_stage = factory.LazyAttribute(lambda o: o.stage.life_stage)
    started_on = date(2026, 1, 5)
    stage_entered_on = date(2026, 1, 5)

    @factory.post_generation
    def carriers(self, create, extracted, **kwargs):
        if create and extracted:
            self.carriers.add(*extracted)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    project = factory.SubFactory(ProjectFactory)
    date = date(2026, 2, 2)
    duration_minutes = 90
    kind = MeetingKind.INDIVIDUAL
    topics = "Étude de marché"


class ExpertFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Expert

    user = factory.SubFactory(UserFactory, expert=True)
    domains = factory.LazyFunction(lambda: [ExpertDomain.LEGAL, ExpertDomain.FINANCIAL])
    territory_refs = factory.LazyFunction(lambda: ["departement:34"])
    availability = "Deux demi-journées par mois"


class ReferralFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Referral

    project = factory.SubFactory(ProjectFactory)
    from_programme = factory.LazyAttribute(lambda o: o.project.programme)
    to_programme = factory.SubFactory(ProgrammeFactory)
    message = "La pépinière conviendra mieux après la création."


class CheckinFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Checkin

    project = factory.SubFactory(ProjectFactory, stage_key="creation", created_on=date(2025, 1, 15))
    months_after = 6
    due_on = date(2025, 7, 15)


def build_world() -> SimpleNamespace:
    """Two tenants and every role of the permission matrix.

    A runs `programme_a` with `project_a` (carried by `carrier`); B runs `programme_b` with
    `project_b` (carried by `other_carrier`).
    """
    w = SimpleNamespace()
    w.programme_a = ProgrammeFactory(slug="incubateur-a", name="Incubateur A")
    w.programme_b = ProgrammeFactory(slug="pepiniere-b", name="Pépinière B")
    w.org_a, w.org_b = w.programme_a.organisation, w.programme_b.organisation
    w.platform_admin = UserFactory(admin=True, email="plateforme@example.org")
    w.admin_a = MembershipFactory(
        organisation=w.org_a, role=Membership.Role.ADMIN, user__email="admin-a@example.org"
    ).user
    w.member_a = MembershipFactory(organisation=w.org_a, user__email="membre-a@example.org").user
    w.staff_b = MembershipFactory(
        organisation=w.org_b, role=Membership.Role.ADMIN, user__email="staff-b@example.org"
    ).user
    w.carrier = UserFactory(carrier=True, email="porteuse@example.org", full_name="Awa Diallo")
    w.other_carrier = UserFactory(carrier=True, email="autre-porteur@example.org")
    w.expert = ExpertFactory(user__email="experte@example.org").user
    w.viewer = TerritoryScopeFactory(user__email="collectivite@example.org").user
    w.project_a = ProjectFactory(programme=w.programme_a, name="Épicerie du Faubourg", carriers=[w.carrier])
    w.project_b = ProjectFactory(programme=w.programme_b, name="Recyclerie B", carriers=[w.other_carrier])
    return w
