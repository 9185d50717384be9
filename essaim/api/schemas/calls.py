"""Schemas of the calls routers: calls, applications, reviews (essaim/api/routers/calls/)."""

import datetime as dt

from ninja import Schema


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


class CallTransitionIn(Schema):
    name: str
    comment: str = ""


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


class ApplicationIn(Schema):
    project_name: str
    summary: str = ""
    commune: str | None = None
    answers: dict[int, str] = {}
    submit: bool = False


class DecisionIn(Schema):
    decision: str
    feedback: str


class WithdrawIn(Schema):
    comment: str = ""


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


class AssignIn(Schema):
    reviewer: int


class ScoreIn(Schema):
    value: int
    comment: str = ""


class ReviewIn(Schema):
    scores: dict[int, ScoreIn]
    comment: str = ""


class ConflictIn(Schema):
    reason: str
