"""A demo module used by test_seed_demo to check that seed_demo runs registered modules."""

CALLS: list[str] = []


def seed(*, stdout) -> None:
    CALLS.append("seed")
    stdout.write("  Démo de test : prête.")
