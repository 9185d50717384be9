"""Demo replication (issue 12 §1): a generator project of District Solidaire made a model, copied
by Alter'Incub to Narbonne and from there to Toulouse, then its kit changed so that both copies
show a drift; written by `essaim.replication.demo` through the replication services."""

from essaim.replication.demo import seed_replication


def seed(*, stdout=None) -> None:
    seed_replication(stdout=stdout)
