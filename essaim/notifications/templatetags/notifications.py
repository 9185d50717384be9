from django import template

from essaim.notifications.urls import site_url as _site_url

register = template.Library()


@register.simple_tag
def site_url(viewname, *args, **kwargs) -> str:
    """`{% site_url "workspace:project" project.pk %}` → an absolute link for e-mails."""
    return _site_url(viewname, *args, **kwargs)
