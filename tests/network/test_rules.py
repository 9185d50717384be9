from essaim.network.rules import can_view_ecosystem_network, can_view_territory_network


def test_territory_network_readers(world):
    assert can_view_territory_network(world.viewer, ("commune", "34172"))
    assert not can_view_territory_network(world.viewer, ("region", "11"))
    assert not can_view_territory_network(world.funder_viewer, ("region", "76"))
    assert can_view_territory_network(world.platform_admin, ("region", "11"))


def test_ecosystem_network_readers(world):
    assert can_view_ecosystem_network(world.leader_staff, world.eco)
    assert not can_view_ecosystem_network(world.a_admin, world.eco)
