"""A person's data in the calls app: export (JSON-ready) and anonymisation on account deletion.

Called by the carrier's "my data" and "delete my account" pages next to the accompaniment
app's own export and anonymisation (`essaim/accompaniment/privacy.py`).
"""

from django.db import transaction

from essaim.accounts.models import User
from essaim.calls.models import Answer, Application, ApplicationState, Candidacy, Review


def _iso(value):
    return value.isoformat() if value is not None else None


def export_for(*, user: User) -> dict:
    """Everything the person wrote or received here: applications (with answers and feedback),
    candidacies to job offers, and the reviews they gave (their own scores and comments only)."""
    applications = (
        Application.objects.filter(carrier=user)
        .select_related("call__programme")
        .prefetch_related("answers__question")
        .order_by("created_at", "pk")
    )
    candidacies = (
        Candidacy.objects.filter(candidate=user).select_related("offer").order_by("created_at", "pk")
    )
    reviews = (
        Review.objects.filter(reviewer=user)
        .select_related("application__call")
        .prefetch_related("scores__criterion")
        .order_by("assigned_at", "pk")
    )
    return {
        "applications": [
            {
                "call": a.call.title,
                "programme": a.call.programme.slug,
                "project_name": a.project_name,
                "summary": a.summary,
                "commune": a.commune_id,
                "state": a.state,
                "submitted_at": _iso(a.submitted_at),
                "decided_at": _iso(a.decided_at),
                "feedback": a.feedback,
                "answers": [{"question": ans.question.label, "value": ans.value} for ans in a.answers.all()],
            }
            for a in applications
        ],
        "candidacies": [
            {
                "offer": c.offer.title,
                "motivation": c.motivation,
                "experience": c.experience,
                "state": c.state,
                "created_at": _iso(c.created_at),
            }
            for c in candidacies
        ],
        "reviews_given": [
            {
                "call": r.application.call.title,
                "conflict_of_interest": r.conflict_of_interest,
                "conflict_reason": r.conflict_reason,
                "comment": r.comment,
                "scores": [
                    {"criterion": s.criterion.label, "value": s.value, "comment": s.comment}
                    for s in r.scores.all()
                ],
            }
            for r in reviews
        ],
    }


@transaction.atomic
def anonymise_for(*, user: User) -> int:
    """Erase the person's free text here, keep the anonymous facts (states, dates, commune,
    scores) for statistics; drafts are deleted. Returns the number of applications kept.

    Side effects: drafts deleted; applications renamed, summary/feedback/answers emptied;
    candidacies' motivation, experience and staff notes emptied; their review comments emptied.
    """
    Application.objects.filter(carrier=user, state=ApplicationState.DRAFT).delete()
    kept = list(Application.objects.filter(carrier=user).values_list("pk", flat=True))
    for pk in kept:
        Application.objects.filter(pk=pk).update(
            project_name=f"Candidature anonymisée n° {pk}", summary="", feedback=""
        )
    Answer.objects.filter(application_id__in=kept).update(value="")
    Candidacy.objects.filter(candidate=user).update(motivation="", experience="", staff_notes="")
    Review.objects.filter(reviewer=user).update(comment="", conflict_reason="")
    return len(kept)
