"""The e-mails of the business flows, each a notification template
(notifications/business/<name>.*.txt), rendered inside the service's transaction, sent on commit."""

from essaim.accounts.models import Membership, User
from essaim.notifications.services import notify
from essaim.notifications.urls import site_url


def _staff(organisation_id) -> list[User]:
    return list(
        User.objects.filter(memberships__organisation_id=organisation_id, is_active=True).order_by("pk")
    )


def _admins() -> list[User]:
    return list(User.objects.filter(is_superuser=True, is_active=True).order_by("pk"))


def _moderators(request) -> list[User]:
    ecosystem = request.ecosystem
    if ecosystem is not None and ecosystem.leader_id:
        return list(
            User.objects.filter(
                memberships__organisation_id=ecosystem.leader_id,
                memberships__role__in=(Membership.Role.ADMIN, Membership.Role.MEMBER),
                is_active=True,
            ).order_by("pk")
        )
    return _admins()


def request_submitted(request) -> int:
    return notify(
        "business/request_submitted",
        to=_moderators(request),
        context={"request": request, "url": site_url("business:request", request.pk)},
    )


def request_moderated(request, *, approved: bool, comment: str = "") -> int:
    return notify(
        "business/request_moderated",
        to=_staff(request.buyer.organisation_id),
        context={
            "request": request,
            "approved": approved,
            "comment": comment,
            "url": site_url("business:request", request.pk),
        },
    )


def request_routed(routing) -> int:
    offer = routing.offer
    return notify(
        "business/request_routed",
        to=[offer.contact_email, *_staff(offer.organisation_id)],
        context={"request": routing.request, "url": site_url("business:routing", routing.pk)},
    )


def response_received(response) -> int:
    request = response.request
    return notify(
        "business/response_received",
        to=_staff(request.buyer.organisation_id),
        context={"request": request, "response": response, "url": site_url("business:request", request.pk)},
    )


def survey_sent(request) -> int:
    return notify(
        "business/survey",
        to=_staff(request.buyer.organisation_id),
        context={"request": request, "url": site_url("business:survey", request.pk)},
    )
