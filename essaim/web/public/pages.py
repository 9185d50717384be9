"""Pages a public service owes its visitors: who runs the site and the legal notice, personal
data, accessibility statement, site map, glossary. All public, GET only; the operator's details
come from settings (docs/configuration.md, "Operator of this instance")."""

from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render
from django.utils.dateparse import parse_date
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET

from essaim.core import retention
from essaim.core.french import count_words
from essaim.web.public.glossary import entries_in_order

# The browser tests that run axe-core on these kinds of pages (tests/browser/), for the statement.
CHECKED_PAGES = (
    gettext_lazy("l'accueil, l'annuaire et la fiche d'un dispositif"),
    gettext_lazy("l'orientation d'un porteur de projet et sa demande de contact"),
    gettext_lazy("les territoires et leur carte"),
    gettext_lazy("les appels à projets, le comité de sélection et les candidatures"),
    gettext_lazy(
        "l'espace de travail des équipes : tableau des projets, fiche projet, rendez-vous, parcours"
    ),
    gettext_lazy("les rapports"),
    gettext_lazy("la connexion et le compte"),
    gettext_lazy(
        "ces pages : mentions légales, données personnelles, accessibilité, plan du site, glossaire"
    ),
)


@dataclass(frozen=True)
class Conformity:
    status: str
    rate: str
    audited_on: date | None
    auditor: str


def conformity(audit: dict) -> Conformity:
    """The RGAA status of the instance from its last audit: totally (100 %), partially (≥ 50 %)
    or not compliant; without an audit the RGAA requires "non conforme"."""
    raw = (audit.get("rate") or "").replace("%", "").replace(",", ".").strip()
    try:
        rate = float(raw)
    except ValueError:
        return Conformity(_("non conforme"), "", None, "")
    rate = max(0.0, min(rate, 100.0))
    if rate >= 100:
        status = _("totalement conforme")
    elif rate >= 50:
        status = _("partiellement conforme")
    else:
        status = _("non conforme")
    shown = f"{rate:g}".replace(".", ",") if (audit.get("rate") or "") else ""
    return Conformity(status, shown, parse_date(audit.get("date") or ""), audit.get("auditor", ""))


OPERATOR_KEYS = (
    "name", "legal_form", "address", "siret", "email", "phone", "publication_director",
    "privacy_email", "accessibility_email", "host_name", "host_address", "host_phone",
)  # fmt: skip


def _operator() -> dict:
    """settings.OPERATOR with every key present (an unset detail is "", and the page leaves it out)."""
    return {key: settings.OPERATOR.get(key) or "" for key in OPERATOR_KEYS}


@login_not_required
@require_GET
def about(request):
    return render(request, "web/pages/about.html", {"operator": _operator()})


def _durations() -> dict:
    """The retention the code applies today, in the units people read (settings decide them)."""
    return {
        "session_idle_hours": settings.SESSION_IDLE_TIMEOUT // 3600,
        "session_absolute_hours": settings.SESSION_ABSOLUTE_TIMEOUT // 3600,
        "login_window_minutes": settings.LOGIN_RATE_WINDOW // 60,
    }


def days_in_words(days: int) -> str:
    """ "5 ans", "30 jours", "1 jour"; 0 (kept without limit) → "sans limite de durée"."""
    if days <= 0:
        return _("sans limite de durée")
    if days % 365 == 0:
        return count_words(days // 365, _("an"), _("ans"))
    return count_words(days, _("jour"), _("jours"))


def retention_lines() -> list[tuple[str, str, str]]:
    """(what, how long, from when) per kind of the policy in settings.RETENTION_DAYS."""
    return [(label, days_in_words(days), rule) for label, rule, days in retention.policy()]


@login_not_required
@require_GET
def privacy(request):
    context = {"operator": _operator(), "durations": _durations(), "retention": retention_lines()}
    return render(request, "web/pages/privacy.html", context)


@login_not_required
@require_GET
def accessibility(request):
    context = {
        "operator": _operator(),
        "conformity": conformity(settings.ACCESSIBILITY_AUDIT),
        "checked_pages": CHECKED_PAGES,
    }
    return render(request, "web/pages/accessibility.html", context)


@login_not_required
@require_GET
def sitemap(request):
    return render(request, "web/pages/sitemap.html")


@login_not_required
@require_GET
def glossary(request):
    return render(request, "web/pages/glossary.html", {"entries": entries_in_order()})
