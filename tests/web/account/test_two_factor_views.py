"""Second factor: enrolment, recovery codes, verification at login, who must, admin site, demo."""

import re
import time

import pytest
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from essaim.accounts import selectors, services
from tests.factories.accounts import PASSWORD, MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

LOGIN = reverse("web:login")
ACCOUNT = reverse("web:account")
OVERVIEW = reverse("web:two_factor")
START = reverse("web:two_factor_start")
SETUP = reverse("web:two_factor_setup")
CODES = reverse("web:two_factor_codes")
DISABLE = reverse("web:two_factor_disable")
VERIFY = reverse("web:two_factor_verify")
WORKSPACE = reverse("workspace:home")


@pytest.fixture(autouse=True)
def _enforced(settings):
    settings.TWO_FACTOR_REQUIRED_FOR_ADMINS = True
    settings.TWO_FACTOR_DEMO_EXEMPT = False
    settings.OTP_TOTP_THROTTLE_FACTOR = 0  # wrong then right code at once (throttling tested apart)
    settings.OTP_STATIC_THROTTLE_FACTOR = 0


def code(device, offset: int = 0) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time() + offset
    return f"{totp.token():06d}"


def login(client, user):
    return client.post(LOGIN, {"email": user.email, "password": PASSWORD})


def enrol(user) -> tuple[TOTPDevice, list[str]]:
    services.totp_device_start(by=user)
    device, codes = services.totp_device_confirm(by=user, code=code(selectors.totp_device_pending(by=user)))
    return device, codes


@pytest.fixture
def org_admin(db):
    return MembershipFactory(role="admin", user=UserFactory(email="chef@example.org")).user


@pytest.fixture
def carrier(db):
    return UserFactory(email="porteuse@example.org", carrier=True)


# --- Who must use a second factor ----------------------------------------------------------


def test_org_admin_without_a_second_factor_is_sent_to_enrolment(client, org_admin):
    response = login(client, org_admin)
    # Then their landing page: the reports of a team without a programme (web/account/landing.py).
    assert response["Location"] == f"{OVERVIEW}?next=%2Frapports%2F"
    page = client.get(WORKSPACE)
    assert page["Location"] == f"{OVERVIEW}?next=%2Fespace%2F"
    overview = client.get(OVERVIEW)
    assert "Votre rôle d'administrateur impose la double authentification" in overview.content.decode()


def test_org_member_and_carrier_are_not_forced(client, carrier):
    member = MembershipFactory(role="member").user
    for user, landing in ((member, reverse("reports:index")), (carrier, WORKSPACE)):
        client.logout()
        assert login(client, user)["Location"] == landing
        assert client.get(ACCOUNT).status_code == 200


def test_platform_admin_is_forced(client):
    admin = UserFactory(admin=True)
    assert login(client, admin)["Location"] == f"{OVERVIEW}?next=%2Fadmin%2F"


def test_public_pages_and_logout_stay_reachable_before_enrolment(client, org_admin):
    login(client, org_admin)
    assert client.get(reverse("web:directory")).status_code == 200
    assert client.post(reverse("web:logout"))["Location"] == "/"


# --- Enrolment -------------------------------------------------------------------------------


def test_enrolment_with_qr_code_then_recovery_codes(client, org_admin):
    login(client, org_admin)
    started = client.post(START, {"next": WORKSPACE})
    assert started["Location"] == f"{SETUP}?next=%2Fespace%2F"
    page = client.get(started["Location"])
    html = page.content.decode()
    assert page.status_code == 200
    assert re.search(r'<img src="data:image/svg\+xml[^"]+" alt="Code QR', html)
    device = TOTPDevice.objects.get(user=org_admin)
    assert device.confirmed is False
    wrong = client.post(SETUP, {"code": "000000" if code(device) != "000000" else "111111"})
    assert wrong.status_code == 400
    assert "Code incorrect : vérifiez l&#x27;heure de votre téléphone et réessayez." in wrong.content.decode()
    done = client.post(SETUP, {"code": code(device), "next": WORKSPACE})
    assert done.status_code == 200
    assert "no-store" in done["Cache-Control"]
    shown = re.findall(r'<code class="secret">([a-z2-7]{8})</code>', done.content.decode())
    stored = set(StaticToken.objects.filter(device__user=org_admin).values_list("token", flat=True))
    assert (len(shown), set(shown)) == (10, stored)
    device.refresh_from_db()
    assert device.confirmed is True
    assert client.get(WORKSPACE).status_code == 200  # verified in this session


def test_enrolment_page_shows_the_secret_for_manual_entry(client, carrier):
    client.force_login(carrier)
    client.post(START)
    device = TOTPDevice.objects.get(user=carrier)
    from base64 import b32encode

    secret = b32encode(device.bin_key).decode()
    html = client.get(SETUP).content.decode()
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in html


def test_setup_without_a_pending_device_goes_back(client, carrier):
    client.force_login(carrier)
    assert client.get(SETUP)["Location"] == OVERVIEW


# --- Verification at login -----------------------------------------------------------------


def test_login_with_a_second_factor_asks_for_the_code(client, org_admin):
    device, _codes = enrol(org_admin)
    response = login(client, org_admin)
    assert response["Location"] == f"{VERIFY}?next=%2Frapports%2F"
    assert client.get(WORKSPACE)["Location"] == f"{VERIFY}?next=%2Fespace%2F"
    wrong = client.post(VERIFY, {"code": "12345", "next": WORKSPACE})
    assert wrong.status_code == 400
    assert "Code incorrect ou déjà utilisé." in wrong.content.decode()
    right = client.post(VERIFY, {"code": code(device, offset=30), "next": WORKSPACE})
    assert right["Location"] == WORKSPACE
    assert client.get(WORKSPACE).status_code == 200


def test_a_code_cannot_be_used_twice(client, carrier):
    device, _codes = enrol(carrier)
    login(client, carrier)
    used = code(device, offset=30)
    assert client.post(VERIFY, {"code": used})["Location"] == WORKSPACE
    client.logout()
    login(client, carrier)
    assert client.post(VERIFY, {"code": used}).status_code == 400


def test_a_recovery_code_works_once(client, carrier):
    _device, codes = enrol(carrier)
    login(client, carrier)
    assert client.post(VERIFY, {"code": codes[0].upper()[:4] + "-" + codes[0][4:]})["Location"] == WORKSPACE
    assert StaticToken.objects.filter(device__user=carrier).count() == 9
    client.logout()
    login(client, carrier)
    assert client.post(VERIFY, {"code": codes[0]}).status_code == 400


def test_wrong_codes_are_throttled(client, carrier, settings):
    settings.OTP_TOTP_THROTTLE_FACTOR = 10
    device, _codes = enrol(carrier)
    login(client, carrier)
    client.post(VERIFY, {"code": "999999" if code(device, 30) != "999999" else "888888"})
    # The right code, right after a failure, is refused until the delay has passed.
    assert client.post(VERIFY, {"code": code(device, offset=30)}).status_code == 400


def test_voluntary_second_factor_is_asked_too(client, carrier):
    enrol(carrier)
    assert login(client, carrier)["Location"] == f"{VERIFY}?next=%2Fespace%2F"


def test_verify_page_without_a_second_factor_goes_on(client, carrier):
    client.force_login(carrier)
    assert client.get(VERIFY)["Location"] == WORKSPACE


# --- Recovery codes, removal ---------------------------------------------------------------


def test_renewing_recovery_codes_replaces_them(client, carrier):
    _device, old = enrol(carrier)
    login(client, carrier)
    client.post(VERIFY, {"code": old[0]})
    response = client.post(CODES)
    assert response.status_code == 200
    new = re.findall(r'<code class="secret">([a-z2-7]{8})</code>', response.content.decode())
    assert len(new) == 10
    assert set(StaticToken.objects.filter(device__user=carrier).values_list("token", flat=True)) == set(new)
    assert not set(new) & set(old)


def test_renewing_codes_needs_a_verified_session(client, carrier):
    enrol(carrier)
    login(client, carrier)
    assert client.post(CODES)["Location"] == f"{VERIFY}?next=%2Fcompte%2Fdouble-authentification%2Fcodes%2F"


def test_a_carrier_may_remove_the_second_factor(client, carrier):
    _device, codes = enrol(carrier)
    login(client, carrier)
    client.post(VERIFY, {"code": codes[0]})
    response = client.post(DISABLE, follow=True)
    assert [str(m) for m in response.context["messages"]] == ["La double authentification est désactivée."]
    assert (
        TOTPDevice.objects.filter(user=carrier).count(),
        StaticDevice.objects.filter(user=carrier).count(),
    ) == (0, 0)
    client.logout()
    assert login(client, carrier)["Location"] == WORKSPACE


def test_an_admin_may_not_remove_it(client, org_admin):
    _device, codes = enrol(org_admin)
    login(client, org_admin)
    client.post(VERIFY, {"code": codes[0]})
    response = client.post(DISABLE)
    assert response.status_code == 403
    assert "Accès refusé" in response.content.decode()
    assert TOTPDevice.objects.filter(user=org_admin, confirmed=True).count() == 1


def test_replacing_the_device_needs_the_current_one(client, carrier):
    enrol(carrier)
    login(client, carrier)
    assert client.post(START)["Location"] == f"{VERIFY}?next=%2Fcompte%2Fdouble-authentification%2F"
    assert TOTPDevice.objects.filter(user=carrier).count() == 1


# --- Anonymous, wrong methods ----------------------------------------------------------------


@pytest.mark.parametrize("url", [OVERVIEW, SETUP, VERIFY])
def test_anonymous_goes_to_login(client, url):
    response = client.get(url)
    assert response["Location"] == f"{LOGIN}?next={url}"


@pytest.mark.parametrize(
    ("method", "url"), [("get", START), ("get", CODES), ("get", DISABLE), ("put", VERIFY), ("post", OVERVIEW)]
)
def test_wrong_methods(client, carrier, method, url):
    client.force_login(carrier)
    assert getattr(client, method)(url).status_code == 405


def test_account_page_links_the_two_factor_page(client, carrier):
    client.force_login(carrier)
    html = client.get(ACCOUNT).content.decode()
    assert f'href="{OVERVIEW}"' in html
    assert "Non activée : la connexion ne demande que le mot de passe." in html


# --- Admin site ------------------------------------------------------------------------------


def test_admin_site_requires_the_second_factor(client):
    admin = UserFactory(email="root@example.org", admin=True)
    response = client.post(reverse("admin:login"), {"username": "root@example.org", "password": PASSWORD})
    assert response["Location"] == f"{OVERVIEW}?next=%2Fadmin%2F"
    assert client.get(reverse("admin:index"))["Location"] == f"{OVERVIEW}?next=%2Fadmin%2F"
    device, _codes = enrol(admin)
    client.logout()
    response = client.post(reverse("admin:login"), {"username": "root@example.org", "password": PASSWORD})
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2F"
    assert client.get(reverse("admin:index")).status_code == 302
    assert client.post(VERIFY, {"code": code(device, offset=30), "next": "/admin/"})["Location"] == "/admin/"
    assert client.get(reverse("admin:index")).status_code == 200


# --- Demo accounts ---------------------------------------------------------------------------


def test_demo_accounts_are_exempt_under_the_demo_and_may_not_enrol(client, settings):
    settings.TWO_FACTOR_DEMO_EXEMPT = True
    demo_admin = MembershipFactory(role="admin", user=UserFactory(is_demo=True)).user
    assert login(client, demo_admin)["Location"] == reverse("reports:index")
    assert client.get(WORKSPACE).status_code == 200
    assert (
        "Ce compte de démonstration partage un mot de passe public" in client.get(OVERVIEW).content.decode()
    )
    assert client.post(START).status_code == 403
    assert TOTPDevice.objects.count() == 0


def test_demo_accounts_are_not_exempt_outside_the_demo(client):
    demo_admin = MembershipFactory(role="admin", user=UserFactory(is_demo=True)).user
    assert login(client, demo_admin)["Location"] == f"{OVERVIEW}?next=%2Frapports%2F"


def test_demo_exemption_defaults_to_debug_only(monkeypatch):
    import importlib

    import essaim.settings as settings_module

    monkeypatch.delenv("TWO_FACTOR_DEMO_EXEMPT", raising=False)
    monkeypatch.delenv("DEMO", raising=False)
    try:
        monkeypatch.setenv("DEBUG", "false")
        assert importlib.reload(settings_module).TWO_FACTOR_DEMO_EXEMPT is False
        monkeypatch.setenv("DEBUG", "true")
        assert importlib.reload(settings_module).TWO_FACTOR_DEMO_EXEMPT is True
    finally:
        monkeypatch.setenv("DEBUG", "false")
        importlib.reload(settings_module)


# --- API ---------------------------------------------------------------------------------------

TOKEN_URL = "/api/v1/auth/token"


def obtain(client, user, **extra):
    body = {"email": user.email, "password": PASSWORD, **extra}
    return client.post(TOKEN_URL, body, content_type="application/json")


def test_api_token_needs_the_code_when_the_account_has_a_second_factor(client, carrier):
    device, _codes = enrol(carrier)
    missing = obtain(client, carrier)
    assert (missing.status_code, missing.json()["detail"]) == (
        401,
        "Ce compte a la double authentification : envoyez aussi « code ».",
    )
    wrong = obtain(client, carrier, code="000000" if code(device, 30) != "000000" else "111111")
    assert (wrong.status_code, wrong.json()["detail"]) == (401, "Code de vérification incorrect.")
    assert obtain(client, carrier, code=code(device, offset=30)).status_code == 201


def test_api_token_refused_to_an_admin_without_a_second_factor(client, org_admin):
    response = obtain(client, org_admin)
    assert response.status_code == 403
    assert (
        response.json()["detail"]
        == "Activez d'abord la double authentification depuis votre compte sur le site."
    )


def test_api_session_without_the_second_factor_is_anonymous(client, org_admin):
    login(client, org_admin)
    assert client.get("/api/v1/auth/tokens").status_code == 401
