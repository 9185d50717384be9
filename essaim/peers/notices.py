"""The e-mails of the help board, each a notification template
(notifications/peers/<name>.*.txt), rendered inside the service's transaction, sent on commit."""

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
