import factory

from essaim.accounts.models import Membership, TerritoryScope, User

PASSWORD = "mot-de-passe-de-test"


class UserFactory(factory.django.DjangoModelFactory):
    """Traits per actor: `UserFactory(carrier=True)`, `UserFactory(expert=True)`, `UserFactory(admin=True)`."""

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"personne{n}@example.org")
    full_name = factory.Sequence(lambda n: f"Personne {n}")
    password = factory.PostGenerationMethodCall("set_password", PASSWORD)

    class Params:
        carrier = factory.Trait(is_carrier=True)
        expert = factory.Trait(is_expert=True)
        admin = factory.Trait(is_superuser=True, is_staff=True)

    @factory.post_generation
    def save_password(self, create, extracted, **kwargs):
        if create:
            self.save()


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory("tests.factories.directory.OrganisationFactory")
    role = Membership.Role.MEMBER


class TerritoryScopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TerritoryScope

    user = factory.SubFactory(UserFactory)
    level = "region"
    code = "76"
