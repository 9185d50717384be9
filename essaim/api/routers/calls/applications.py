"""Applications: those the caller may see, one of them, the committee's decision, withdrawal."""

from django.db.models import Q
from ninja import Router

from essaim.api.auth import required_auth
from essaim.api.errors import bad_request
from essaim.api.pagination import paginate, parse_page
from essaim.api.routers.calls.common import application_body, refusals
from essaim.api.schemas.calls import ApplicationOut, ApplicationPage, DecisionIn, WithdrawIn
from essaim.api.schemas.common import ERRORS
from essaim.calls import selectors, services
from essaim.calls.models import Application

router = Router(tags=["appels à projets"])


@router.get(
    "/applications",
    response={200: ApplicationPage, **ERRORS},
    auth=required_auth,
    url_name="application-list",
    summary="Candidatures visibles",
)
def application_list(request):
    """Les candidatures que l'appelant peut voir : celles des appels de ses organisations
    (équipe), celles qui lui sont confiées (évaluateur : sans l'identité du porteur si
    l'évaluation est anonyme), les siennes (porteur). Un brouillon n'est visible que de son
    porteur tant qu'il n'est pas déposé."""
    errors: dict[str, str] = {}
    page_request = parse_page(request.GET, errors)
    if errors:
        raise bad_request(errors)
    user = request.user
    queryset = (
        Application.objects.visible_to(user)
        .filter(~Q(state="draft") | Q(carrier=user))
        .select_related("call__programme", "carrier")
        .order_by("-created_at", "pk")
    )
    body = paginate(request, queryset, page_request)
    body["results"] = [application_body(a, user) for a in body["results"]]
    return body


@router.get(
    "/applications/{int:application_id}",
    response={200: ApplicationOut, **ERRORS},
    auth=required_auth,
    url_name="application-detail",
    summary="Une candidature",
)
def application_detail(request, application_id: int):
    """Une candidature que l'appelant peut voir (équipe et évaluateur affecté une fois
    déposée, porteur toujours)."""
    application = selectors.application_for(request.user, application_id)
    return application_body(application, request.user)


@router.post(
    "/applications/{int:application_id}/decision",
    response={200: ApplicationOut, **ERRORS, 409: ERRORS[400]},
    auth=required_auth,
    url_name="application-decision",
    summary="Décision du comité",
)
def application_decision(request, application_id: int, payload: DecisionIn):
    """Retenir (`accept` : le projet entre dans le parcours), mettre en liste d'attente
    (`waitlist`) ou ne pas retenir (`refuse`), avec un retour écrit envoyé au porteur.
    Réservé à l'équipe du dispositif ; pendant l'évaluation ou après."""
    application = selectors.application_for(request.user, application_id, manage=True)
    with refusals():
        services.application_decide(
            application=application, decision=payload.decision, feedback=payload.feedback, by=request.user
        )
    return application_body(application, request.user)


@router.post(
    "/applications/{int:application_id}/withdraw",
    response={200: ApplicationOut, **ERRORS, 409: ERRORS[400]},
    auth=required_auth,
    url_name="application-withdraw",
    summary="Retirer sa candidature",
)
def application_withdraw(request, application_id: int, payload: WithdrawIn):
    """Le porteur retire son brouillon ou sa candidature déposée (avant la décision)."""
    application = selectors.application_for(request.user, application_id)
    with refusals():
        services.application_withdraw(application=application, by=request.user, comment=payload.comment)
    return application_body(application, request.user)
