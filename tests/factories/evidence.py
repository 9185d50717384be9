import datetime as dt
from decimal import Decimal

import factory

from essaim.accompaniment.models import Checkin, StageTransition
from essaim.evidence.models import Enterprise, Indicator
from tests.factories.financing import ProjectFactory


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Indicator

    slug = factory.Sequence(lambda n: f"indicateur-{n}")
    name = factory.Sequence(lambda n: f"Indicateur {n}")
    unit = "personnes"
    definition = "Définition de test."
    source = "Tests"


class EnterpriseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Enterprise

    project = factory.SubFactory(ProjectFactory, stage_key="creation", created_on=dt.date(2020, 6, 1))
    name = factory.Sequence(lambda n: f"Entreprise {n}")
    legal_form = "scic"


def checkin(project, observed_on, *, status="active", fte="1.00", ceased_on=None, months=12):
    """A validated check-in written directly (the accompaniment services have their own tests)."""
    return Checkin.objects.create(
        project=project,
        months_after=months,
        due_on=observed_on,
        status="validated",
        observed_on=observed_on,
        enterprise_status=status,
        ceased_on=ceased_on,
        headcount=1,
        fte=Decimal(fte),
    )


def created_project(
    *,
    programme=None,
    created_on=dt.date(2018, 3, 1),
    started_on=None,
    commune_id=None,
    observations=(),
    **kwargs,
):
    """A project that reached creation, with validated check-ins.

    `observations` are (observed_on, status, fte[, ceased_on]).
    """
    extra = {"programme": programme} if programme is not None else {}
    project = ProjectFactory(
        stage_key="suivi_post_creation",
        created_on=created_on,
        started_on=started_on or created_on - dt.timedelta(days=300),
        commune_id=commune_id,
        **extra,
        **kwargs,
    )
    for i, obs in enumerate(observations):
        observed_on, status, fte, *rest = obs
        checkin(project, observed_on, status=status, fte=fte, ceased_on=rest[0] if rest else None, months=i)
    return project


def move(project, from_key, to_key, at, *, from_status="active", to_status="active"):
    stages = {s.key: s for s in project.stage.pipeline.stages.all()}
    tr = StageTransition.objects.create(
        project=project,
        from_stage=stages.get(from_key),
        to_stage=stages.get(to_key),
        from_status=from_status,
        to_status=to_status,
    )
    StageTransition.objects.filter(pk=tr.pk).update(at=at)
    return tr
