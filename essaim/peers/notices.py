"""The e-mails of the help board, each a notification template
(notifications/peers/<name>.*.txt), rendered inside the service's transaction, sent on commit."""

from essaim.accounts.models import User
from essaim.notifications.services import notify
from essaim.notifications.urls import site_url


def answer_received(answer) -> int:
    """Tell the author of a post that someone answered it."""
    post = answer.post
    return notify(
        "peers/answer_received",
        to=[post.author],
        context={
            "post": post,
            "answerer": answer.author.full_name or answer.author.email.split("@")[0],
            "url": site_url("peers:detail", post.pk),
        },
    )


def _moderators(post) -> list:
    """The board's moderators: its programme's staff, or its ecosystem's leader staff."""
    organisation_id = post.programme.organisation_id if post.programme_id else post.ecosystem.leader_id
    if organisation_id is None:
        return []
    return list(
        User.objects.filter(memberships__organisation_id=organisation_id, is_active=True).order_by("pk")
    )


def report_received(report) -> int:
    """Tell the board's moderators that a member reported a post or an answer."""
    post = report.post
    return notify(
        "peers/report_received",
        to=_moderators(post),
        context={"post": post, "report": report, "url": site_url("peers:detail", post.pk)},
    )
