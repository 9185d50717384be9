"""Template helpers shared by every page: labels of the study's vocabulary, query strings."""

from django import template
from django.utils.http import urlencode

from essaim.directory.enums import (
    AccompanimentModel,
    Activity,
    LifeStage,
    Need,
    ProgrammeKind,
    Public,
)
from essaim.territories.models import Level

register = template.Library()

ENUMS = {
    "stage": LifeStage,
    "need": Need,
    "public": Public,
    "activity": Activity,
    "kind": ProgrammeKind,
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
