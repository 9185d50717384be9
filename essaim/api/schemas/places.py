"""Schemas and serialisers of a shared place's entitlements and domiciliations (the read-only
endpoints of `api/routers/places.py`)."""

import datetime as dt

from ninja import Schema

from essaim.places.models import Domiciliation, Entitlement


class PlaceEntitlementOut(Schema):
    id: int
    place_id: int
    place_name: str
    project_id: int
    project_name: str
    kind: str
    kind_label: str
    resource_id: int | None
    resource_name: str | None
    monthly_minutes: int | None
    starts_on: dt.date
    ends_on: dt.date | None


class PlaceMailOut(Schema):
    id: int
    kind: str
    kind_label: str
    sender: str
    received_on: dt.date
    handed_over_on: dt.date | None


class PlaceDomiciliationOut(Schema):
    id: int
    place_id: int
    place_name: str
    name: str
    siret: str
    project_id: int | None
    project_name: str | None
    starts_on: dt.date
    ends_on: dt.date | None
    state: str
    state_label: str
    ended_on: dt.date | None
    mail_waiting: int


class PlaceDomiciliationDetailOut(PlaceDomiciliationOut):
    mail: list[PlaceMailOut]


def entitlement_out(entitlement: Entitlement) -> dict:
    resource = entitlement.resource
    return {
        "id": entitlement.pk,
        "place_id": entitlement.place_id,
        "place_name": entitlement.place.name,
        "project_id": entitlement.project_id,
        "project_name": entitlement.project.name,
        "kind": entitlement.kind,
        "kind_label": entitlement.get_kind_display(),
        "resource_id": entitlement.resource_id,
        "resource_name": resource.name if resource else None,
        "monthly_minutes": entitlement.monthly_minutes,
        "starts_on": entitlement.starts_on,
        "ends_on": entitlement.ends_on,
    }


def domiciliation_out(domiciliation: Domiciliation, *, mail=None) -> dict:
    project = domiciliation.project
    body = {
        "id": domiciliation.pk,
        "place_id": domiciliation.place_id,
        "place_name": domiciliation.place.name,
        "name": domiciliation.name,
        "siret": domiciliation.siret,
        "project_id": domiciliation.project_id,
        "project_name": project.name if project else None,
        "starts_on": domiciliation.starts_on,
        "ends_on": domiciliation.ends_on,
        "state": domiciliation.state,
        "state_label": domiciliation.get_state_display(),
        "ended_on": domiciliation.ended_on,
        "mail_waiting": domiciliation.waiting,
    }
    if mail is not None:
        body["mail"] = [
            {
                "id": m.pk,
                "kind": m.kind,
                "kind_label": m.get_kind_display(),
                "sender": m.sender,
                "received_on": m.received_on,
                "handed_over_on": m.handed_over_on,
            }
            for m in mail
        ]
    return body
