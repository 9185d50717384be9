"""Who acts: a signed-in user, or a named system actor (a task, a command, the platform).

Every write service takes `by`. A person is a `User`; work that nobody clicked (reminders,
imports, scheduled purges, the demo loader) passes a `SystemActor`, so that the audit log
still says who did it ("Système — rappels automatiques") instead of a blank.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class SystemActor:
    """A non-human actor. Quacks like an anonymous user for permission predicates."""

    name: str

    is_authenticated = False
    is_active = True
    is_superuser = False
    is_staff = False
    is_carrier = False
    pk = None
    id = None

    def __str__(self) -> str:
        return self.name


SYSTEM = SystemActor("système")
TASKS = SystemActor("tâches planifiées")
IMPORT = SystemActor("import de données")
DEMO = SystemActor("données de démonstration")


def is_system(actor) -> bool:
    return isinstance(actor, SystemActor)


def actor_label(actor) -> str:
    """What the audit log shows for an actor."""
    if actor is None:
        return SYSTEM.name
    if is_system(actor):
        return actor.name
    full = getattr(actor, "get_full_name", lambda: "")() or ""
    return full.strip() or getattr(actor, "email", "") or str(actor)
