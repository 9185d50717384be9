"""Writes of the help board (docs/peers.md): posting, answering, recommending an answer,
reporting, hiding and showing again. Each is a `@service`: keyword-only, checked by the
predicates of `peers.rules`, one transaction, logged in the activity log. The author of a post
gets an e-mail for each answer (`notices.answer_received`, sent on commit).
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from essaim.accompaniment.enums import MeetingKind, ProjectStatus
from essaim.accompaniment.models import Project
from essaim.accompaniment.rules import can_manage_project
from essaim.accompaniment.services import meeting_create, meeting_delete
from essaim.audit import record
from essaim.core import bounds
from essaim.core.actors import is_system
from essaim.core.errors import ValidationError
from essaim.core.services import ensure, service
from essaim.directory.enums import LifeStage
from essaim.directory.models import Ecosystem, Programme
from essaim.peers import community, notices, rules
from essaim.peers.enums import PostKind
from essaim.peers.models import (
    ANSWER_MAX,
    BODY_MAX,
    CIRCLE_MEMBERS_MAX,
    CIRCLE_NAME_MAX,
    REASON_MAX,
    SECTOR_MAX,
    TITLE_MAX,
    TOPIC_MAX,
    Answer,
    Circle,
    CircleMeeting,
    PeerProfile,
    PooledKind,
    PooledResource,
    Post,
    Report,
)
from essaim.peers.rules import is_authenticated_person
from essaim.peers.workflows import ANSWER, POST
from essaim.skills.vocabulary import SkillFamily
from essaim.territories.models import Commune


def _line(value, field: str, limit: int, message: str, *, required: bool = True) -> str:
    value = " ".join(str(value or "").split())
    if (required and not value) or len(value) > limit:
        raise ValidationError({field: message % {"max": limit}})
    return value


def _text(value, field: str, limit: int, message: str) -> str:
    value = str(value or "").strip()
    if not value or len(value) > limit:
        raise ValidationError({field: message % {"max": limit}})
    return value


def _person(by):
    """The account behind `by`, or None for a system actor (the log names it)."""
    return None if is_system(by) else by


def _choice(value, choices, field: str) -> str:
    value = value or ""
    if value and value not in choices.values:
        raise ValidationError({field: _("Choisissez une valeur de la liste.")})
    return value


def _clean_post(*, kind, title, body, skill, sector, stage, commune) -> dict:
    if kind not in PostKind.values:
        raise ValidationError({"kind": _("Choisissez : une question ou une proposition d'aide.")})
    if commune is not None and not isinstance(commune, Commune):
        raise ValidationError({"commune": _("Commune inconnue.")})
    return {
        "kind": kind,
        "title": _line(title, "title", TITLE_MAX, _("Indiquez un titre (%(max)d caractères au plus).")),
        "body": _text(body, "body", BODY_MAX, _("Écrivez votre message (%(max)d caractères au plus).")),
        "skill": _choice(skill, SkillFamily, "skill"),
        "sector": _line(
            sector, "sector", SECTOR_MAX, _("Le secteur fait %(max)d caractères au plus."), required=False
        ),
        "stage": _choice(stage, LifeStage, "stage"),
        "commune": commune,
    }


@service(permission=rules.can_post_on, on="board")
def post_create(
    *,
    board: Programme | Ecosystem,
    by,
    kind: str,
    title: str,
    body: str,
    skill: str = "",
    sector: str = "",
    stage: str = "",
    commune: Commune | None = None,
) -> Post:
    """A question or an offer on the board of a programme or an ecosystem.

    Side effects: one Post, one activity-log event.
    """
    fields = _clean_post(
        kind=kind, title=title, body=body, skill=skill, sector=sector, stage=stage, commune=commune
    )
    scope = {"programme": board} if isinstance(board, Programme) else {"ecosystem": board}
    post = Post.objects.create(author=by, **scope, **fields)
    record(actor=by, obj=post, action="create", changes={"kind": [None, kind]})
    return post


@service(permission=rules.can_answer, on="post")
def answer_create(*, post: Post, by, body: str) -> Answer:
    """An answer to a visible post; its author is told by e-mail (unless they answer themselves).

    Side effects: one Answer, one activity-log event, one e-mail on commit.
    """
    text = _text(body, "body", ANSWER_MAX, _("Écrivez votre réponse (%(max)d caractères au plus)."))
    answer = Answer.objects.create(post=post, author=by, body=text)
    record(actor=by, obj=answer, action="create")
    if post.author_id != by.pk:
        notices.answer_received(answer)
    return answer


@service(permission=rules.can_recommend, on="answer")
def answer_recommend(*, answer: Answer, by, recommended: bool = True) -> Answer:
    """Mark (or unmark) an answer as recommended by the board's staff.

    Side effects: the answer's recommendation saved, one activity-log event.
    """
    before = answer.is_recommended
    answer.recommended_at = timezone.now() if recommended else None
    answer.recommended_by = by if recommended else None
    answer.save(update_fields=["recommended_at", "recommended_by"])
    record(actor=by, obj=answer, action="update", changes={"recommended": [before, recommended]})
    return answer


@service
def report_create(*, post: Post, by, reason: str, answer: Answer | None = None) -> Report:
    """A member reports a post (or one of its answers) to the board's moderators, once each;
    the moderators get an e-mail.

    Side effects: one Report, one activity-log event, one e-mail on commit.
    """
    target = answer or post
    ensure(rules.can_report, by, target, _("Vous ne pouvez pas signaler ce message."))
    if answer is not None and answer.post_id != post.pk:
        raise ValidationError({"answer": _("Cette réponse n'est pas celle de ce message.")})
    text = _line(reason, "reason", REASON_MAX, _("Indiquez un motif (%(max)d caractères au plus)."))
    if Report.objects.filter(post=post, answer=answer, by=by).exists():
        raise ValidationError({"reason": _("Vous avez déjà signalé ce message.")})
    report = Report.objects.create(post=post, answer=answer, by=by, reason=text)
    record(actor=by, obj=report, action="create")
    notices.report_received(report)
    return report


@service(permission=rules.can_moderate, on="post")
def post_moderate(*, post: Post, name: str, by, comment: str = "") -> Post:
    """Hide a post or show it again (workflows.POST).

    Side effects: the state saved, the move logged.
    """
    return POST.apply(post, name, by=by, comment=comment)


@service(permission=rules.can_moderate, on="answer")
def answer_moderate(*, answer: Answer, name: str, by, comment: str = "") -> Answer:
    """Hide an answer or show it again (workflows.ANSWER).

    Side effects: the state saved, the move logged.
    """
    return ANSWER.apply(answer, name, by=by, comment=comment)


@service
def peer_visibility_set(*, by, visible: bool) -> PeerProfile:
    """A person chooses to be suggested to other carriers as a peer, or withdraws that choice.

    Side effects: the person's PeerProfile created or saved, one activity-log event.
    """
    ensure(is_authenticated_person, by, message=_("Connectez-vous pour choisir d'être visible."))
    profile, _created = PeerProfile.objects.select_for_update().get_or_create(user=by)
    before = profile.visible
    now = timezone.now()
    profile.visible = bool(visible)
    if visible and not before:
        profile.consented_at, profile.withdrawn_at = now, None
    elif before and not visible:
        profile.withdrawn_at = now
    profile.save()
    record(actor=by, obj=profile, action="update", changes={"visible": [before, profile.visible]})
    return profile


# -- peer circles ---------------------------------------------------------------------------


@service(permission=rules.can_create_circle, on="programme")
def circle_create(*, programme: Programme, by, name: str, purpose: str = "") -> Circle:
    """A peer circle of a programme, run by its staff.

    Side effects: one Circle, one activity-log event.
    """
    name = _line(name, "name", CIRCLE_NAME_MAX, _("Indiquez un nom (%(max)d caractères au plus)."))
    purpose = str(purpose or "").strip()
    if len(purpose) > bounds.COMMENT:
        raise ValidationError(
            {"purpose": _("L'objet fait %(max)d caractères au plus.") % {"max": bounds.COMMENT}}
        )
    circle = Circle.objects.create(programme=programme, name=name, purpose=purpose, created_by=_person(by))
    record(actor=by, obj=circle, action="create")
    return circle


@service(permission=rules.can_run_circle, on="circle")
def circle_member_add(*, circle: Circle, by, member) -> Circle:
    """Add a member of the programme's board (a carrier or a team member) to the circle.

    Side effects: the membership, one activity-log event.
    """
    if not community.belongs(member, circle.programme):
        raise ValidationError(
            {"member": _("Cette personne n'est pas membre du tableau d'entraide du dispositif.")}
        )
    if circle.members.filter(pk=member.pk).exists():
        raise ValidationError({"member": _("Cette personne est déjà membre du cercle.")})
    if circle.members.count() >= CIRCLE_MEMBERS_MAX:
        raise ValidationError(
            {"member": _("Un cercle compte %(max)d membres au plus.") % {"max": CIRCLE_MEMBERS_MAX}}
        )
    circle.members.add(member)
    record(actor=by, obj=circle, action="update", changes={"members": [None, member.email]})
    return circle


@service(permission=rules.can_run_circle, on="circle")
def circle_member_remove(*, circle: Circle, by, member) -> Circle:
    """Side effects: the membership removed, one activity-log event."""
    circle.members.remove(member)
    record(actor=by, obj=circle, action="update", changes={"members": [member.email, None]})
    return circle


def _counted_projects(circle: Circle, attendee, by) -> list[Project]:
    projects = Project.objects.filter(
        carriers=attendee, programme=circle.programme, status=ProjectStatus.ACTIVE, is_anonymised=False
    ).select_related("programme")
    return [p for p in projects.order_by("pk") if can_manage_project(by, p)]


@service(permission=rules.can_run_circle, on="circle")
def circle_meeting_record(
    *, circle: Circle, by, date: dt.date, duration_minutes: int, topic: str, attendees: list
) -> CircleMeeting:
    """A meeting of the circle held on `date`, with the members who came. Each attendee's active
    projects in the circle's programme get one collective meeting (`MeetingKind.WORKSHOP`,
    through `accompaniment.meeting_create`): their dosage and the reports count it.

    Side effects: one CircleMeeting, one meeting per project counted, activity-log events.
    """
    topic = _line(topic, "topic", TOPIC_MAX, _("Indiquez le sujet (%(max)d caractères au plus)."))
    if not isinstance(date, dt.date) or date > timezone.localdate():
        raise ValidationError({"date": _("On enregistre une rencontre le jour même ou après.")})
    if not isinstance(duration_minutes, int) or not 1 <= duration_minutes <= bounds.MINUTES_PER_DAY:
        raise ValidationError({"duration_minutes": _("Une durée de 1 à 1440 minutes.")})
    members = {m.pk for m in circle.members.all()}
    if not attendees or any(a.pk not in members for a in attendees):
        raise ValidationError({"attendees": _("Cochez les membres du cercle qui sont venus.")})
    meeting = CircleMeeting.objects.create(
        circle=circle, date=date, duration_minutes=duration_minutes, topic=topic, recorded_by=_person(by)
    )
    meeting.attendees.set(attendees)
    for attendee in attendees:
        for project in _counted_projects(circle, attendee, by):
            meeting.counted.add(
                meeting_create(
                    project=project,
                    by=by,
                    date=date,
                    duration_minutes=duration_minutes,
                    kind=MeetingKind.WORKSHOP,
                    topics=_("Cercle de pairs « %(name)s » : %(topic)s")
                    % {"name": circle.name, "topic": topic},
                )
            )
    record(actor=by, obj=meeting, action="create", changes={"attendees": [None, len(attendees)]})
    return meeting


@service(permission=rules.can_run_circle, on="circle")
def circle_meeting_delete(*, circle: Circle, meeting: CircleMeeting, by) -> Circle:
    """Remove a meeting recorded by mistake, with the collective meetings it counted.

    Side effects: the meetings deleted, activity-log events.
    """
    if meeting.circle_id != circle.pk:
        raise ValidationError(_("Cette rencontre n'est pas celle de ce cercle."))
    for counted in meeting.counted.all():
        meeting_delete(meeting=counted, by=by)
    record(actor=by, obj=meeting, action="delete", changes={"date": [str(meeting.date), None]})
    meeting.delete()
    return circle


# -- pooled resources -----------------------------------------------------------------------


@service(permission=rules.can_offer_pooled, on="register")
def pooled_create(
    *, register: Programme | Ecosystem, by, kind: str, title: str, description: str
) -> PooledResource:
    """Offer to share equipment, an employee (employer group) or a service with the members of a
    place or an ecosystem.

    Side effects: one PooledResource, one activity-log event.
    """
    if kind not in PooledKind.values:
        raise ValidationError({"kind": _("Choisissez un type de ressource.")})
    fields = {
        "kind": kind,
        "title": _line(title, "title", TITLE_MAX, _("Indiquez un intitulé (%(max)d caractères au plus).")),
        "description": _text(
            description, "description", BODY_MAX, _("Décrivez la ressource (%(max)d caractères au plus).")
        ),
    }
    scope = {"ecosystem": register} if isinstance(register, Ecosystem) else {"place": register}
    resource = PooledResource.objects.create(offered_by=by, **scope, **fields)
    record(actor=by, obj=resource, action="create", changes={"kind": [None, kind]})
    return resource


@service(permission=rules.can_remove_pooled, on="resource")
def pooled_delete(*, resource: PooledResource, by) -> None:
    """Withdraw a pooled resource (its author or the register's staff).

    Side effects: the row deleted, one activity-log event.
    """
    record(actor=by, obj=resource, action="delete", changes={"title": [resource.title, None]})
    resource.delete()
