import pytest

from essaim.demo import ecosystems as demo
from essaim.demo.accounts import seed as accounts_seed
from essaim.directory.models import Ecosystem
from essaim.ecosystems.models import EcosystemMembership, JointProject
from essaim.ecosystems.overview import overview

pytestmark = pytest.mark.django_db


def test_demo_ecosystems(study):
    accounts_seed()
    assert demo.seed() == 8  # REALIS: five member organisations; the demo ecosystem: three
    conductor = Ecosystem.objects.select_related("leader").get(slug=demo.CONDUCTOR_SLUG)
    assert (conductor.leader.name, conductor.leader.legal_form, conductor.get_leader_role_display()) == (
        "Communauté d'agglomération de démonstration",
        "public_body",
        "Chef d'orchestre",
    )
    assert "démonstration" in conductor.name and conductor.description.startswith("Écosystème fictif")
    page = overview(conductor)
    assert [(m.organisation.name, m.get_role_display()) for m in page.organisations] == [
        ("Département de démonstration", "Acteur engagé")
    ]
    realis = Ecosystem.objects.get(slug="realis")
    assert (realis.leader_role, realis.memberships.filter(state="active").count()) == ("", 5)
    assert Ecosystem.objects.get(slug="ramsess").members.count() == 0
    joint = JointProject.objects.select_related("project__programme").get(ecosystem__slug="pole-sud")
    assert joint.project.programme.slug == "pole-sud"
    assert sorted(joint.contributions.values_list("role", flat=True)) == ["hosts", "lead"]
    before = EcosystemMembership.objects.count()
    demo.seed()
    assert (EcosystemMembership.objects.count(), JointProject.objects.count()) == (before, 1)
