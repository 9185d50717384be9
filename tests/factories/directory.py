import factory

from essaim.directory.enums import AccompanimentModel, LegalForm, LifeStage, ProgrammeKind
from essaim.directory.models import Ecosystem, Organisation, Programme, ZoneItem


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    legal_form = LegalForm.ASSOCIATION


class ProgrammeFactory(factory.django.DjangoModelFactory):
    """`ProgrammeFactory(zone=["departement:34"])` creates the zone items too."""

    class Meta:
        model = Programme
        skip_postgeneration_save = True

    organisation = factory.SubFactory(OrganisationFactory)
    slug = factory.Sequence(lambda n: f"dispositif-{n}")
    name = factory.Sequence(lambda n: f"Dispositif {n}")
    kind = ProgrammeKind.INCUBATOR
    model = AccompanimentModel.CARRIER
    stages = factory.LazyFunction(lambda: [LifeStage.EMERGENCE, LifeStage.CREATION])

    @factory.post_generation
    def zone(self, create, extracted, **kwargs):
        if not create:
            return
        for ref in extracted or ["departement:34"]:
            level, _sep, code = ref.partition(":")
            ZoneItem.objects.create(programme=self, level=level, code=code or "FR")


class EcosystemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ecosystem

    slug = factory.Sequence(lambda n: f"ecosysteme-{n}")
    name = factory.Sequence(lambda n: f"Écosystème {n}")
    model = "coordination"
