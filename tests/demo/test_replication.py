import io

import pytest

from essaim.core.management.commands.seed_demo import DEMO_MODULES
from essaim.demo import replication
from essaim.replication.models import Kit

pytestmark = pytest.mark.django_db


def test_seed_demo_runs_the_replication_demo_after_the_programmes():
    assert DEMO_MODULES.index("essaim.demo.replication") > DEMO_MODULES.index("essaim.demo.accompaniment")
    out = io.StringIO()
    replication.seed(stdout=out)  # without the study's programmes: nothing to copy, nothing written
    assert Kit.objects.count() == 0
