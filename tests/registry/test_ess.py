"""essaim.registry.ess: the ESS bases of a followed enterprise from the registry and its legal form."""

import datetime as dt

import pytest
from django.utils import timezone

from essaim.evidence.models import Enterprise
from essaim.registry import ess
from essaim.registry.enums import EssBasis, RegistryState, Source
from essaim.registry.models import EssStatus, LegalUnit
from tests.factories.evidence import EnterpriseFactory
from tests.registry.factories import AS_OF, legal_unit


def unit(**kwargs) -> LegalUnit:
    fields = {"siren": "302228184", "state": RegistryState.ACTIVE, "source": Source.STOCK, "as_of": AS_OF}
    return LegalUnit(**(fields | kwargs))


def test_no_unit_and_a_legal_form_that_says_nothing():
    assert ess.registry_bases(Enterprise(legal_form="association"), None) == []
    assert ess.registry_bases(Enterprise(legal_form="sas"), unit(legal_category="5710")) == []


def test_the_insee_and_siae_flags_are_copied_with_their_source_and_date():
    bases = ess.registry_bases(Enterprise(legal_form="association"), unit(is_ess=False, is_siae=True))
    assert bases == [
        {"basis": EssBasis.INSEE_FLAG, "is_ess": False, "source": Source.STOCK, "as_of": AS_OF},
        {"basis": EssBasis.SIAE, "is_ess": True, "source": Source.STOCK, "as_of": AS_OF},
    ]


@pytest.mark.parametrize("category", ["5458", "5558", "5658"])
def test_a_scop_legal_category_is_an_ess_basis_of_the_registry(category):
    bases = ess.registry_bases(
        Enterprise(legal_form="scic"), unit(legal_category=category, source=Source.API)
    )
    assert bases == [
        {
            "basis": EssBasis.LEGAL_FORM,
            "is_ess": True,
            "source": Source.API,
            "as_of": AS_OF,
            "reference": f"catégorie juridique {category}",
        }
    ]


@pytest.mark.parametrize(("legal_form", "label"), [("scop", "SCOP"), ("scic", "SCIC")])
def test_a_declared_cooperative_form_is_a_declared_basis(legal_form, label):
    bases = ess.registry_bases(Enterprise(legal_form=legal_form), unit(is_ess=True, legal_category="5710"))
    assert bases == [
        {"basis": EssBasis.INSEE_FLAG, "is_ess": True, "source": Source.STOCK, "as_of": AS_OF},
        {
            "basis": EssBasis.LEGAL_FORM,
            "is_ess": True,
            "source": Source.DECLARED,
            "as_of": timezone.localdate(),
            "reference": label,
        },
    ]
    assert ess.registry_bases(Enterprise(legal_form=legal_form), None)[0]["source"] == Source.DECLARED


@pytest.mark.django_db
def test_refresh_writes_one_row_a_basis_and_updates_it():
    scop = EnterpriseFactory(siret="30222818400057", legal_form="scop")
    plain = EnterpriseFactory(siret="55208131766522", legal_form="association")
    EnterpriseFactory(siret=None, legal_form="scic")  # no SIRET: not read
    legal_unit("302228184", is_ess=True, category="5458")
    legal_unit("552081317", is_ess=False)
    assert ess.refresh(Enterprise.objects.all()) == 3
    rows = EssStatus.objects.order_by("enterprise_id", "basis").values_list(
        "enterprise_id", "basis", "is_ess", "source", "reference", "as_of"
    )
    assert list(rows) == [
        (scop.pk, EssBasis.INSEE_FLAG, True, Source.STOCK, "", AS_OF),
        (scop.pk, EssBasis.LEGAL_FORM, True, Source.STOCK, "catégorie juridique 5458", AS_OF),
        (plain.pk, EssBasis.INSEE_FLAG, False, Source.STOCK, "", AS_OF),
    ]
    LegalUnit.objects.filter(siren="552081317").update(is_ess=True, as_of=dt.date(2026, 12, 1))
    assert ess.refresh(Enterprise.objects.filter(pk=plain.pk)) == 1
    assert list(EssStatus.objects.filter(enterprise=plain).values_list("basis", "is_ess", "as_of")) == [
        (EssBasis.INSEE_FLAG, True, dt.date(2026, 12, 1))
    ]
    assert EssStatus.objects.count() == 3


@pytest.mark.django_db
def test_refresh_of_enterprises_unknown_to_the_registry():
    EnterpriseFactory(siret="30222818400057", legal_form="association")
    assert ess.refresh(Enterprise.objects.all()) == 0
    assert ess.refresh(Enterprise.objects.none()) == 0
    assert EssStatus.objects.count() == 0
