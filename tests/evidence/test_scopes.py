import pytest

from essaim.evidence.scopes import (
    Period,
    ScopeError,
    ScopeNotFound,
    access,
    parse_period,
    parse_scope,
    reports_for,
)
from tests.factories.accounts import MembershipFactory, TerritoryScopeFactory, UserFactory
from tests.factories.directory import ProgrammeFactory
from tests.factories.financing import FunderFactory

pytestmark = pytest.mark.django_db


def test_parse_scope():
    programme = ProgrammeFactory(slug="alter-incub")
    assert parse_scope("programme:alter-incub").programme == programme
    scope = parse_scope("territory:region:76")
    assert (scope.kind, scope.level, scope.code, scope.label) == ("territory", "region", "76", "Occitanie")
    assert parse_scope("territory:national").ref == "territory:national:FR"
    for bad in ("", "region:76", "territory:planet:3", "programme:"):
        with pytest.raises(ScopeError):
            parse_scope(bad)
    for unknown in ("programme:nope", "territory:region:99", "funder:nope"):
        with pytest.raises(ScopeNotFound):
            parse_scope(unknown)


def test_parse_period():
    assert parse_period("2015", "2020") == Period(2015, 2020)
    assert parse_period(None, "") == Period()
    with pytest.raises(ScopeError) as exc:
        parse_period("deux", None)
    assert exc.value.field == "de"
    with pytest.raises(ScopeError):
        parse_period("2020", "2015")


def test_access_matrix():
    programme = ProgrammeFactory()
    staff = MembershipFactory(organisation=programme.organisation).user
    stranger = MembershipFactory().user
    viewer = TerritoryScopeFactory(level="region", code="76").user
    admin = UserFactory(admin=True)
    carrier = UserFactory(carrier=True)
    own = parse_scope(f"programme:{programme.slug}")
    region = parse_scope("territory:region:76")
    herault = parse_scope("territory:departement:34")
    idf = parse_scope("territory:region:11")
    assert [access(u, own) for u in (staff, stranger, viewer, admin, carrier)] == [
        "inside",
        None,
        None,
        "inside",
        None,
    ]
    assert [access(u, region) for u in (staff, viewer, admin, carrier)] == [None, "outside", "outside", None]
    assert access(viewer, herault) == "outside"
    assert access(viewer, idf) is None
    funder = FunderFactory(organisation=programme.organisation)
    scope = parse_scope(f"funder:{funder.slug}")
    assert [access(u, scope) for u in (staff, stranger, viewer, admin)] == ["outside", None, None, "outside"]
    assert [s.ref for s in reports_for(viewer)] == ["territory:region:76"]
    assert [s.ref for s in reports_for(staff)] == [f"programme:{programme.slug}", f"funder:{funder.slug}"]
