"""Writes on calls for projects: the call itself, its criteria and questions, its moves."""

import datetime as dt

from django.utils.translation import gettext as _

from essaim.audit import diff, record, snapshot
from essaim.calls import rules
from essaim.calls.models import Call, Criterion, Question
from essaim.calls.services._common import _move, _person
from essaim.calls.workflows import CALL_WORKFLOW
from essaim.core.errors import TransitionNotAllowed, ValidationError
from essaim.core.services import ensure, service
from essaim.directory.models import Programme
from essaim.territories.selectors import TerritoryNotFound, get_place, parse_ref

CALL_FIELDS = (
    "title",
    "description",
    "eligibility",
    "territory_refs",
    "opens_at",
    "closes_at",
    "score_max",
    "blind_review",
)


def _clean_territory_refs(refs: list[str]) -> list[str]:
    cleaned = []
    for ref in refs:
        ref = ref.strip()
        if not ref:
            continue
        try:
            level, code = parse_ref(ref)
            get_place(level, code)
        except ValueError as exc:
            raise ValidationError({"territory_refs": str(exc)}) from exc
        except TerritoryNotFound as exc:
            raise ValidationError(
                {"territory_refs": _("Territoire inconnu : %(ref)s") % {"ref": ref}}
            ) from exc
        cleaned.append(f"{level}:{code}")
    return cleaned


def _check_dates(call: Call) -> None:
    if call.closes_at <= call.opens_at:
        raise ValidationError({"closes_at": _("La clôture doit être postérieure à l'ouverture.")})


@service
def call_create(
    *,
    programme: Programme,
    by,
    title: str,
    opens_at: dt.datetime,
    closes_at: dt.datetime,
    description: str = "",
    eligibility: str = "",
    territory_refs: list[str] | None = None,
    score_max: int = 5,
    blind_review: bool = False,
) -> Call:
    """Create a call in the draft state for a programme of the actor's organisation.

    Side effects: one Call row, one activity-log event.
    """
    ensure(rules.can_manage, by, programme)
    call = Call(
        programme=programme,
        created_by=_person(by),
        title=title,
        description=description,
        eligibility=eligibility,
        territory_refs=_clean_territory_refs(territory_refs or []),
        opens_at=opens_at,
        closes_at=closes_at,
        score_max=score_max,
        blind_review=blind_review,
    )
    _check_dates(call)
    call.full_clean()
    call.save()
    record(actor=by, obj=call, action="create", changes=snapshot(call, list(CALL_FIELDS)))
    return call


@service(permission=rules.can_manage, on="call")
def call_update(*, call: Call, by, **fields) -> Call:
    """Edit a call's text, dates and settings while it is a draft or open.

    Side effects: saves the call, one activity-log event with the changes.
    """
    if not call.is_editable:
        raise TransitionNotAllowed(_("Un appel en évaluation ou clos ne se modifie plus."))
    unknown = set(fields) - set(CALL_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    if "territory_refs" in fields:
        fields["territory_refs"] = _clean_territory_refs(fields["territory_refs"] or [])
    before = snapshot(call, list(fields))
    for name, value in fields.items():
        setattr(call, name, value)
    _check_dates(call)
    call.full_clean()
    call.save()
    record(actor=by, obj=call, action="update", changes=diff(before, snapshot(call, list(fields))))
    return call


def _draft_only(call: Call) -> None:
    if not call.form_editable:
        raise TransitionNotAllowed(_("Les critères et les questions se modifient seulement en brouillon."))


@service(permission=rules.can_manage, on="call")
def criterion_add(*, call: Call, by, label: str, weight: int = 1, description: str = "") -> Criterion:
    """Add an evaluation criterion to a draft call. Side effects: one Criterion row, one event."""
    _draft_only(call)
    criterion = Criterion(
        call=call, label=label, weight=weight, description=description, position=call.criteria.count()
    )
    criterion.full_clean()
    criterion.save()
    record(actor=by, obj=criterion, action="create", changes=snapshot(criterion, ["label", "weight"]))
    return criterion


@service(permission=rules.can_manage, on="call")
def question_add(
    *,
    call: Call,
    by,
    label: str,
    kind: str = Question.Kind.TEXT,
    required: bool = True,
    choices: list[str] | None = None,
    help_text: str = "",
) -> Question:
    """Add a question to a draft call's application form. Side effects: one Question row, one event."""
    _draft_only(call)
    choices = [c.strip() for c in (choices or []) if c.strip()]
    if kind == Question.Kind.CHOICE and len(choices) < 2:
        raise ValidationError({"choices": _("Une question à choix demande au moins deux choix.")})
    if kind != Question.Kind.CHOICE:
        choices = []
    question = Question(
        call=call,
        label=label,
        kind=kind,
        required=required,
        choices=choices,
        help_text=help_text,
        position=call.questions.count(),
    )
    question.full_clean()
    question.save()
    record(actor=by, obj=question, action="create", changes=snapshot(question, ["label", "kind", "required"]))
    return question


@service(permission=rules.can_manage, on="criterion")
def criterion_remove(*, criterion: Criterion, by) -> None:
    """Remove a criterion from a draft call. Side effects: deletes the row, one event."""
    _draft_only(criterion.call)
    record(actor=by, obj=criterion, action="delete")
    criterion.delete()


@service(permission=rules.can_manage, on="question")
def question_remove(*, question: Question, by) -> None:
    """Remove a question from a draft call. Side effects: deletes the row, one event."""
    _draft_only(question.call)
    record(actor=by, obj=question, action="delete")
    question.delete()


@service
def call_transition(*, call: Call, name: str, by, comment: str = "") -> Call:
    """Move a call through its workflow (open, start_review, decide, close): see
    `CALL_WORKFLOW` for who may and what each move checks. Side effects: the state saved, one
    activity-log event (the move)."""
    return _move(CALL_WORKFLOW, call, name, by=by, comment=comment)
