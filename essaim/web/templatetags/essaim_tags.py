"""Template helpers shared by every page: labels of the study's vocabulary, query strings."""

from django import template
from django.conf import settings
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from essaim.directory.enums import (
    AccompanimentModel,
    Activity,
    LifeStage,
    Need,
    OfferFamily,
    ProgrammeKind,
    Public,
)
from essaim.directory.validators import clean_digits, is_fictitious_siret
from essaim.territories import resolver
from essaim.territories.models import Level

register = template.Library()

ENUMS = {
    "stage": LifeStage,
    "need": Need,
    "public": Public,
    "activity": Activity,
    "kind": ProgrammeKind,
    "family": OfferFamily,
    "model": AccompanimentModel,
    "level": Level,
}


@register.filter
def labels(values, vocabulary: str) -> list[str]:
    """`{{ programme.stages|labels:"stage" }}` → the French (or English) labels, in enum order."""
    enum = ENUMS[vocabulary]
    if isinstance(values, str):
        values = [values]
    wanted = set(values or ())
    return [str(text) for value, text in enum.choices if value in wanted]


@register.filter
def label(value, vocabulary: str) -> str:
    """`{{ "departement"|label:"level" }}` → "Département"."""
    return str(dict(ENUMS[vocabulary].choices).get(value, value))


def _place_key(value, level: str | None) -> tuple[str, str]:
    if level:
        return (level, str(value))
    if hasattr(value, "level") and hasattr(value, "code"):
        return (str(getattr(value.level, "value", value.level)), str(value.code))
    text = str(value or "")
    if text.startswith("territory:"):  # a report's scope
        text = text.removeprefix("territory:")
    return resolver.split_ref(text)


@register.filter
def place_name(value, level: str | None = None) -> str:
    """A territory's name, never its code: `{{ "departement:11"|place_name }}` → "Aude",
    `{{ code|place_name:"departement" }}`, `{{ funder_territory|place_name }}` (level, code)."""
    return resolver.name_of(*_place_key(value, level))


@register.filter
def place_label(value, level: str | None = None) -> str:
    """A territory as a person tells it from its homonyms: "Saint-Martin (Gers)",
    "Hérault (département)"."""
    return resolver.label_of(*_place_key(value, level))


@register.filter
def siret(value) -> str:
    """A SIRET as people read it, "000 012 345 00012", marked "(fictif)" when it belongs to the
    demo's fictitious range (docs/demo.md); "—" when there is none. Every page showing a SIRET
    goes through it."""
    digits = clean_digits(str(value or ""))
    if not digits:
        return "—"
    shown = f"{digits[:3]} {digits[3:6]} {digits[6:9]} {digits[9:]}".strip() if len(digits) == 14 else digits
    return _("%(siret)s (fictif)") % {"siret": shown} if is_fictitious_siret(digits) else shown


@register.simple_tag
def demo_data() -> bool:
    """True on a demo site (settings.DEMO, which `make demo` turns on): every figure there is
    computed on the fictitious data of seed_demo, and report pages say so (docs/demo.md)."""
    return settings.DEMO


@register.filter
def scope_name(scope) -> str:
    """A report's scope for people: "territory:departement:11" → "Aude"; other scopes as is."""
    text = str(scope or "")
    return place_name(text) if text.startswith("territory:") else text


@register.filter
def commune_param(code) -> str:
    """The `place` parameter naming this commune: its INSEE code, or `commune:<code>` when the
    code is also another commune's postal code (34070)."""
    return resolver.commune_param(str(code))


@register.filter
def place_names(values) -> str:
    """Names of several territories (references, pairs or objects), comma-separated."""
    return ", ".join(place_name(value) for value in values or ())


@register.simple_tag(takes_context=True)
def query_with(context, **changes) -> str:
    """The current query string with some parameters replaced (None or "" removes them), HTML-escaped.

    `<a href="?{% query_with page=3 %}">` keeps the filters while changing the page.
    """
    params = context["request"].GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = str(value)
    return urlencode(sorted((k, v) for k in params for v in params.getlist(k) if v != ""))
