"""The mapping guessed from French and English headers (essaim/imports/columns.py)."""

from essaim.imports.columns import guess, mapping_problems, not_kept


def test_french_headers_as_incubators_write_them():
    headers = [
        "Réf.",
        "Nom du projet",
        "Porteur(s)",
        "Courriel du porteur principal",
        "Tél.",
        "Ville",
        "Date d'entrée",
    ]
    assert guess(headers, "projects") == [
        "reference",
        "name",
        "carrier_names",
        "carrier_emails",
        "",
        "commune",
        "started_on",
    ]
    assert not_kept("Tél.")


def test_english_headers():
    headers = ["Project ID", "Project name", "City", "Start date", "Founder email", "Summary"]
    assert guess(headers, "projects") == [
        "reference",
        "name",
        "commune",
        "started_on",
        "carrier_emails",
        "summary",
    ]


def test_each_field_is_guessed_once_the_first_column_winning():
    assert guess(["Nom", "Nom"], "projects") == ["name", ""]


def test_experts_with_first_and_last_names_and_meetings_in_hours():
    assert guess(["Prénom", "Nom", "E-mail", "Zone d'intervention"], "experts") == [
        "first_name",
        "full_name",
        "email",
        "territories",
    ]
    assert guess(["Réf projet", "Date", "Durée (heures)", "Compte rendu"], "meetings") == [
        "project_reference",
        "date",
        "duration_hours",
        "topics",
    ]


def test_mapping_problems_name_what_is_missing_or_doubled():
    assert mapping_problems(["name", "name"], "projects") == [
        "Choisissez la colonne qui contient « Référence du projet » (obligatoire).",
        "« Nom du projet » est choisi pour plusieurs colonnes : gardez-en une.",
    ]
    assert mapping_problems(["project_reference", "date"], "meetings") == [
        "Choisissez la colonne qui contient la durée des rendez-vous (en minutes ou en heures)."
    ]
    assert mapping_problems(["reference", "name"], "projects") == []
