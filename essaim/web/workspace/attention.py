"""The "do" of each attention reason: the link to the page where staff act on it."""

from django.utils.translation import gettext_lazy as _

from essaim.web.routes import route

LABELS = {
    "validate_checkin": _("Valider le point de suivi"),
    "answer_referral": _("Accepter ou refuser"),
    "open_financing_plan": _("Ouvrir le plan de financement"),
    "log_meeting": _("Consigner un rendez-vous"),
    "review_dosage": _("Revoir le rythme"),
}


def _reverser():
    """reverse(name, args=ids) for int ids (`essaim.web.routes.route`)."""
    return lambda name, *ids: route(name, *(int(pk) for pk in ids))


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
