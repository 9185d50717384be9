"""Demo business flows (issue 14): two buyers, six ESS suppliers and requests at every stage,
written by `essaim.business.demo` through the business services (idempotent)."""

from essaim.business.demo import seed_business_demo


def seed(*, stdout=None) -> None:
    seed_business_demo(stdout=stdout)
