from essaim.network.alerts import REFUSAL_THRESHOLD, missing_links
from essaim.network.flows import Flows
from essaim.network.network import network
from essaim.network.selectors import territory_subject


def test_alerts_name_the_programme_waiting_too_long_without_the_small_count(world):
    found = network(territory_subject("departement", "34"), user=world.viewer).alerts
    # Bêta refused 3 of the 9 it answered (33 %) and leaves one waiting 20 days.
    assert [(a.kind, a.node.slug) for a in found] == [("refusals", "beta"), ("unanswered", "beta")]
    assert "moins de 5 passerelles attendent" in found[1].text
    assert "33\u00a0%" in found[0].text


def test_refusal_alert_above_thirty_percent_with_five_answered(world):
    from tests.network.world import referral  # the world's helper

    for _i in range(3):
        referral(world.alpha, world.beta, "refused", answer_days=2, reason="Complet")
    found = network(territory_subject("departement", "34"), user=world.viewer).alerts
    refusals = [a for a in found if a.kind == "refusals"]
    assert [a.node.slug for a in refusals] == ["beta"]  # 6 refused of 12 answered: 50 %
    assert "50\u00a0%" in refusals[0].text
    assert REFUSAL_THRESHOLD == 0.30


def test_own_staff_see_their_alert_on_fewer_than_five(world):
    found = network(territory_subject("departement", "34"), user=world.b_admin).alerts
    assert "Bêta : 1 passerelle attend" in [a.text for a in found if a.kind == "unanswered"][0]


def test_missing_links_between_covered_stages():
    flows = Flows(referrals={(1, 2): 3}, contacts={}, programmes={}, now=None)
    stages = {"emergence": {1}, "creation": {2}, "consolidation": {3}, "developpement": {4}}
    found = missing_links(flows, stages)
    assert [(m.stage, m.next_stage) for m in found] == [
        ("creation", "consolidation"),
        ("consolidation", "developpement"),
    ]
    assert "Création" in found[0].text


def test_territory_network_reports_stages_without_onward_link(world):
    found = network(territory_subject("departement", "34"), user=world.viewer).missing_links
    # Emergence → creation and creation → consolidation are linked (Alpha → Bêta); nobody covers
    # développement; the chamber (mainstream) is not on the parcours.
    assert found == []
    world.beta.stages = ["consolidation"]
    world.beta.save()
    found = network(territory_subject("departement", "34"), user=world.viewer).missing_links
    # Now only Alpha and Gamma cover emergence and creation, and neither refers to the other.
    assert [(m.stage, m.next_stage) for m in found] == [("emergence", "creation")]
