"""A demo module whose own import fails: seed_demo must report it, not skip it."""

import no_such_dependency  # noqa: F401


def seed(*, stdout) -> None:  # pragma: no cover
    pass
