from essaim.network import conductor
from essaim.network.conductor import dashboard
from essaim.network.selectors import ecosystem_subject, territory_subject


def test_dashboard_of_a_departement(world):
    board = dashboard(territory_subject("departement", "34"), user=world.viewer)
    assert board.offer.place.code == "34"
    assert [(g.stage, g.departement, g.anchor) for g in board.gaps] == [
        ("developpement", "34", "action-developpement-34")
    ]
    anchors = [s.anchor for s in board.suggestions]
    assert anchors[0] == "action-developpement-34"
    assert "action-unanswered-beta" in anchors and "action-refusals-beta" in anchors
    assert board.economic_models.rows == []  # no budget lines in this world
    assert board.as_dict()["network"]["graph"]["referral_total"] == 14


def test_dashboard_of_an_ecosystem_suggests_inviting(world):
    board = dashboard(ecosystem_subject(world.eco), user=world.leader_staff)
    invite = [s for s in board.suggestions if s.kind == "invite"]
    assert [s.anchor for s in invite] == ["action-invite-developpement"]
    assert board.offer.place.code == "34"


def test_economic_models_extension_point(world, monkeypatch):
    marker = object()
    monkeypatch.setattr(conductor, "ECONOMIC_MODELS", lambda subject, user: marker)
    assert dashboard(territory_subject("departement", "34"), user=world.viewer).economic_models is marker
