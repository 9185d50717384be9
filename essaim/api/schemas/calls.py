"""Schemas of the calls routers: calls, applications, reviews (essaim/api/routers/calls/)."""

import datetime as dt

from django.utils.translation import gettext_lazy
from ninja import Schema
from pydantic import ConfigDict

from essaim.api.schemas.types import Body, Id, IdKey, StrictBool, bounded_int, one_of, openapi_fixes, text
from essaim.calls.workflows import DECISIONS
from essaim.core import bounds


class CriterionOut(Schema):
    id: int
    label: str
    description: str
    weight: int


class QuestionOut(Schema):
    id: int
    label: str
    help_text: str
    kind: str
    choices: list[str]
    required: bool


class CallOut(Schema):
    id: int
    title: str
    programme: str
    organisation: str
    state: str
    opens_at: dt.datetime
    closes_at: dt.datetime
    territory_refs: list[str]
    accepts_submissions: bool


class CallDetail(CallOut):
    description: str
    eligibility: str
    score_max: int
    blind_review: bool
    criteria: list[CriterionOut]
    questions: list[QuestionOut]


class CallPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[CallOut]


class CallTransitionIn(Body):
    name: text(max_length=100)  # an unknown action is a 409 naming it (the call's state decides)
    comment: text(max_length=bounds.COMMENT) = ""


class CallStateOut(Schema):
    id: int
    state: str
    available: list[str]


class Person(Schema):
    name: str
    email: str


class ApplicationOut(Schema):
    id: int
    call: int
    call_title: str
    project_name: str
    summary: str
    commune: str | None
    state: str
    submitted_at: dt.datetime | None
    decided_at: dt.datetime | None
    feedback: str | None
    carrier: Person | None
    project: int | None


class ApplicationPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[ApplicationOut]


class ApplicationIn(Body):
    model_config = ConfigDict(json_schema_extra=openapi_fixes(id_keyed=("answers",)))

    project_name: text(max_length=200, required=True)
    summary: text(max_length=bounds.LONG_TEXT) = ""
    commune: text(max_length=100) | None = None
    answers: dict[IdKey, text(max_length=bounds.LONG_TEXT)] = {}
    submit: StrictBool = False


class DecisionIn(Body):
    decision: one_of(DECISIONS, gettext_lazy("Décision inconnue."))
    feedback: text(max_length=bounds.LONG_TEXT)


class WithdrawIn(Body):
    comment: text(max_length=bounds.COMMENT) = ""


class ScoreOut(Schema):
    criterion: int
    value: int
    comment: str


class ReviewOut(Schema):
    id: int
    application: int
    call: int
    reviewer: int
    reviewer_name: str
    conflict_of_interest: bool
    conflict_reason: str
    comment: str
    submitted_at: dt.datetime | None
    scores: list[ScoreOut]


class ReviewPage(Schema):
    count: int
    next: str | None
    previous: str | None
    results: list[ReviewOut]


class AssignIn(Body):
    reviewer: Id


class ScoreIn(Body):
    value: bounded_int(0, 20)  # Call.score_max is at most 20; the call's own maximum is checked too
    comment: text(max_length=bounds.COMMENT) = ""


class ReviewIn(Body):
    model_config = ConfigDict(json_schema_extra=openapi_fixes(id_keyed=("scores",)))

    scores: dict[IdKey, ScoreIn]
    comment: text(max_length=bounds.LONG_TEXT) = ""


class ConflictIn(Body):
    reason: text(
        max_length=bounds.COMMENT,
        required=True,
        message=gettext_lazy("Précisez la nature du conflit d'intérêts."),
    )
