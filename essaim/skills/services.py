"""Writes of territorial skills planning (docs/skills.md): the recruitment needs of an accompanied
enterprise, noted at one of its check-ins. Each is a `@service`: keyword-only, checked by
`skills.rules.can_record_recruitment_needs` on the check-in, one transaction, logged."""

from django.utils.translation import gettext as _

from essaim.accompaniment.models import Checkin
from essaim.audit import record
from essaim.core.actors import is_system
from essaim.core.errors import ValidationError
from essaim.core.services import service
from essaim.skills import rules
from essaim.skills.models import NOTE_MAX, POSTS_MAX, RecruitmentNeed
from essaim.skills.vocabulary import SkillFamily


def _clean(family, posts, note) -> dict:
    errors = {}
    if family not in SkillFamily.values:
        errors["family"] = _("Choisissez une famille de compétences de la liste.")
    try:
        posts = int(posts)
    except (TypeError, ValueError):
        posts = 0
    if not 1 <= posts <= POSTS_MAX:
        errors["posts"] = _("Indiquez un nombre de postes entre 1 et %(max)d.") % {"max": POSTS_MAX}
    note = " ".join((note or "").split())
    if len(note) > NOTE_MAX:
        errors["note"] = _("La précision fait %(max)d caractères au plus.") % {"max": NOTE_MAX}
    if errors:
        raise ValidationError(errors)
    return {"family": family, "posts": posts, "note": note}


@service(permission=rules.can_record_recruitment_needs, on="checkin")
def recruitment_need_add(*, checkin: Checkin, by, family: str, posts: int, note: str = "") -> RecruitmentNeed:
    """Record that the enterprise of `checkin` plans to recruit `posts` people in `family`.

    Side effects: one RecruitmentNeed, one activity-log event.
    """
    fields = _clean(family, posts, note)
    need = RecruitmentNeed.objects.create(checkin=checkin, created_by=None if is_system(by) else by, **fields)
    record(
        actor=by,
        obj=need,
        action="create",
        changes={"family": [None, need.family], "posts": [None, need.posts]},
    )
    return need


@service(permission=rules.can_record_recruitment_needs, on="checkin")
def recruitment_need_remove(*, checkin: Checkin, need: RecruitmentNeed, by) -> None:
    """Remove a need recorded at `checkin` (a need of another check-in is refused).

    Side effects: the RecruitmentNeed deleted, one activity-log event.
    """
    if need.checkin_id != checkin.pk:
        raise ValidationError(_("Ce besoin n'est pas celui de ce point de suivi."))
    record(
        actor=by,
        obj=need,
        action="delete",
        changes={"family": [need.family, None], "posts": [need.posts, None]},
    )
    need.delete()
