"""A carrier's rights over their data: download everything, ask for deletion.

Deletion anonymises rather than erases what is needed for statistics: the user's personal
data are wiped and the account closed; projects they were the only carrier of lose their
free text (which may identify people) but keep their facts (programme, stage, life stage,
model, commune, sector, dates, meeting durations, check-ins) for evidence. The activity log
follows: the person's events keep what was done, not who (`audit.forget_actor`), and the
events of the anonymised projects and of their meetings, check-ins, mobilisations and
referrals lose the project's name, their changes and comments (`audit.scrub_objects`).
"""

from django.utils import timezone

from essaim.accompaniment.models import (
    Checkin,
    Meeting,
    Mobilisation,
    Project,
    Referral,
    StageTransition,
)
from essaim.audit import recorder
from essaim.audit.models import Action
from essaim.core.services import service


def _iso(value):
    return value.isoformat() if value else None


def carrier_data_export(*, user) -> dict:
    """Everything Essaim holds about a user as a carrier, as JSON-ready data (read only)."""
    projects = (
        Project.objects.filter(carriers=user)
        .select_related("programme", "stage", "commune")
        .prefetch_related("carriers", "meetings", "transitions__to_stage", "checkins")
    )
    data = {
        "exported_at": timezone.now().isoformat(),
        "account": {
            "email": user.email,
            "full_name": user.full_name,
            "date_joined": _iso(user.date_joined),
            "last_login": _iso(user.last_login),
            "is_carrier": user.is_carrier,
            "is_expert": user.is_expert,
        },
        "projects": [],
        "referrals": [],
    }
    for p in projects:
        data["projects"].append(
            {
                "id": p.pk,
                "name": p.name,
                "summary": p.summary,
                "social_need": p.social_need,
                "sector": p.sector,
                "commune": p.commune.code if p.commune_id else None,
                "programme": p.programme.slug,
                "model": p.model,
                "status": p.status,
                "stage": p.stage.key,
                "life_stage": p.life_stage,
                "checklist_done": p.checklist_done,
                "started_on": _iso(p.started_on),
                "created_on": _iso(p.created_on),
                "ended_on": _iso(p.ended_on),
                "carriers": [u.email for u in p.carriers.all()],
                "transitions": [
                    {
                        "at": _iso(t.at),
                        "to_stage": t.to_stage.key if t.to_stage else None,
                        "to_status": t.to_status,
                    }
                    for t in p.transitions.all()
                ],
                "meetings": [
                    {
                        "date": _iso(m.date),
                        "duration_minutes": m.duration_minutes,
                        "kind": m.kind,
                        "topics": m.topics,
                        "decisions": m.decisions,
                        "next_steps": m.next_steps,
                        "next_meeting_on": _iso(m.next_meeting_on),
                    }
                    for m in p.meetings.all()
                ],
                "checkins": [
                    {
                        "months_after": c.months_after,
                        "status": c.status,
                        "enterprise_status": c.enterprise_status,
                        "headcount": c.headcount,
                        "fte": str(c.fte) if c.fte is not None else None,
                    }
                    for c in p.checkins.all()
                ],
            }
        )
    for r in Referral.objects.filter(project__carriers=user).select_related(
        "project", "from_programme", "to_programme"
    ):
        data["referrals"].append(
            {
                "id": r.pk,
                "project": r.project_id,
                "from": r.from_programme.slug,
                "to": r.to_programme.slug,
                "status": r.status,
                "shared_fields": r.shared_fields,
                "created_at": _iso(r.created_at),
            }
        )
    expert = getattr(user, "expert_profile", None)
    if expert is not None:
        data["expert"] = {
            "domains": list(expert.domains),
            "territories": expert.territory_refs,
            "availability": expert.availability,
        }
    return data


def _anonymise(project: Project) -> None:
    project.name = f"Projet anonymisé n° {project.pk}"
    project.summary = project.social_need = project.end_reason = ""
    project.is_anonymised = True
    project.save()
    Meeting.objects.filter(project=project).update(topics="", decisions="", next_steps="")
    Checkin.objects.filter(project=project).exclude(notes="").update(notes="")
    StageTransition.objects.filter(project=project).exclude(comment="").update(comment="")
    Mobilisation.objects.filter(project=project).update(message="", response="")
    Referral.objects.filter(project=project).update(message="", decision_reason="")
    recorder.scrub_objects(Project, [project.pk], replacement=project.name)
    for model in (Meeting, Checkin, Mobilisation, Referral):
        ids = model.objects.filter(project=project).values_list("pk", flat=True)
        recorder.scrub_objects(model, ids, replacement=project.name)


# Events are written per project touched; none otherwise (a default event would name the person).
@service(audit=False)
def carrier_account_delete(*, user, by) -> list[int]:
    """Anonymise a carrier's projects at their request; returns the ids of the projects anonymised.

    Registered with `essaim.accounts.privacy` (as the platform, `SYSTEM`), whose `account_erase`
    then wipes the account. Side effects: the user leaves every project team; projects left
    without carrier have their name and free text replaced, their meetings, check-ins,
    mobilisations, referrals and stage history lose their free text, and so do their events in
    the activity log; the user's own events forget who they were; one event per project
    touched (left, or anonymised).
    """
    projects = list(Project.objects.filter(carriers=user).prefetch_related("carriers"))
    anonymised = []
    for project in projects:
        project.carriers.remove(user)
        if project.carriers.exists():
            recorder.record(
                actor=by, obj=project, action=Action.UPDATE, changes={"carriers": [user.pk, None]}
            )
            continue
        _anonymise(project)
        recorder.record(actor=by, obj=project, action=Action.ANONYMISE)
        anonymised.append(project.pk)
    recorder.forget_actor(user)
    return anonymised
