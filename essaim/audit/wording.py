"""The activity log in words, for programme admins: never a Python dict."""

from django.apps import apps
from django.utils.translation import gettext as _

from essaim.audit.models import Action, Event


def _kind(event: Event) -> str:
    try:
        return str(apps.get_model(event.object_type)._meta.verbose_name)
    except (LookupError, ValueError):
        return ""


def _field_label(event: Event, name: str) -> str:
    try:
        return str(apps.get_model(event.object_type)._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 — a field that no longer exists, or a computed key
        return name.replace("_", " ")


def state_label(event: Event, key: str) -> str:
    from essaim.core.workflow import REGISTRY  # cycle: the kernel writes through audit

    workflow = REGISTRY.get(event.workflow)
    if workflow is None or not key:
        return key or "—"
    return workflow.state_label(key)


def describe(event: Event) -> str:
    who = event.actor_label or _("système")
    values = {"actor": who, "object": event.object_repr or "—", "kind": _kind(event)}
    if event.action == Action.TRANSITION:
        values |= {"from": state_label(event, event.from_state), "to": state_label(event, event.to_state)}
        text = _("%(actor)s a fait passer « %(object)s » (%(kind)s) de « %(from)s » à « %(to)s ».") % values
        if event.comment:
            text += " " + _("Motif : %(comment)s") % {"comment": event.comment}
        return text
    if event.action == Action.CREATE:
        return _("%(actor)s a créé « %(object)s » (%(kind)s).") % values
    if event.action == Action.DELETE:
        return _("%(actor)s a supprimé « %(object)s » (%(kind)s).") % values
    if event.action == Action.VALIDATE:
        return _("%(actor)s a validé « %(object)s » (%(kind)s).") % values
    if event.action == Action.ANONYMISE:
        return _("%(actor)s a anonymisé « %(object)s » (%(kind)s).") % values
    fields = [_field_label(event, name) for name in (event.changes or {}) if not name.startswith("_")]
    if fields:
        values["fields"] = ", ".join(fields)
        return _("%(actor)s a modifié « %(object)s » (%(kind)s) : %(fields)s.") % values
    return _("%(actor)s a modifié « %(object)s » (%(kind)s).") % values
