"""The personal data of skills planning: who recorded a recruitment need (a staff account).

Export lists them; erasure removes the person from them. The needs belong to the enterprise's
check-in."""

from essaim.skills.models import RecruitmentNeed


def export_for(*, user) -> dict:
    needs = RecruitmentNeed.objects.filter(created_by=user).order_by("created_at", "pk")
    return {
        "skills_recruitment_needs": [
            {"family": n.family, "posts": n.posts, "created_at": n.created_at.isoformat()} for n in needs
        ]
    }


def erase_for(*, user) -> int:
    return RecruitmentNeed.objects.filter(created_by=user).update(created_by=None)
