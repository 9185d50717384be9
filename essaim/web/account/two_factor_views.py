"""Second factor in the account area: status, enrolment (QR code), recovery codes, verification.

Enrolment and verification pages are reachable before the second factor is verified
(`two_factor_exempt`); renewing codes or removing the second factor needs a verified session.
Pages showing a secret or codes are under /compte/, hence `Cache-Control: no-store`.
"""

from base64 import b32encode
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import login as otp_login

from essaim.accounts import services, two_factor
from essaim.accounts.selectors import totp_device_pending
from essaim.web.account.forms import CodeForm
from essaim.web.account.landing import landing_url
from essaim.web.account.middleware import redirect_to_step, two_factor_exempt
from essaim.web.account.views import safe_next


def _required(request) -> bool:
    flags = request.session.get(two_factor.SESSION_FLAGS) or two_factor.remember(request, request.user)
    return two_factor.required(request.user, flags[1])


def _show_codes(request, codes: list[str]):
    context = {"codes": codes, "next": safe_next(request)}
    return render(request, "web/account/recovery_codes.html", context)


def _grouped_secret(device) -> str:
    key = b32encode(device.bin_key).decode()
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@two_factor_exempt
@require_GET
def overview(request):
    context = {
        "has_device": two_factor.has_device(request.user),
        "codes_left": two_factor.recovery_codes_left(request.user),
        "required": _required(request),
        "demo_exempt": two_factor.demo_exempt(request.user),
        "next": safe_next(request),
    }
    return render(request, "web/account/two_factor.html", context)


@two_factor_exempt
@require_POST
def start(request):
    if two_factor.demo_exempt(request.user):
        raise PermissionDenied(_("Les comptes de démonstration n'activent pas la double authentification."))
    if two_factor.has_device(request.user) and two_factor.state(request) != two_factor.OK:
        return redirect_to_step(two_factor.VERIFY, reverse("web:two_factor"))  # the current one first
    services.totp_device_start(by=request.user)
    next_url = safe_next(request)
    return redirect(
        reverse("web:two_factor_setup") + (f"?{urlencode({'next': next_url})}" if next_url else "")
    )


@two_factor_exempt
@require_http_methods(["GET", "POST"])
def setup(request):
    device = totp_device_pending(by=request.user)
    if device is None:
        return redirect("web:two_factor")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        confirmed = services.totp_device_confirm(by=request.user, code=form.cleaned_data["code"])
        if confirmed is not None:
            otp_login(request, confirmed[0])
            two_factor.remember(request, request.user)
            return _show_codes(request, confirmed[1])
        form.add_error("code", _("Code incorrect : vérifiez l'heure de votre téléphone et réessayez."))
    qr = segno.make(device.config_url, error="m").svg_data_uri(scale=5, border=2)
    context = {"form": form, "qr": qr, "secret": _grouped_secret(device), "next": safe_next(request)}
    return render(request, "web/account/two_factor_setup.html", context, status=400 if form.errors else 200)


@require_POST
def codes_renew(request):
    if not two_factor.has_device(request.user):
        return redirect("web:two_factor")
    return _show_codes(request, services.recovery_codes_renew(by=request.user))


@require_POST
def disable(request):
    if _required(request):
        raise PermissionDenied(_("Votre rôle impose la double authentification : elle ne peut être retirée."))
    services.two_factor_disable(by=request.user)
    request.session.pop(DEVICE_ID_SESSION_KEY, None)
    two_factor.remember(request, request.user)
    messages.success(request, _("La double authentification est désactivée."))
    return redirect("web:two_factor")


@two_factor_exempt
@require_http_methods(["GET", "POST"])
def verify(request):
    if two_factor.state(request) != two_factor.VERIFY:
        return redirect(safe_next(request, landing_url(request.user)))
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = services.two_factor_verify(by=request.user, code=form.cleaned_data["code"])
        if device is not None:
            otp_login(request, device)
            return redirect(safe_next(request, landing_url(request.user)))
        form.add_error("code", _("Code incorrect ou déjà utilisé."))
    context = {"form": form, "next": safe_next(request)}
    return render(request, "web/account/two_factor_verify.html", context, status=400 if form.errors else 200)
