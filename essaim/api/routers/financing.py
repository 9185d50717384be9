"""Financing: a project's funding round (same scoping as the workspace) and the funders directory."""

from decimal import Decimal

from ninja import Router, Schema

from essaim.api.auth import required_auth
from essaim.api.schemas.common import ERRORS
from essaim.financing.models import Funder
from essaim.financing.selectors import funding_round, plan_for

router = Router(tags=["financements"], auth=required_auth)


class ResourceOut(Schema):
    id: int
    instrument: str
    funder: str | None
    amount: Decimal
    status: str


class NeedOut(Schema):
    id: int
    kind: str
    label: str
    amount: Decimal


class PlanOut(Schema):
    project: int
    needs_total: Decimal
    secured: Decimal
    pending: Decimal
    missing: Decimal
    is_closed: bool
    needs: list[NeedOut]
    resources: list[ResourceOut]


class FunderOut(Schema):
    slug: str
    name: str
    kind: str
    instruments: list[str]
    territories: list[str]


@router.get("/projects/{project_id}/plan", response={200: PlanOut, **ERRORS}, summary="Plan de financement")
def plan(request, project_id: int):
    """Needs, resources by funder and status, what is secured and what is missing. Another tenant's project → 404."""
    plan = plan_for(request.user, project_id)
    round_ = funding_round(plan)
    return {
        "project": plan.project_id,
        "needs_total": round_.needs_total,
        "secured": round_.secured,
        "pending": round_.pending,
        "missing": round_.missing,
        "is_closed": round_.is_closed,
        "needs": [{"id": n.pk, "kind": n.kind, "label": n.label, "amount": n.amount} for n in round_.needs],
        "resources": [
            {
                "id": r.pk,
                "instrument": r.instrument,
                "funder": line.funder.slug if line.funder else None,
                "amount": r.amount,
                "status": r.status,
            }
            for line in round_.lines
            for r in line.resources
        ],
    }


@router.get("/funders", response={200: list[FunderOut], **ERRORS}, summary="Annuaire des financeurs")
def funders(request):
    rows = Funder.objects.filter(is_synthetic=False).prefetch_related("territories").order_by("name")
    return [
        {
            "slug": f.slug,
            "name": f.name,
            "kind": f.kind,
            "instruments": list(f.instruments),
            "territories": [f"{t.level}:{t.code}" for t in f.territories.all()],
        }
        for f in rows
    ]
