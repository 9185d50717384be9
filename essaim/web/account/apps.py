from django.contrib.admin.apps import AdminConfig


class EssaimAdminConfig(AdminConfig):
    """django.contrib.admin, with our site class (second factor, see admin_site.py)."""

    default_site = "essaim.web.account.admin_site.EssaimAdminSite"
