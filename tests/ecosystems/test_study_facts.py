"""The study's facts about ecosystems, as loaded (CHORUM / CIDES with ODYSSEM, synthesis, part 3
and table « Dispositifs étudiés »)."""

import pytest

from essaim.core.actors import IMPORT
from essaim.core.errors import ValidationError
from essaim.directory.data import study as study_data
from essaim.directory.enums import Initiator, LeaderRole, LegalForm
from essaim.directory.models import Ecosystem, Programme
from essaim.directory.services import ecosystem_save
from essaim.ecosystems.models import is_local_authority
from essaim.ecosystems.overview import overview

pytestmark = pytest.mark.django_db


def test_the_conductor_role_is_not_realis(study):
    realis = Ecosystem.objects.select_related("leader").get(slug="realis")
    assert (realis.leader.slug, realis.leader_role, is_local_authority(realis.leader)) == (
        "realis",
        "",
        False,
    )
    assert LeaderRole.CONDUCTOR.label == "Chef d'orchestre"


def test_every_leader_role_of_the_study_belongs_to_a_local_authority(study):
    with_role = Ecosystem.objects.exclude(leader_role="").select_related("leader")
    assert [e.slug for e in with_role if not is_local_authority(e.leader)] == []


def test_a_conductor_role_is_refused_to_an_ess_network(study):
    with pytest.raises(ValidationError) as caught:
        ecosystem_save(
            slug="realis",
            values={"name": "REALIS", "model": "common_brand", "leader_role": LeaderRole.CONDUCTOR},
            members=[],
            leader="realis",
            by=IMPORT,
        )
    assert list(caught.value.message_dict) == ["leader_role"]
    assert Ecosystem.objects.get(slug="realis").leader_role == ""


def test_the_initiators_include_a_foyer_de_jeunes_travailleurs():
    labels = dict(Initiator.choices)
    assert labels["young_workers_home"] == "Foyer de jeunes travailleurs"
    assert [label for label in labels.values() if "auberge" in str(label).lower()] == []
    assert [str(labels[i]) for i in study_data.STUDY_INITIATORS] == [
        "École de commerce",
        "Foyer de jeunes travailleurs",
        "Collectif citoyen",
        "Fédération de coopératives",
    ]


def test_cres_lr_represents_the_ess_and_accompanies_no_emergence(study):
    cres = Programme.objects.select_related("organisation").get(slug="cres-lr")
    assert (cres.kind, cres.model, cres.organisation.legal_form) == (
        "representation_body",
        "none",
        LegalForm.ASSOCIATION,
    )
    assert "carriers" not in cres.publics
    assert "n'accompagne pas elle-même de porteurs" in cres.description
    page = overview(Ecosystem.objects.get(slug="realis"))
    emergence = [cell for label, cells in page.parcours if label == "Émergence" for cell in cells]
    assert "cres-lr" not in {p.slug for cell in emergence for p in cell}
    assert [p.slug for p in page.without_stage] == ["cres-lr"]


def test_ramsess_has_no_territory_and_no_member(study):
    ramsess = Ecosystem.objects.get(slug="ramsess")
    assert (ramsess.model, ramsess.territory_refs, ramsess.territory_description, ramsess.leader) == (
        "coordination",
        [],
        "",
        None,
    )
    page = overview(ramsess)
    assert (page.territory, page.member_count, page.parcours != []) == ([], 0, True)


def test_realis_is_a_common_brand_over_its_members(study):
    page = overview(Ecosystem.objects.get(slug="realis"))
    assert page.is_brand is True
    assert sorted(p.slug for p in page.ess) == [
        "alter-incub",
        "coventis",
        "cres-lr",
        "ecole-entrepreneuriat-economie-sociale",
        "replic",
    ]
    assert page.territory == ["Aude", "Gard", "Hérault", "Lozère", "Pyrénées-Orientales"]
