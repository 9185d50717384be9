"""The personal data of the help board: the posts, answers and reports a person wrote.

Export lists them; erasure (account deletion) deletes them — a post goes with its answers, since
they answer the person's own words — the reports they sent, and the recommendations they made
are kept without their name; the peer profile (the opt-in) is deleted; so are the pooled resources they offered; they leave
their circles (the meetings keep their count, without them).

Retention (`RETENTION_DAYS["peer_posts"]`): a post with no activity for that long — neither
changed (hidden, shown) nor answered — is deleted with its answers and reports.
"""

from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from essaim.core.retention import purger
from essaim.peers.models import Answer, Circle, CircleMeeting, PeerProfile, PooledResource, Post, Report


def export_for(*, user) -> dict:
    posts = (
        Post.objects.filter(author=user).select_related("programme", "ecosystem").order_by("created_at", "pk")
    )
    answers = Answer.objects.filter(author=user).select_related("post").order_by("created_at", "pk")
    reports = Report.objects.filter(by=user).select_related("post").order_by("at", "pk")
    return {
        "peer_posts": [
            {
                "board": str(p.board),
                "kind": p.kind,
                "title": p.title,
                "body": p.body,
                "created_at": p.created_at.isoformat(),
            }
            for p in posts
        ],
        "peer_answers": [
            {"post": a.post.title, "body": a.body, "created_at": a.created_at.isoformat()} for a in answers
        ],
        "peer_reports": [{"post": r.post.title, "reason": r.reason, "at": r.at.isoformat()} for r in reports],
        "peer_profile": [
            {
                "visible": p.visible,
                "consented_at": p.consented_at and p.consented_at.isoformat(),
                "withdrawn_at": p.withdrawn_at and p.withdrawn_at.isoformat(),
            }
            for p in PeerProfile.objects.filter(user=user)
        ],
        "peer_circles": [c.name for c in Circle.objects.filter(members=user).order_by("name", "pk")],
        "pooled_resources": [
            {
                "kind": r.kind,
                "title": r.title,
                "description": r.description,
                "created_at": r.created_at.isoformat(),
            }
            for r in PooledResource.objects.filter(offered_by=user).order_by("created_at", "pk")
        ],
    }


def erase_for(*, user) -> int:
    done = Answer.objects.filter(recommended_by=user).update(recommended_by=None)
    done += Report.objects.filter(by=user).delete()[0]
    done += Answer.objects.filter(author=user).delete()[0]
    done += Post.objects.filter(author=user).delete()[0]
    done += PeerProfile.objects.filter(user=user).delete()[0]
    done += PooledResource.objects.filter(offered_by=user).delete()[0]
    for circle in Circle.objects.filter(members=user):
        circle.members.remove(user)
        done += 1
    for meeting in CircleMeeting.objects.filter(attendees=user):
        meeting.attendees.remove(user)  # the collective meetings in projects follow the projects' own erasure
    done += Circle.objects.filter(created_by=user).update(created_by=None)
    done += CircleMeeting.objects.filter(recorded_by=user).update(recorded_by=None)
    return done


@purger(
    "peer_posts",
    _("questions et offres d'entraide, avec leurs réponses"),
    _("après la dernière activité (modification ou réponse)"),
)
def _quiet_posts(cutoff):
    last = Coalesce(Max("answers__created_at"), "updated_at")
    quiet = Post.objects.filter(updated_at__lt=cutoff).annotate(last=last).filter(Q(last__lt=cutoff))
    return [Post.objects.filter(pk__in=quiet.values("pk"))]
