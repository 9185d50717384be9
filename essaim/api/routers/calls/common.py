"""What the calls routers share: the answer to a service's refusal, the bodies of objects.

A refusal by the state of an object (a `TransitionNotAllowed`: the call is not in review, the
application already decided) is a `409` with the reason; any other refusal of a service is a
`422` (decision 0021), with `errors` per field when it names fields. What the caller may read of an application (the carrier's identity
under blind review, the feedback) is decided by the predicates of `essaim.calls.rules`.
"""

from contextlib import contextmanager

from essaim.api.errors import ApiError, unprocessable
from essaim.calls import rules
from essaim.calls.models import Application, Call, Review
from essaim.core.errors import TransitionNotAllowed, ValidationError


@contextmanager
def refusals(rename: dict[str, str] | None = None):
    """Turn a service's ValidationError into the API's answer (409 or 422, fields renamed)."""
    try:
        yield
    except TransitionNotAllowed as exc:
        raise ApiError(409, " ".join(exc.messages)) from exc
    except ValidationError as exc:
        if not hasattr(exc, "error_dict"):
            raise ApiError(422, " ".join(exc.messages)) from exc
        rename = rename or {}
        errors = {
            rename.get(key, key): " ".join(messages)
            for key, messages in exc.message_dict.items()
            if key != "__all__"
        }
        detail = " ".join(exc.message_dict.get("__all__", [])) or None
        raise unprocessable(errors, detail) from exc


def call_body(call: Call) -> dict:
    return {
        "id": call.pk,
        "title": call.title,
        "programme": call.programme.slug,
        "organisation": call.programme.organisation.name,
        "state": call.state,
        "opens_at": call.opens_at,
        "closes_at": call.closes_at,
        "territory_refs": call.territory_refs,
        "accepts_submissions": call.accepts_submissions,
    }


def application_body(application: Application, user) -> dict:
    call = application.call
    carrier = application.carrier
    sees_decision = rules.sees_decision(user, application)
    return {
        "id": application.pk,
        "call": call.pk,
        "call_title": call.title,
        "project_name": application.project_name,
        "summary": application.summary,
        "commune": application.commune_id,
        "state": application.state,
        "submitted_at": application.submitted_at,
        "decided_at": application.decided_at,
        "feedback": application.feedback if sees_decision else None,
        "carrier": (
            {"name": carrier.full_name, "email": carrier.email}
            if rules.sees_carrier_identity(user, application)
            else None
        ),
        "project": application.project_id if sees_decision else None,
    }


def review_body(review: Review) -> dict:
    return {
        "id": review.pk,
        "application": review.application_id,
        "call": review.application.call_id,
        "reviewer": review.reviewer_id,
        "reviewer_name": review.reviewer.full_name or review.reviewer.email,
        "conflict_of_interest": review.conflict_of_interest,
        "conflict_reason": review.conflict_reason,
        "comment": review.comment,
        "submitted_at": review.submitted_at,
        "scores": [
            {"criterion": s.criterion_id, "value": s.value, "comment": s.comment} for s in review.scores.all()
        ],
    }
