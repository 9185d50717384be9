"""Sentences that say why two figures of a report differ, when they do (the report's figures
come from `evidence.selectors.report`; nothing is computed here but their comparison)."""

from django.utils.translation import gettext as _

from essaim.core.french import format_number


def _plain(value) -> float | None:
    """A figure as a number; None when it is masked (small cells) or missing."""
    return float(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _etp(value: float) -> str:
    return format_number(value, 0 if value == int(value) else 2)


def jobs_note(report) -> str:
    """Why the key figure "Emplois (ETP)" and the last year of the jobs chart differ, with both
    numbers; empty when they agree or one of them is masked.

    The key figure adds up the jobs declared at the last check-in of every enterprise still
    active, however old that check-in; the chart counts the jobs in place at 31 December of each
    year and carries an enterprise's last known jobs for two years at most after its last
    check-in (`evidence.facts.CARRY_YEARS`)."""
    if not report.jobs:
        return ""
    last = report.jobs[-1]
    key, chart = _plain(report.fte), _plain(last["fte"])
    if key is None or chart is None or abs(key - chart) < 0.005:
        return ""
    return _(
        "Ici, le graphique compte %(chart)s ETP en %(year)s et le chiffre clé %(key)s ETP : le chiffre "
        "clé garde les emplois des entreprises dont le dernier point de suivi date de plus de deux ans, "
        "le graphique ne les reporte plus."
    ) % {"chart": _etp(chart), "year": last["year"], "key": _etp(key)}
