"""The domiciliation register: SIRET checked (Luhn), dates bounded and ordered, one active
contract per enterprise and place, mail received then handed over once, the end of the contract
through the workflow; the wrong people and bad input change nothing."""

import datetime as dt

import pytest

from essaim.audit.models import Event
from essaim.core.errors import PermissionDenied, TransitionNotAllowed, ValidationError
from essaim.places import services
from essaim.places.models import Domiciliation, MailItem
from essaim.places.workflows import DOMICILIATION
from tests.factories.accompaniment import ProjectFactory
from tests.factories.accounts import MembershipFactory as StaffFactory
from tests.factories.directory import ProgrammeFactory
from tests.places.factories import PlaceFactory, staff_of

pytestmark = pytest.mark.django_db

SIRET = "732 829 320 00074"


@pytest.fixture
def place():
    return PlaceFactory()


def _create(place, by, **kw):
    fields = {"name": "Les Jardins  de Cocagne", "siret": SIRET, "starts_on": dt.date(2026, 1, 1), **kw}
    return services.domiciliation_create(place=place, by=by, **fields)


def test_the_staff_registers_an_enterprise(place):
    staff = staff_of(place)
    project = ProjectFactory(programme=ProgrammeFactory(organisation=place.organisation))
    item = _create(place, staff, ends_on=dt.date(2027, 1, 1), project=project)
    assert (item.name, item.siret, item.state, item.project_id) == (
        "Les Jardins de Cocagne",
        "73282932000074",
        "active",
        project.pk,
    )
    assert Event.objects.filter(object_id=item.pk, action="create").count() == 1


BAD = sorted(
    {
        "siret_luhn": ({"siret": "73282932000075"}, "siret"),
        "siret_short": ({"siret": "1234"}, "siret"),
        "no_name": ({"name": "  "}, "name"),
        "end_before_start": ({"ends_on": dt.date(2025, 1, 1)}, "ends_on"),
        "year_1": ({"starts_on": dt.date(1, 1, 1)}, "starts_on"),
    }.items()
)


@pytest.mark.parametrize(("case", "fields_and_field"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_names_the_field_and_writes_nothing(place, case, fields_and_field):
    fields, field = fields_and_field
    with pytest.raises(ValidationError) as exc:
        _create(place, staff_of(place), **fields)
    assert list(exc.value.message_dict) == [field]
    assert Domiciliation.objects.count() == 0


def test_another_team_s_project_is_refused(place):
    with pytest.raises(ValidationError) as exc:
        _create(place, staff_of(place), project=ProjectFactory())
    assert list(exc.value.message_dict) == ["project"]


def test_an_enterprise_is_domiciled_once_at_a_time(place):
    staff = staff_of(place)
    first = _create(place, staff)
    with pytest.raises(ValidationError) as exc:
        _create(place, staff)
    assert list(exc.value.message_dict) == ["siret"]
    services.domiciliation_end(domiciliation=first, by=staff, on=dt.date(2026, 6, 30))
    again = _create(place, staff, starts_on=dt.date(2026, 9, 1))
    assert Domiciliation.objects.filter(siret="73282932000074").count() == 2
    assert again.state == "active"


def test_other_people_may_not_write(place):
    outsider = StaffFactory().user
    with pytest.raises(PermissionDenied):
        _create(place, outsider)
    item = _create(place, staff_of(place))
    with pytest.raises(PermissionDenied):
        services.mail_receive(domiciliation=item, by=outsider)
    with pytest.raises(PermissionDenied):
        services.domiciliation_end(domiciliation=item, by=outsider)
    assert Domiciliation.objects.get(pk=item.pk).state == "active"
    assert MailItem.objects.count() == 0


def test_mail_is_received_then_handed_over_once(place):
    staff = staff_of(place)
    item = _create(place, staff)
    mail = services.mail_receive(
        domiciliation=item, by=staff, kind="registered", sender="URSSAF", received_on=dt.date(2026, 3, 2)
    )
    assert (mail.kind, mail.sender, mail.handed_over_on) == ("registered", "URSSAF", None)
    with pytest.raises(ValidationError):
        services.mail_hand_over(item=mail, by=staff, on=dt.date(2026, 3, 1))
    services.mail_hand_over(item=mail, by=staff, on=dt.date(2026, 3, 4))
    assert MailItem.objects.get(pk=mail.pk).handed_over_on == dt.date(2026, 3, 4)
    with pytest.raises(ValidationError, match="déjà été remis"):
        services.mail_hand_over(item=mail, by=staff, on=dt.date(2026, 3, 5))
    with pytest.raises(ValidationError) as exc:
        services.mail_receive(domiciliation=item, by=staff, kind="pigeon")
    assert list(exc.value.message_dict) == ["kind"]


def test_the_end_of_the_contract_is_a_move_and_stops_the_mail(place):
    staff = staff_of(place)
    item = _create(place, staff)
    assert [t.name for t in DOMICILIATION.available(item, staff)] == ["end"]
    ended = services.domiciliation_end(domiciliation=item, by=staff, on=dt.date(2026, 12, 31))
    assert (ended.state, ended.ended_on) == ("ended", dt.date(2026, 12, 31))
    assert DOMICILIATION.available(ended, staff) == []
    with pytest.raises(TransitionNotAllowed):
        services.domiciliation_end(domiciliation=ended, by=staff)
    with pytest.raises(ValidationError) as exc:
        services.mail_receive(domiciliation=ended, by=staff)
    assert list(exc.value.message_dict) == ["domiciliation"]
    with pytest.raises(ValidationError):
        services.domiciliation_end(domiciliation=_create(place, staff), by=staff, on=dt.date(2025, 1, 1))
