"""Ecosystems, read-only and public: the list and one ecosystem with its members (docs/ecosystems.md)."""

from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router

from essaim.api.errors import bad_request, not_found
from essaim.api.pagination import paginate, parse_page
from essaim.api.schemas.common import ERRORS
from essaim.api.schemas.ecosystems import EcosystemDetail, EcosystemPage, PageQuery
from essaim.directory.enums import EcosystemModel
from essaim.directory.models import Ecosystem
from essaim.ecosystems.enums import MembershipState
from essaim.ecosystems.selectors import member_programmes, public_ecosystems
from essaim.territories.selectors import names_for, parse_ref

router = Router(tags=["écosystèmes"])


def _keys(ecosystem: Ecosystem) -> list[tuple[str, str]]:
    keys = []
    for ref in ecosystem.territory_refs or []:
        try:
            keys.append(parse_ref(ref))
        except ValueError:  # a malformed reference in the source is left out, as on the page
            continue
    return keys


def _summary(request, ecosystem: Ecosystem, names: dict, member_count: int) -> dict:
    leader = ecosystem.leader
    territory = [
        {"level": level, "code": code, "name": names[(level, code)]}
        for level, code in _keys(ecosystem)
        if (level, code) in names
    ]
    return {
        "slug": ecosystem.slug,
        "name": ecosystem.name,
        "model": ecosystem.model,
        "model_label": ecosystem.get_model_display(),
        "leader": leader
        and {
            "slug": leader.slug,
            "name": leader.name,
            "role": ecosystem.leader_role,
            "role_label": ecosystem.get_leader_role_display() if ecosystem.leader_role else "",
        },
        "territory": territory,
        "territory_description": ecosystem.territory_description,
        "brand": ecosystem.name if ecosystem.model == EcosystemModel.COMMON_BRAND else None,
        "member_count": member_count,
        "url": request.build_absolute_uri(reverse("api:ecosystem-detail", kwargs={"slug": ecosystem.slug})),
        "page_url": request.build_absolute_uri(reverse("ecosystems:detail", kwargs={"slug": ecosystem.slug})),
    }


@router.get("", response={200: EcosystemPage, **ERRORS}, url_name="ecosystem-list", summary="Les écosystèmes")
def ecosystem_list(request, params: Query[PageQuery]):
    """Les écosystèmes (coordination, marque commune, projets communs), par nom, paginés."""
    errors: dict[str, str] = {}
    page = parse_page(request.GET, errors)
    if errors:
        raise bad_request(errors)
    body = paginate(request, public_ecosystems(), page)
    names = names_for({key for eco in body["results"] for key in _keys(eco)})
    body["results"] = [_summary(request, eco, names, eco.member_count) for eco in body["results"]]
    return body


@router.get(
    "/{slug}",
    response={200: EcosystemDetail, **ERRORS},
    url_name="ecosystem-detail",
    summary="Un écosystème et ses membres",
)
def ecosystem_detail(request, slug: str):
    """Un écosystème : modèle, structure animatrice et son rôle, territoire, marque, membres."""
    ecosystem = Ecosystem.objects.select_related("leader").filter(slug=slug).first()
    if ecosystem is None:
        raise not_found(_("Écosystème inconnu : %(slug)s") % {"slug": slug})
    programmes = list(member_programmes(ecosystem))
    memberships = ecosystem.memberships.filter(state=MembershipState.ACTIVE).select_related("organisation")
    return {
        **_summary(request, ecosystem, names_for(_keys(ecosystem)), len(programmes)),
        "description": ecosystem.description,
        "members": [
            {
                "slug": p.slug,
                "name": p.name,
                "family": p.family,
                "kind": p.kind,
                "organisation": {"slug": p.organisation.slug, "name": p.organisation.name},
                "url": request.build_absolute_uri(reverse("api:programme-detail", kwargs={"slug": p.slug})),
            }
            for p in programmes
        ],
        "organisations": [
            {
                "organisation": {"slug": m.organisation.slug, "name": m.organisation.name},
                "role": m.role,
                "role_label": m.get_role_display(),
            }
            for m in memberships.order_by("organisation__name", "pk")
        ],
        "source": ecosystem.source,
    }
