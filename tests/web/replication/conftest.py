import pytest

from essaim.replication import services
from tests.replication.factories import TEXTS, build_world, project_copy, published_kit


@pytest.fixture
def web(db):
    """A published project kit copied once in Narbonne (by C) then changed (the copy drifts), and a
    draft programme kit of M."""
    w = build_world()
    w.kit = published_kit(w)
    w.replica = project_copy(w, w.kit)
    w.kit = services.kit_update(
        kit=w.kit,
        by=w.m_staff,
        name=w.kit.name,
        texts={**TEXTS, "lessons": "Nouvelle leçon."},
        need_terms="garage",
    )
    w.draft = services.kit_create(by=w.m_staff, name="Fabrique", programme=w.pm, texts=TEXTS)
    return w
