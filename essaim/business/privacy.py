"""Personal data of the business flows: an offer's contact person (name, e-mail, telephone), and
the accounts that wrote requests, responses and survey answers.

Export lists the offers naming the person's e-mail as contact and what they wrote; erasure wipes
the contact fields of those offers and unlinks the account from requests, responses and deals
(the organisations' business stays). Retention: the contact of an offer that has been hidden from
buyers and left unchanged for `RETENTION_DAYS["business_contacts"]` days is wiped.
"""

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from essaim.audit import recorder
from essaim.business.models import BuyerRequest, Deal, Response, SupplierOffer
from essaim.core.retention import purger

CONTACT_FIELDS = {"contact_name": "", "contact_email": "", "contact_phone": ""}


def _iso(value):
    return value.isoformat() if value is not None else None


def _contact_offers(user):
    return SupplierOffer.objects.filter(contact_email__iexact=user.email).exclude(contact_email="")


def export_for(*, user) -> dict:
    offers = _contact_offers(user).select_related("organisation").order_by("pk")
    return {
        "offer_contacts": [
            {
                "organisation": o.organisation.name,
                "name": o.contact_name,
                "email": o.contact_email,
                "phone": o.contact_phone,
            }
            for o in offers
        ],
        "requests_written": [
            {"title": r.title, "state": r.state, "created_at": _iso(r.created_at)}
            for r in BuyerRequest.objects.filter(created_by=user).order_by("pk")
        ],
        "responses_written": [
            {"request": r.request.title, "message": r.message, "created_at": _iso(r.created_at)}
            for r in Response.objects.filter(created_by=user).select_related("request").order_by("pk")
        ],
        "deals_answered": [
            {"request": d.request.title, "made": d.made, "answered_at": _iso(d.answered_at)}
            for d in Deal.objects.filter(answered_by=user).select_related("request").order_by("pk")
        ],
    }


def wipe_contacts(offers) -> int:
    ids = list(offers.values_list("pk", flat=True))
    SupplierOffer.objects.filter(pk__in=ids).update(**CONTACT_FIELDS)
    return len(ids)


@transaction.atomic
def erase_for(*, user) -> dict:
    done = {"offer_contacts": wipe_contacts(_contact_offers(user))}
    done["requests"] = BuyerRequest.objects.filter(created_by=user).update(created_by=None)
    done["responses"] = Response.objects.filter(created_by=user).update(created_by=None)
    done["deals"] = Deal.objects.filter(answered_by=user).update(answered_by=None)
    recorder.forget_actor(user)
    return done


def _dispose(queryset) -> int:
    with transaction.atomic():
        return wipe_contacts(queryset)


@purger(
    "business_contacts",
    _("contacts des offres des fournisseurs retirées"),
    _("après le retrait de l'offre (dernière modification)"),
    dispose=_dispose,
)
def _hidden_offers(cutoff):
    has_contact = ~Q(contact_name="") | ~Q(contact_email="") | ~Q(contact_phone="")
    return [SupplierOffer.objects.filter(has_contact, is_published=False, updated_at__lt=cutoff)]
