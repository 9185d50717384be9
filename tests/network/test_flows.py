from essaim.network.flows import normalise_reason, read_flows
from essaim.network.selectors import ecosystem_subject, territory_subject


def test_territory_flows_count_consented_referrals_of_projects_located_there(world):
    flows = read_flows(territory_subject("departement", "34"))
    assert dict(flows.referrals) == {
        (world.alpha.pk, world.beta.pk): 11,
        (world.beta.pk, world.gamma.pk): 2,
        (world.gamma.pk, world.chamber.pk): 1,
    }
    beta = flows.programmes[world.beta.pk]
    assert (beta.received, beta.accepted, beta.refused, beta.pending, beta.overdue) == (11, 6, 3, 2, 1)
    assert beta.sent == 2
    assert beta.median_days == 4.0  # 1, 1, 1 (refusals), 2, 4, 6, 8, 10, 12 days
    assert beta.acceptance_rate == 6 / 9
    assert dict(beta.reasons) == {"Hors zone": 3}
    assert flows.programmes[world.alpha.pk].contacts == 7
    assert flows.contact_total == 10


def test_region_and_france_include_the_departement_but_paris_is_not_in_occitanie(world):
    region = read_flows(territory_subject("region", "76"))
    assert region.referral_total == 14
    national = read_flows(territory_subject("national", "FR"))
    assert national.referrals[(world.alpha.pk, world.gamma.pk)] == 4
    assert national.referral_total == 18


def test_ecosystem_flows_are_those_sent_or_received_by_a_member(world):
    flows = read_flows(ecosystem_subject(world.eco))
    assert set(flows.referrals) == {
        (world.alpha.pk, world.beta.pk),
        (world.beta.pk, world.gamma.pk),
        (world.alpha.pk, world.gamma.pk),
    }
    assert world.chamber.pk not in flows.programmes
    # Contact requests addressed to members, wherever the carrier is.
    assert flows.programmes[world.alpha.pk].contacts == 8


def test_reasons_are_grouped_on_their_first_line():
    assert normalise_reason("  Hors   zone.\nDétails") == "Hors zone"
    assert normalise_reason("") == ""
