from essaim.evidence.privacy import MASKED, SMALL
from essaim.network.network import network
from essaim.network.selectors import territory_subject
from essaim.network.stats import protected_column, small_or_zero


def _rows(world, user):
    return {row.node.slug: row for row in network(territory_subject("departement", "34"), user=user).rows}


def test_outside_reader_sees_small_counts_hidden(world):
    rows = _rows(world, world.viewer)
    assert rows["beta"].received == 11
    assert rows["beta"].acceptance_rate == 6 / 9
    assert rows["beta"].median_days == 4.0
    assert rows["beta"].overdue == SMALL
    assert rows["beta"].reasons == [("Autres motifs", SMALL)]  # "Hors zone" given 3 times: pooled
    assert rows["gamma"].acceptance_rate == SMALL  # Gamma answered 2: below 5
    assert rows["chambre"].acceptance_rate == SMALL  # 1 answered
    assert rows["alpha"].sent == 11
    assert rows["alpha"].contacts == MASKED  # Bêta's 2 is hidden, and 9 − 7 would give it back


def test_own_programme_reads_its_figures_in_full(world):
    rows = _rows(world, world.b_admin)
    assert rows["beta"].own is True
    assert rows["beta"].overdue == 1
    assert rows["beta"].reasons == [("Hors zone", 3)]
    assert rows["alpha"].own is False


def test_column_hides_a_small_row_and_its_complement_when_recomputable():
    column = protected_column({1: 10, 2: 3, 3: 6}, own=set())
    assert column == {1: 10, 2: MASKED, 3: MASKED}
    assert protected_column({1: 10, 2: 3}, own={2}) == {1: 10, 2: 3}


def test_zero_is_shown():
    assert small_or_zero(0, inside=False) == 0
    assert small_or_zero(4, inside=False) == SMALL
    assert small_or_zero(4, inside=True) == 4
