"""The workflow kernel: every state machine of Essaim is declared with these two classes.

A `Workflow` names its model's state field, its states (a `TextChoices`), and its
transitions. A `Transition` declares, in one place:

- `sources` → `target` (the states it leaves and the one it reaches);
- `permission`: the named predicate (from `essaim.accounts.rules`) that `by` must satisfy,
  called as `permission(user, obj)`;
- `guards`: functions `(obj, ctx) -> str | None` returning a message (for people) when a
  rule of the domain refuses the move (a closed financing plan, a reason required, …);
- `prepare`: functions `(obj, ctx)` that change other fields with the state, before it is
  saved (a project's stage and dates);
- `effects`: functions `(obj, ctx)` run after the new state is saved and logged, in the same
  transaction (follow-up objects, notifications);
- `needs_comment`: the move must be explained;
- `denied_message`, `state_message`, `comment_message`: the domain's own wording for a refusal
  (permission, state — which may name `%(state)s` and `%(action)s` —, missing comment) instead
  of the generic one.

`Workflow.apply(obj, name, by=…, comment=…, **params)` locks the row, checks, moves, saves,
logs the move once in the activity log (who, when, from, to, comment) and runs the effects.
A forbidden move raises `PermissionDenied`; a move that the state or a guard refuses raises
`TransitionNotAllowed` (a `ValidationError`). `Workflow.available(obj, user)` lists the moves
that user may make now — templates show those, never compare state strings.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models, transaction
from django.utils.translation import gettext as _

from essaim.core.errors import PermissionDenied, TransitionNotAllowed

REGISTRY: dict[str, Workflow] = {}

Guard = Callable[[models.Model, "MoveContext"], "str | None"]
Effect = Callable[[models.Model, "MoveContext"], None]


def anyone(user, obj=None) -> bool:
    """The permission of a transition that any caller may make (system moves)."""
    return True


@dataclass(frozen=True)
class Transition:
    name: str
    sources: tuple[str, ...]
    target: str
    label: str
    permission: Callable
    guards: tuple[Guard, ...] = ()
    prepare: tuple[Effect, ...] = ()
    effects: tuple[Effect, ...] = ()
    needs_comment: bool = False
    # Shown to people but styled as a secondary action (withdraw, refuse, abandon, …)
    is_negative: bool = False
    denied_message: str = ""
    state_message: str = ""
    comment_message: str = ""

    def __post_init__(self):
        object.__setattr__(self, "sources", tuple(str(s) for s in self.sources))
        object.__setattr__(self, "target", str(self.target))


@dataclass
class MoveContext:
    """What a guard or an effect knows about the move being made."""

    workflow: Workflow
    transition: Transition
    by: object
    comment: str
    from_state: str
    params: dict = field(default_factory=dict)
    event: object = None


class Workflow:
    def __init__(
        self,
        name: str,
        *,
        states: type[models.TextChoices],
        transitions: list[Transition],
        state_field: str = "state",
        state_repr: Callable[[models.Model], str] | None = None,
    ):
        self.name = name
        self.states = states
        self.state_field = state_field
        # What the log stores as "from" and "to": the state, or richer (a project's stage).
        self.state_repr = state_repr or self.state_of
        self.transitions = {t.name: t for t in transitions}
        if len(self.transitions) != len(transitions):
            raise ValueError(f"workflow {name}: two transitions share a name")
        for t in transitions:
            unknown = {*t.sources, t.target} - set(states.values)
            if unknown:
                raise ValueError(f"workflow {name}: transition {t.name} names unknown states {unknown}")
        if name in REGISTRY:
            raise ValueError(f"workflow {name} declared twice")
        REGISTRY[name] = self

    # -- reading -----------------------------------------------------------------------

    def state_of(self, obj) -> str:
        return str(getattr(obj, self.state_field))

    def state_label(self, key: str) -> str:
        try:
            return str(self.states(key).label)
        except ValueError:
            return key  # a richer state_repr (a stage name) is already in words

    def transition(self, name: str) -> Transition:
        try:
            return self.transitions[name]
        except KeyError:
            raise TransitionNotAllowed(_("Action inconnue : %(name)s.") % {"name": name}) from None

    def may(self, obj, name: str, user) -> bool:
        transition = self.transitions.get(name)
        return bool(
            transition and self.state_of(obj) in transition.sources and transition.permission(user, obj)
        )

    def available(self, obj, user) -> list[Transition]:
        """The moves `user` may make on `obj` in its current state (guards are not run:
        a guard's refusal is explained when the move is tried)."""
        state = self.state_of(obj)
        return [t for t in self.transitions.values() if state in t.sources and t.permission(user, obj)]

    # -- moving ------------------------------------------------------------------------

    def check(self, obj, name: str, *, by, comment: str = "", params: dict | None = None) -> MoveContext:
        transition = self.transition(name)
        if not transition.permission(by, obj):
            raise PermissionDenied(
                str(transition.denied_message)
                or _("Vous ne pouvez pas faire cette action : « %(action)s ».") % {"action": transition.label}
            )
        state = self.state_of(obj)
        if state not in transition.sources:
            raise TransitionNotAllowed(
                (
                    str(transition.state_message)
                    or _("Action « %(action)s » impossible dans l'état « %(state)s ».")
                )
                % {"action": transition.label, "state": self.state_label(state)}
            )
        if transition.needs_comment and not comment.strip():
            raise TransitionNotAllowed(
                str(transition.comment_message)
                or _("Indiquez un motif pour « %(action)s ».") % {"action": transition.label}
            )
        ctx = MoveContext(self, transition, by, comment.strip(), state, dict(params or {}))
        for guard in transition.guards:
            message = guard(obj, ctx)
            if message:
                raise TransitionNotAllowed(message)
        return ctx

    def apply(self, obj, name: str, *, by, comment: str = "", lock: bool = True, **params):
        """Make the move. Returns `obj` refreshed with its new state; `obj.last_move` is the context.

        Side effects: saves the state, one activity-log event (the move), the transition's effects.
        """
        from essaim.audit import record_transition  # audit imports core: the kernel reaches it lazily

        with transaction.atomic():
            if lock and obj.pk is not None:
                obj = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
            ctx = self.check(obj, name, by=by, comment=comment, params=params)
            before = self.state_repr(obj)
            setattr(obj, self.state_field, ctx.transition.target)
            for change in ctx.transition.prepare:
                change(obj, ctx)
            obj.save()
            ctx.event = record_transition(
                actor=by,
                obj=obj,
                workflow=self.name,
                from_state=before,
                to_state=self.state_repr(obj),
                comment=ctx.comment,
                changes=ctx.params.get("log_changes") or {},
            )
            for effect in ctx.transition.effects:
                effect(obj, ctx)
        obj.last_move = ctx
        return obj

    def log(self, obj):
        """The moves of `obj`, oldest first (activity-log events)."""
        from essaim.audit.models import Event  # cycle: audit imports core; models load after apps

        return Event.objects.transitions_of(obj).filter(workflow=self.name).select_related("actor")
