from django.urls import path, register_converter

from essaim.web.reports import financing_views, outcome_views, views

app_name = "reports"


class FormatConverter:
    regex = "csv|xlsx|pdf"

    def to_python(self, value):
        return value

    def to_url(self, value):
        return value


register_converter(FormatConverter, "fmt")

SCOPES = [
    ("programme", "dispositif/<slug:slug>"),
    ("territory", "territoire/<slug:level>/<str:code>"),
    ("funder", "financeur/<slug:slug>"),
    ("call", "appel/<int:call_id>"),
]

urlpatterns = [
    path("", views.index, name="index"),
    path("financeurs/", financing_views.funders, name="funders"),
    path("fichiers/<int:file_id>/", views.file_status, name="file"),
    path("fichiers/<int:file_id>/telecharger/", views.file_download, name="file_download"),
    path("projets/<int:project_id>/tour-de-table/", financing_views.funding_round, name="funding_round"),
    path("projets/<int:project_id>/tour-de-table/besoins/", financing_views.need_add, name="need_add"),
    path(
        "projets/<int:project_id>/tour-de-table/ressources/",
        financing_views.resource_add,
        name="resource_add",
    ),
    path("projets/<int:project_id>/resultats/", outcome_views.outcomes, name="outcomes"),
    path(
        "projets/<int:project_id>/resultats/entreprise/",
        outcome_views.enterprise_save,
        name="enterprise_save",
    ),
    path(
        "projets/<int:project_id>/resultats/mesures/", outcome_views.measurement_add, name="measurement_add"
    ),
    path("projets/<int:project_id>/resultats/cibles/", outcome_views.target_add, name="target_add"),
    path("dispositif/<slug:slug>/budget/", outcome_views.programme_budget, name="programme_budget"),
    path("dispositif/<slug:slug>/budget/lignes/", outcome_views.budget_line_set, name="budget_line_set"),
    path(
        "dispositif/<slug:slug>/indicateurs/", outcome_views.programme_indicators, name="programme_indicators"
    ),
    path(
        "projets/<int:project_id>/tour-de-table/ressources/<int:resource_id>/statut/",
        financing_views.resource_status,
        name="resource_status",
    ),
]
for kind, prefix in SCOPES:
    urlpatterns += [
        path(f"{prefix}/", views.report_page, {"kind": kind}, name=kind),
        path(f"{prefix}/rapport.<fmt:fmt>", views.report_export, {"kind": kind}, name=f"{kind}_export"),
        path(f"{prefix}/produire/", views.report_generate, {"kind": kind}, name=f"{kind}_generate"),
    ]
