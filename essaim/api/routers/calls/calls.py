"""Calls for projects: open calls (public), one call, applying, moving a call."""

from ninja import Router

from essaim.api.auth import required_auth
from essaim.api.errors import bad_request, unprocessable
from essaim.api.pagination import paginate, parse_page
from essaim.api.routers.calls.common import application_body, call_body, refusals
from essaim.api.schemas.calls import (
    ApplicationIn,
    ApplicationOut,
    CallDetail,
    CallPage,
    CallStateOut,
    CallTransitionIn,
)
from essaim.api.schemas.common import ERRORS
from essaim.calls import selectors, services
from essaim.calls.workflows import CALL_WORKFLOW
from essaim.territories import resolver
from essaim.territories.models import Commune

router = Router(tags=["appels à projets"])


@router.get(
    "/calls", response={200: CallPage, **ERRORS}, url_name="call-list", summary="Appels à projets ouverts"
)
def call_list(request):
    """Appels ouverts aux candidatures des dispositifs publiés, par date de clôture."""
    errors: dict[str, str] = {}
    page_request = parse_page(request.GET, errors)
    if errors:
        raise bad_request(errors)
    body = paginate(request, selectors.public_calls(), page_request)
    body["results"] = [call_body(call) for call in body["results"]]
    return body


@router.get(
    "/calls/{int:call_id}",
    response={200: CallDetail, **ERRORS},
    url_name="call-detail",
    summary="Un appel à projets",
)
def call_detail(request, call_id: int):
    """Un appel ouvert (ou, pour son équipe, un appel de ses dispositifs) avec critères et questions."""
    call = selectors.call_for(request.user, call_id)
    return {
        **call_body(call),
        "description": call.description,
        "eligibility": call.eligibility,
        "score_max": call.score_max,
        "blind_review": call.blind_review,
        "criteria": list(call.criteria.all()),
        "questions": list(call.questions.all()),
    }


@router.post(
    "/calls/{int:call_id}/applications",
    response={201: ApplicationOut, **ERRORS, 409: ERRORS[400]},
    auth=required_auth,
    url_name="call-apply",
    summary="Candidater à un appel",
)
def call_apply(request, call_id: int, payload: ApplicationIn):
    """Crée (ou reprend) le brouillon de candidature de l'appelant, l'enregistre et, si
    `submit` est vrai, le dépose (questions obligatoires vérifiées, accusé de réception envoyé).
    Tout ou rien : un refus ne laisse aucune candidature. L'équipe du dispositif ne candidate
    pas à ses propres appels (`403`)."""
    call = selectors.call_for(request.user, call_id)
    commune = None
    if payload.commune:  # what a person types: a name, a postal code, an INSEE code
        found = resolver.resolve(payload.commune)
        if found.place is None:
            raise unprocessable({"commune": found.explained})
        commune = Commune.objects.filter(pk=found.place.code).first()
    draft = {
        "project_name": payload.project_name,
        "summary": payload.summary,
        "commune": commune,
        "answers": payload.answers,
    }
    with refusals():
        application = services.application_apply(
            call=call, by=request.user, draft=draft, submit=payload.submit
        )
    application = selectors.application_for(request.user, application.pk)
    return 201, application_body(application, request.user)


@router.post(
    "/calls/{int:call_id}/transitions",
    response={200: CallStateOut, **ERRORS, 409: ERRORS[400]},
    auth=required_auth,
    url_name="call-transition",
    summary="Faire avancer un appel",
)
def call_transition(request, call_id: int, payload: CallTransitionIn):
    """Ouvrir (`open`), passer en évaluation (`start_review`), clore les décisions (`decide`) ou
    clore l'appel (`close`). Réservé à l'équipe du dispositif. Un état qui ne permet pas l'action
    (ou un appel sans critère, des candidatures sans décision) répond 409 avec la raison."""
    call = selectors.call_for(request.user, call_id, manage=True)
    with refusals():
        services.call_transition(call=call, name=payload.name, by=request.user, comment=payload.comment)
    available = [t.name for t in CALL_WORKFLOW.available(call, request.user)]
    return {"id": call.pk, "state": call.state, "available": available}
