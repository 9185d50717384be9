"""essaim.core.actors: system actors and what the audit log shows for whoever acts."""

import dataclasses
from types import SimpleNamespace

import pytest

from essaim.core.actors import DEMO, IMPORT, SYSTEM, TASKS, SystemActor, actor_label, is_system


def test_a_system_actor_looks_like_an_anonymous_user():
    actor = SystemActor("rappels automatiques")
    assert str(actor) == "rappels automatiques"
    assert (actor.is_authenticated, actor.is_active, actor.is_superuser, actor.is_staff) == (
        False,
        True,
        False,
        False,
    )
    assert actor.is_carrier is False
    assert actor.pk is None and actor.id is None


def test_system_actors_are_frozen_and_equal_by_name():
    assert SystemActor("import de données") == IMPORT
    with pytest.raises(dataclasses.FrozenInstanceError):
        SYSTEM.name = "autre"


def test_the_named_actors():
    assert [str(a) for a in (SYSTEM, TASKS, IMPORT, DEMO)] == [
        "système",
        "tâches planifiées",
        "import de données",
        "données de démonstration",
    ]


def test_is_system():
    assert is_system(TASKS) is True
    assert is_system(SystemActor("x")) is True
    assert is_system(None) is False
    assert is_system(SimpleNamespace(name="système")) is False


def _person(full_name="", email=""):
    return SimpleNamespace(get_full_name=lambda: full_name, email=email)


def test_actor_label():
    assert actor_label(None) == "système"
    assert actor_label(DEMO) == "données de démonstration"
    assert actor_label(_person("  Camille Roux ", "camille@example.org")) == "Camille Roux"
    assert actor_label(_person("", "camille@example.org")) == "camille@example.org"
    blank = _person("   ", "")
    assert actor_label(blank) == str(blank)


def test_actor_label_of_an_object_without_name_nor_email_is_its_text():
    class Key:
        def __str__(self):
            return "clé d'API n° 4"

    assert actor_label(Key()) == "clé d'API n° 4"
