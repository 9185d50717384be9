"""`{% load french %}`: French grammar and typography in templates (see essaim/core/french.py).

    {{ place.name|in_place:place.level }}     dans l'Hérault · en Lozère · à Paris · au Havre
    {{ place.name|of_place:place.level }}     de l'Hérault · de la Lozère · du Gard
    {{ programme.name|of_name }}              d'Alter'Incub · de REPLIC
    {{ count|counted:_("dispositif|dispositifs") }}   0 dispositif · 1 dispositif · 2 dispositifs
    {{ value|number }} {{ value|number:2 }}   12 500 · 12 500,50
    {{ value|amount }} {{ value|amount:2 }}   12 500,50 € · 12 500 € · 7,00 €
    {{ value|percent }}                       53 %

Output is escaped like any other value. In English they give "in Hérault", "of Alter'Incub",
"12,500.50", "€12,500.50".
"""

from django import template

from essaim.core import french

register = template.Library()


@register.filter
def in_place(name, level=None) -> str:
    return french.in_place(str(name) if name is not None else "", level or None)


@register.filter
def of_place(name, level=None) -> str:
    return french.of_place(str(name) if name is not None else "", level or None)


@register.filter
def of_name(name) -> str:
    return french.of_name(str(name) if name is not None else "")


@register.filter
def counted(count, forms: str) -> str:
    """`{{ n|counted:_("dispositif/dispositifs") }}`: the number and its noun, singular or plural.

    The two forms are one translatable string, separated by "/" (makemessages cuts a `{{ … }}`
    tag at every "|", even inside quotes, and would extract a broken message; "|" still works
    inside `{% blocktranslate with … %}` and from Python). French counts 0 and 1 as singular.
    """
    text = str(forms)
    singular, _bar, plural = text.partition("|" if "|" in text else "/")
    return french.count_words(count, singular, plural or singular)


@register.filter
def number(value, decimals=0) -> str:
    return french.format_number(value, int(decimals or 0))


@register.filter
def amount(value, decimals=None) -> str:
    return french.format_amount(value, decimals=None if decimals in (None, "") else int(decimals))


@register.filter
def percent(value, decimals=0) -> str:
    return french.format_percent(value, int(decimals or 0))
