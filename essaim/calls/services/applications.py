"""Writes on applications: applying (signed in: people without an account sign up first,
through essaim/accounts' carrier sign-up), the draft, submitting,
withdrawing, the committee's decision."""

from django.utils.translation import gettext as _

from essaim.accounts.models import User
from essaim.audit import diff, record, record_transition, snapshot
from essaim.calls import rules
from essaim.calls.models import Answer, Application, ApplicationState, Call, Question
from essaim.calls.services._common import _move
from essaim.calls.workflows import APPLICATION_WORKFLOW, DECISIONS
from essaim.core.errors import TransitionNotAllowed, ValidationError
from essaim.core.services import ensure, service

DRAFT_FIELDS = ["project_name", "summary", "commune"]


@service
def application_start(*, call: Call, by, project_name: str = "") -> Application:
    """The draft of `by` for this call, created if needed (one application per carrier and call).

    The staff of the organisation running the call do not apply to it. Side effects: may create
    one Application row (its first log line: created as a draft) and set `is_carrier`.
    """
    ensure(
        rules.may_apply,
        by,
        call,
        _("Vous faites partie de l'équipe qui gère cet appel : vous ne pouvez pas y candidater."),
    )
    existing = Application.objects.filter(call=call, carrier=by).first()
    if existing is not None:
        return existing
    if not call.accepts_submissions:
        raise ValidationError(_("Cet appel n'accepte pas de candidature en ce moment."))
    if not by.is_carrier:
        by.is_carrier = True
        by.save(update_fields=["is_carrier"])
    application = Application.objects.create(
        call=call, carrier=by, project_name=project_name or _("Mon projet")
    )
    record_transition(
        actor=by,
        obj=application,
        workflow=APPLICATION_WORKFLOW.name,
        from_state="",
        to_state=application.state,
    )
    return application


@service
def application_apply(*, call: Call, by, draft: dict | None = None, submit: bool = False) -> Application:
    """Apply to a call, from the public page or the API: `by` applies for themselves (signed in;
    an anonymous visitor is refused). `draft` (project_name, summary, commune, answers) is saved;
    `submit` submits it.

    All or nothing: a refused step leaves no application. Returns the application.
    """
    application = application_start(call=call, by=by)
    if draft is not None:
        application_save_draft(application=application, by=by, **draft)
    if submit:
        application_submit(application=application, by=by)
    return application


def _clean_answer(question: Question, raw) -> str:
    value = "" if raw is None else str(raw).strip()
    if not value:
        return ""
    if question.kind == Question.Kind.NUMBER:
        try:
            float(value.replace(",", "."))
        except ValueError as exc:
            raise ValidationError(
                {f"q_{question.pk}": _("« %(label)s » : un nombre est attendu.") % {"label": question.label}}
            ) from exc
    if question.kind == Question.Kind.CHOICE and value not in question.choices:
        raise ValidationError(
            {f"q_{question.pk}": _("« %(label)s » : choix inconnu.") % {"label": question.label}}
        )
    return value


@service(permission=rules.is_application_carrier, on="application")
def application_save_draft(
    *,
    application: Application,
    by: User,
    project_name: str,
    summary: str = "",
    commune=None,
    answers: dict[int, str] | None = None,
) -> Application:
    """Save the carrier's draft: project name, summary, commune and answers by question id.

    Side effects: saves the application, creates or updates Answer rows, one event.
    """
    if application.state != ApplicationState.DRAFT:
        raise TransitionNotAllowed(_("Une candidature déposée ne se modifie plus."))
    if not (project_name or "").strip():
        raise ValidationError({"project_name": _("Donnez un nom à votre projet.")})
    questions = {q.pk: q for q in application.call.questions.all()}
    cleaned = {}
    for question_id, raw in (answers or {}).items():
        question = questions.get(int(question_id))
        if question is None:
            raise ValidationError(_("Question inconnue pour cet appel."))
        cleaned[question.pk] = _clean_answer(question, raw)
    before = snapshot(application, DRAFT_FIELDS)
    application.project_name = project_name.strip()
    application.summary = summary
    application.commune = commune
    application.save()
    for question_id, value in cleaned.items():
        Answer.objects.update_or_create(
            application=application, question_id=question_id, defaults={"value": value}
        )
    changes = diff(before, snapshot(application, DRAFT_FIELDS))
    if cleaned:
        changes["_answers"] = sorted(cleaned)
    record(actor=by, obj=application, action="update", changes=changes)
    return application


def _check_complete(application: Application) -> None:
    answered = set(
        Answer.objects.filter(application=application).exclude(value="").values_list("question_id", flat=True)
    )
    missing = [q for q in application.call.questions.all() if q.required and q.pk not in answered]
    errors = {f"q_{q.pk}": _("Cette question est obligatoire.") for q in missing}
    if not application.summary.strip():
        errors["summary"] = _("Décrivez votre projet en quelques lignes.")
    if errors:
        labels = ", ".join(f"« {q.label} »" for q in missing)
        message = _("Candidature incomplète.")
        if labels:
            message = _("Candidature incomplète : répondez à %(labels)s.") % {"labels": labels}
        raise ValidationError({**errors, "__all__": [message]})


@service
def application_submit(*, application: Application, by: User) -> Application:
    """Submit a draft while the call is open; every required question must be answered.

    Side effects: state → submitted (submitted_at), one event (the move), the receipt e-mail.
    """
    if not application.call.accepts_submissions:
        raise ValidationError(_("Cet appel n'accepte pas de candidature en ce moment."))
    APPLICATION_WORKFLOW.check(application, "submit", by=by)
    _check_complete(application)
    return _move(APPLICATION_WORKFLOW, application, "submit", by=by)


@service
def application_withdraw(*, application: Application, by: User, comment: str = "") -> Application:
    """The carrier withdraws a draft or a submitted application. Side effects: state, one event."""
    return _move(APPLICATION_WORKFLOW, application, "withdraw", by=by, comment=comment)


@service
def application_decide(*, application: Application, decision: str, feedback: str, by) -> Application:
    """The committee's decision: accept, waitlist or refuse, with written feedback to the carrier.

    Side effects: state, decided_at and feedback saved, one event (the move, the feedback as
    its comment), the decision e-mail; on acceptance a carrier-model project is created in the
    programme's pipeline at the stage after `selection`, with the carrier on its team.
    """
    if decision not in DECISIONS:
        raise ValidationError({"decision": _("Décision inconnue.")})
    if not (feedback or "").strip():
        raise ValidationError({"feedback": _("Rédigez un retour pour le porteur.")})
    return _move(APPLICATION_WORKFLOW, application, decision, by=by, comment=feedback)
