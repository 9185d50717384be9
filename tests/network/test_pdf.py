from essaim.network.conductor import dashboard
from essaim.network.pdf import diagnostic_pdf
from essaim.network.selectors import territory_subject


def test_diagnostic_is_a_pdf(world):
    pdf = diagnostic_pdf(dashboard(territory_subject("departement", "34"), user=world.viewer))
    assert pdf[:5] == b"%PDF-"
    assert len(pdf) > 2000
