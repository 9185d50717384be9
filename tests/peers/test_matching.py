"""Peers suggested to each other: same stage or same sector, same département or EPCI, only
people who opted in (never anyone else), and only to people who opted in themselves."""

import pytest

from essaim.peers import matching, services
from essaim.peers.models import PeerProfile
from essaim.territories.models import Commune
from tests.factories.accompaniment import ProjectFactory
from tests.peers.factories import person

MONTPELLIER, SETE, TOULOUSE = "34172", "34301", "31555"


@pytest.fixture
def m(db):
    """`me` carries an épicerie at Montpellier (emergence); others around."""
    c = {code: Commune.objects.get(pk=code) for code in (MONTPELLIER, SETE, TOULOUSE)}
    people = {}

    def carrier(name, commune, *, sector="Alimentation", opt_in=True):
        user = person(name, carrier=True)
        project = ProjectFactory(carriers=[user], commune=c[commune], sector=sector, life_stage="emergence")
        if opt_in:
            services.peer_visibility_set(by=user, visible=True)
        people[name] = (user, project)
        return user

    carrier("me", MONTPELLIER)
    carrier("sete-food", SETE)  # same département, same sector
    carrier("sete-shy", SETE, opt_in=False)  # did not opt in
    carrier("toulouse-food", TOULOUSE)  # same sector, another département
    carrier("sete-other", SETE, sector="Numérique")  # same département and stage, another sector
    return people


def _names(user):
    return {s.person.email.split("@")[0] for s in matching.suggestions_for(user)}


def test_suggests_nearby_peers_who_opted_in(m):
    me = m["me"][0]
    names = _names(me)
    assert "sete-food" in names
    assert "me" not in names
    assert "toulouse-food" not in names  # too far


def test_never_shows_someone_who_did_not_opt_in(m):
    assert "sete-shy" not in _names(m["me"][0])
    shy_project = m["sete-shy"][1]
    shy_project.carriers.add(m["sete-food"][0])  # co-carried with someone visible
    suggestions = matching.suggestions_for(m["me"][0])
    shown = {s.person.pk for s in suggestions}
    assert m["sete-shy"][0].pk not in shown
    assert m["sete-food"][0].pk in shown


def test_a_withdrawn_opt_in_hides_the_person_at_once(m):
    food = m["sete-food"][0]
    profile = services.peer_visibility_set(by=food, visible=False)
    assert profile.withdrawn_at is not None and not profile.visible
    assert "sete-food" not in _names(m["me"][0])


def test_only_people_who_opted_in_see_suggestions(m):
    shy = m["sete-shy"][0]
    assert matching.suggestions_for(shy) == []
    services.peer_visibility_set(by=shy, visible=True)
    assert "sete-food" in _names(shy)


def test_same_stage_other_sector_matches_and_reasons_say_why(m):
    me = m["me"][0]
    other = next(s for s in matching.suggestions_for(me) if s.person.email.startswith("sete-other"))
    assert any("même étape" in r for r in other.reasons)
    assert "même département" in other.reasons
    food = next(s for s in matching.suggestions_for(me) if s.person.email.startswith("sete-food"))
    assert "même secteur : Alimentation" in food.reasons


def test_neither_stage_nor_sector_no_match(m):
    user = person("far-off", carrier=True)
    ProjectFactory(
        carriers=[user], commune=Commune.objects.get(pk=SETE), sector="Numérique", life_stage="consolidation"
    )
    services.peer_visibility_set(by=user, visible=True)
    assert m["me"][1].life_stage == "emergence"
    assert "far-off" not in _names(m["me"][0])


def test_consent_dates(m):
    user = person("new", carrier=True)
    profile = services.peer_visibility_set(by=user, visible=True)
    assert profile.consented_at is not None and profile.withdrawn_at is None
    again = services.peer_visibility_set(by=user, visible=True)
    assert again.consented_at == profile.consented_at
    assert PeerProfile.objects.filter(user=user).count() == 1
