"""Personal API tokens: obtain one with e-mail and password, list them, revoke one."""

from django.conf import settings
from django.contrib.auth import authenticate
from django.utils.translation import gettext as _
from ninja import Path, Router, Status

from essaim.accounts import limiter, two_factor
from essaim.accounts.authentication import two_factor_verify
from essaim.accounts.models import ApiToken
from essaim.accounts.rules import holds_admin_role
from essaim.accounts.services import token_create, token_revoke
from essaim.api.auth import required_auth
from essaim.api.errors import ApiError, not_found
from essaim.api.schemas.auth import TokenCreated, TokenOut, TokenRequest
from essaim.api.schemas.common import ERRORS

router = Router(tags=["authentification"])


def _unauthorised(detail: str) -> ApiError:
    return ApiError(401, detail, headers={"WWW-Authenticate": "Bearer"})


def _second_factor(request, user, email: str, code: str) -> None:
    """The code of the second factor, for accounts that have one (or must)."""
    if two_factor.has_device(user):
        if not code.strip():
            raise _unauthorised(_("Ce compte a la double authentification : envoyez aussi « code »."))
        if two_factor_verify(by=user, code=code) is None:
            limiter.record_failure(request, email)
            raise _unauthorised(_("Code de vérification incorrect."))
    elif two_factor.required(user, holds_admin_role(user)):
        raise ApiError(403, _("Activez d'abord la double authentification depuis votre compte sur le site."))


@router.post(
    "/token",
    auth=None,
    response={201: TokenCreated, **ERRORS},
    url_name="token-create",
    summary="Obtenir un jeton",
)
def token_obtain(request, payload: TokenRequest):
    """Échange une adresse électronique et un mot de passe (et, pour un compte à double
    authentification, son code) contre un jeton personnel.

    Limité comme la connexion au site (mêmes compteurs, par compte et par adresse) : 429.
    """
    email = limiter.normalise_email(payload.email)
    user = authenticate(request, email=email, password=payload.password)
    if getattr(request, "axes_locked_out", False):
        raise ApiError(
            429,
            _("Trop de tentatives de connexion. Réessayez dans quelques minutes."),
            headers={"Retry-After": str(settings.LOGIN_RATE_WINDOW)},
        )
    if user is None:
        raise _unauthorised(_("Adresse électronique ou mot de passe incorrect."))
    _second_factor(request, user, email, payload.code)
    limiter.reset_account(email)
    _token, clear = token_create(user=user, name=payload.name.strip() or _("Jeton obtenu par l'API"))
    return Status(201, {"token": clear})


@router.get(
    "/tokens",
    auth=required_auth,
    response={200: list[TokenOut], **ERRORS},
    url_name="token-list",
    summary="Lister mes jetons",
)
def token_list(request):
    """Vos jetons, actifs et révoqués (jamais leur valeur en clair)."""
    return [
        {
            "id": token.pk,
            "name": token.name,
            "hint": token.hint,
            "created_at": token.created_at,
            "last_used_at": token.last_used_at,
            "revoked_at": token.revoked_at,
            "active": token.is_active,
        }
        for token in ApiToken.objects.filter(user=request.user).order_by("-created_at", "-pk")
    ]


@router.delete(
    "/tokens/{token_id}",
    auth=required_auth,
    response={204: None, **ERRORS},
    url_name="token-revoke",
    summary="Révoquer un jeton",
)
def token_delete(request, token_id: int = Path(..., ge=1, le=2**63 - 1)):
    """Révoque l'un de vos jetons ; celui d'un autre compte, ou déjà révoqué, donne 404."""
    if not token_revoke(user=request.user, token_id=token_id):
        raise not_found(_("Jeton introuvable ou déjà révoqué."))
    return Status(204, None)
