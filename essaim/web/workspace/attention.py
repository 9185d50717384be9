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


def _url(item, reason) -> str:
    if reason.action == "answer_referral":
        return reverse("workspace:referral", args=[reason.target])
    pk = item.project_id
    if reason.action == "validate_checkin":
        return reverse("workspace:checkin", args=[pk, reason.target])
    if reason.action == "open_financing_plan":
        return reverse("reports:funding_round", args=[pk])
    if reason.action == "log_meeting":
        return reverse("workspace:meeting_create", args=[pk])
    return reverse("workspace:project", args=[pk]) + "#h-dosage"


def with_links(items):
    """Give each item its page and each reason its action link (no query)."""
    for item in items:
        if item.project_id is not None:
            item.url = reverse("workspace:project", args=[item.project_id])
        else:
            item.url = reverse("workspace:referral", args=[item.referral_id])
        item.links = [(reason, LABELS[reason.action], _url(item, reason)) for reason in item.reasons]
    return items
