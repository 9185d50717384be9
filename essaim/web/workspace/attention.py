"""The "do" of each attention reason: the link to the page where staff act on it."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

LABELS = {
    "validate_checkin": _("Valider le point de suivi"),
    "answer_referral": _("Accepter ou refuser"),
    "open_financing_plan": _("Ouvrir le plan de financement"),
    "log_meeting": _("Consigner un rendez-vous"),
    "review_dosage": _("Revoir le rythme"),
}


# Digits no real id has, put in the URL at reverse() and replaced by the ids: the board links up
# to 200 items with a few reasons each, and one reverse() per link was a tenth of its render.
_MARKS = ("987654321001", "987654321002")


def _reverser():
    """reverse(name, args=ids) for int ids, resolving each URL name once per call of with_links
    (the script prefix is the request's: never memoised across requests)."""
    templates = {}

    def url(name: str, *ids: int) -> str:
        template = templates.get(name)
        if template is None:
            template = templates[name] = reverse(name, args=_MARKS[: len(ids)])
        for mark, pk in zip(_MARKS, ids, strict=False):
            template = template.replace(mark, str(int(pk)))
        return template

    return url


def _url(url, item, reason) -> str:
    if reason.action == "answer_referral":
        return url("workspace:referral", reason.target)
    pk = item.project_id
    if reason.action == "validate_checkin":
        return url("workspace:checkin", pk, reason.target)
    if reason.action == "open_financing_plan":
        return url("reports:funding_round", pk)
    if reason.action == "log_meeting":
        return url("workspace:meeting_create", pk)
    return url("workspace:project", pk) + "#h-dosage"


def with_links(items):
    """Give each item its page and each reason its action link (no query)."""
    url = _reverser()
    labels = {action: str(label) for action, label in LABELS.items()}
    for item in items:
        if item.project_id is not None:
            item.url = url("workspace:project", item.project_id)
        else:
            item.url = url("workspace:referral", item.referral_id)
        item.links = [(reason, labels[reason.action], _url(url, item, reason)) for reason in item.reasons]
    return items
