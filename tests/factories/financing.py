import datetime as dt

import factory

from essaim.accompaniment.models import PipelineStage, ProgrammePipeline, Project
from essaim.financing.enums import FunderKind, Instrument, NeedKind, ResourceStatus
from essaim.financing.models import FinancingNeed, FinancingPlan, FinancingResource, Funder
from tests.factories.directory import ProgrammeFactory

STAGES = [
    ("selection", "emergence"),
    ("opportunite_faisabilite", "emergence"),
    ("incubation", "emergence"),
    ("creation", "creation"),
    ("suivi_post_creation", "creation"),
]


def pipeline_for(programme) -> ProgrammePipeline:
    """A carrier-model pipeline with the template's five stage keys (created once per programme)."""
    pipeline, created = ProgrammePipeline.objects.get_or_create(
        programme=programme, model="carrier", defaults={"template": "carrier", "name": "Porteurs"}
    )
    if created:
        PipelineStage.objects.bulk_create(
            PipelineStage(
                pipeline=pipeline,
                key=key,
                name=key,
                life_stage=life,
                position=i,
                is_creation=key == "creation",
            )
            for i, (key, life) in enumerate(STAGES)
        )
    return pipeline


class ProjectFactory(factory.django.DjangoModelFactory):
    """A project on the first stage of its programme's carrier pipeline (`stage_key` picks another)."""

    class Meta:
        model = Project
        exclude = ["stage_key"]

    name = factory.Sequence(lambda n: f"Projet {n}")
    programme = factory.SubFactory(ProgrammeFactory)
    model = "carrier"
    stage_key = "selection"
    stage = factory.LazyAttribute(lambda o: pipeline_for(o.programme).stages.get(key=o.stage_key))
    started_on = dt.date(2020, 1, 15)
    stage_entered_on = dt.date(2020, 1, 15)


class FunderFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Funder

    name = factory.Sequence(lambda n: f"Financeur {n}")
    slug = factory.Sequence(lambda n: f"financeur-{n}")
    kind = FunderKind.REGION
    instruments = factory.LazyFunction(lambda: [Instrument.GRANT])


class FinancingPlanFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinancingPlan

    project = factory.SubFactory(ProjectFactory)


class FinancingNeedFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinancingNeed

    plan = factory.SubFactory(FinancingPlanFactory)
    kind = NeedKind.INVESTMENT
    amount = 10000


class FinancingResourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FinancingResource

    plan = factory.SubFactory(FinancingPlanFactory)
    instrument = Instrument.GRANT
    funder = factory.SubFactory(FunderFactory)
    amount = 10000
    status = ResourceStatus.GRANTED
