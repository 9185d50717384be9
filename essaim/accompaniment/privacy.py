"""A carrier's rights over their data: download everything, ask for deletion.

Deletion anonymises rather than erases what is needed for statistics: the user's personal
data are wiped and the account closed; projects they were the only carrier of lose their
free text (which may identify people) but keep their facts (programme, stage, life stage,
model, commune, sector, dates, meeting durations, check-ins) for evidence.
"""

from django.db import transaction
from django.utils import timezone

from essaim.accompaniment import audit
from essaim.accompaniment.enums import AuditAction
from essaim.accompaniment.models import Checkin, Meeting, Project, Referral


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


@transaction.atomic
def carrier_account_delete(*, user) -> list[int]:
    """Anonymise a carrier's projects at their request; returns the ids of the projects anonymised.

    Registered with `essaim.accounts.privacy`, whose `account_erase` then wipes the account.
    Side effects: the user leaves every project team; projects left without carrier have their
    name and free text replaced; their meetings lose their free text; one AuditEvent per
    anonymised project.
    """
    projects = list(Project.objects.filter(carriers=user).prefetch_related("carriers"))
    anonymised = []
    for project in projects:
        project.carriers.remove(user)
        if project.carriers.exists():
            continue
        project.name = f"Projet anonymisé n° {project.pk}"
        project.summary = project.social_need = project.end_reason = ""
        project.is_anonymised = True
        project.save()
        Meeting.objects.filter(project=project).update(topics="", decisions="", next_steps="")
        Checkin.objects.filter(project=project).exclude(notes="").update(notes="")
        audit.record(actor=None, obj=project, action=AuditAction.ANONYMISE)
        anonymised.append(project.pk)
    return anonymised
