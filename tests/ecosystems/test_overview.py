import pytest

from essaim.accompaniment.enums import ReferralStatus
from essaim.ecosystems.overview import overview, passerelles
from essaim.ecosystems.services import membership_invite, membership_transition
from tests.factories.accompaniment import ReferralFactory
from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db


def refer(source, target, n, status=ReferralStatus.ACCEPTED):
    for _ in range(n):
        ReferralFactory(project__programme=source, from_programme=source, to_programme=target, status=status)


def test_parcours_by_stage_and_kind(world):
    world.eco.members.add(world.pa, world.pb)
    page = overview(world.eco)
    assert page.kinds == [("incubator", "Incubateur"), ("business_nursery", "Pépinière d'entreprises")]
    rows = {label: [[p.slug for p in cell] for cell in cells] for label, cells in page.parcours}
    assert rows == {
        "Émergence": [["alpha"], []],
        "Création": [["alpha"], ["beta"]],
        "Consolidation": [[], ["beta"]],
        "Développement": [[], []],
    }
    assert page.stages_missing == ["Développement"]


def test_only_consented_referrals_between_members_count(world):
    world.eco.members.add(world.pa, world.pb)
    refer(world.pa, world.pb, 6)
    refer(world.pa, world.pb, 1, ReferralStatus.REFUSED)
    refer(world.pa, world.pb, 3, ReferralStatus.AWAITING_CONSENT)
    refer(world.pa, world.pb, 2, ReferralStatus.DECLINED_BY_CARRIER)
    refer(world.pa, world.pb, 2, ReferralStatus.WITHDRAWN)
    refer(world.pa, world.po, 9)  # to a non-member
    links, total = passerelles([world.pa, world.pb])
    assert [(link.source.slug, link.target.slug, str(link.count)) for link in links] == [
        ("alpha", "beta", "7")
    ]
    assert str(total) == "7"


def test_small_cells_read_moins_de_5(world):
    refer(world.pa, world.pb, 2)
    links, total = passerelles([world.pa, world.pb])
    assert [(str(link.count), link.count.hidden) for link in links] == [("moins de 5", True)]
    assert str(total) == "moins de 5"


def test_a_small_cell_that_subtraction_would_reveal_is_masked_with_another(world):
    pc = ProgrammeFactory(name="Gamma")
    refer(world.pa, world.pb, 7)
    refer(world.pb, pc, 2)
    refer(pc, world.pa, 9)
    links, total = passerelles([world.pa, world.pb, pc])
    assert [(link.source.name, link.target.name, str(link.count)) for link in links] == [
        ("Alpha", "Bêta", "masqué"),
        ("Bêta", "Gamma", "masqué"),
        ("Gamma", "Alpha", "9"),
    ]
    assert str(total) == "18"


def test_members_by_family_and_organisations_without_programme(world):
    mainstream = ProgrammeFactory(name="France Travail X", family="mainstream", kind="france_travail")
    world.eco.members.add(world.pa, mainstream)
    invited = membership_invite(
        ecosystem=world.eco, organisation=world.org_c, role="engaged_actor", by=world.leader_admin
    )
    membership_transition(membership=invited, action="accept", by=world.c_admin)
    page = overview(world.eco)
    assert ([p.slug for p in page.ess], [p.name for p in page.mainstream]) == (
        ["alpha"],
        ["France Travail X"],
    )
    assert [(m.organisation.name, m.get_role_display()) for m in page.organisations] == [
        ("Communauté d'agglomération Gamma", "Acteur engagé")
    ]
    assert page.member_count == 3
