"""The "Demandes" inbox (essaim/web/workspace/inbox.py): who reads which request, the moves,
take/assign, turn into a project, the navigation's count, the carrier's view."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from essaim.accompaniment.models import Project
from essaim.audit.models import Event
from essaim.orientation.models import ContactRequest, ContactState
from essaim.orientation.selectors import new_contact_requests_count
from essaim.orientation.services import contact_request_create
from tests.factories.accounts import MembershipFactory, UserFactory

pytestmark = pytest.mark.django_db

INBOX = reverse("workspace:contact_requests")


def send(programme, name="Camille Martin", sender=None, **extra):
    return contact_request_create(
        programme=programme,
        name=name,
        email=extra.pop("email", "camille@example.org"),
        message="Je prépare une épicerie solidaire.",
        consent=True,
        commune_code="34172",
        stage="emergence",
        needs=["financing"],
        by=sender or AnonymousUser(),
        **extra,
    )


@pytest.fixture
def mine(world):
    return send(world.programme_a)


@pytest.fixture
def theirs(world):
    return send(world.programme_b, name="Dominique")


def detail(item):
    return reverse("workspace:contact_request", args=[item.pk])


# --- the list --------------------------------------------------------------------------------


def test_staff_read_their_programme_s_requests_only(client, world, mine, theirs):
    client.force_login(world.member_a)
    response = client.get(INBOX)
    assert response.status_code == 200
    assert [r.pk for r in response.context["page"].object_list] == [mine.pk]
    assert f'id="demande-{theirs.pk}"' not in response.content.decode()


def test_the_list_filters_by_state(client, world, mine):
    answered = send(world.programme_a, name="Sacha", email="sacha@example.org")
    ContactRequest.objects.filter(pk=answered.pk).update(state=ContactState.ANSWERED)
    client.force_login(world.member_a)
    response = client.get(INBOX, {"state": "answered"})
    assert [r.pk for r in response.context["page"].object_list] == [answered.pk]
    assert ("new", "Nouvelle", 1) in response.context["tabs"]
    assert [r.pk for r in client.get(INBOX, {"state": "bogus"}).context["page"].object_list] == [
        answered.pk,
        mine.pk,
    ]


def test_anonymous_is_sent_to_login(client):
    response = client.get(INBOX)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_a_carrier_is_refused(client, world, mine):
    client.force_login(world.carrier)
    assert client.get(INBOX).status_code == 403


def test_the_list_answers_get_only(client, world):
    client.force_login(world.member_a)
    assert client.post(INBOX).status_code == 405


@pytest.mark.parametrize("count", [1, 7])
def test_the_list_costs_the_same_queries(client, world, count, django_assert_num_queries):
    for i in range(count):
        send(world.programme_a, name=f"Porteur {i}", email=f"p{i}@example.org")
    client.force_login(world.member_a)
    client.get(INBOX)  # the navigation's count, kept a minute in the session
    # session, user, memberships (rule), paginator count, page, counts by state
    with django_assert_num_queries(6):
        response = client.get(INBOX)
    assert len(response.context["page"].object_list) == count


def test_the_old_list_redirects_to_the_inbox(client, world):
    client.force_login(world.member_a)
    response = client.get(reverse("orientation:requests"), {"state": "new"})
    assert (response.status_code, response["Location"]) == (301, INBOX + "?state=new")


# --- the navigation's count ----------------------------------------------------------------


def test_the_navigation_counts_new_requests_in_one_query(world, mine, theirs, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert new_contact_requests_count(world.member_a) == 1
    with django_assert_num_queries(1):
        assert new_contact_requests_count(world.carrier) is None
    assert new_contact_requests_count(world.platform_admin) == 2
    assert new_contact_requests_count(world.viewer) == 0  # reads requests, none for its territory
    assert new_contact_requests_count(AnonymousUser()) is None


def test_the_navigation_shows_the_count_to_staff_only(client, world, mine):
    client.force_login(world.member_a)
    html = client.get(reverse("workspace:home")).content.decode()
    assert f'href="{INBOX}">Demandes <span class="badge">1' in html
    client.force_login(world.carrier)
    assert f'href="{INBOX}"' not in client.get(reverse("workspace:home")).content.decode()


# --- one request -----------------------------------------------------------------------------


def test_the_detail_shows_the_request_its_moves_and_its_log(client, world, mine):
    client.force_login(world.member_a)
    response = client.get(detail(mine))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Je prépare une épicerie solidaire." in html
    assert [move.name for move, _form in response.context["moves"]] == ["answer", "close"]
    assert response.context["can_turn"] is True
    assert [e.action for e in response.context["log"]] == ["create"]
    assert "visiteur sans compte a créé" in html


@pytest.mark.parametrize("actor", ["carrier", "staff_b", "viewer"])
def test_another_tenant_s_request_is_404(client, world, mine, theirs, actor):
    client.force_login(getattr(world, actor))
    for url in (
        detail(mine),
        reverse("workspace:contact_request_project", args=[mine.pk]),
    ):
        assert client.get(url).status_code == 404
    for name in ("contact_request_take", "contact_request_assign"):
        assert client.post(reverse(f"workspace:{name}", args=[mine.pk])).status_code == 404
    move = reverse("workspace:contact_request_move", args=[mine.pk, "answer"])
    assert client.post(move).status_code == 404
    assert ContactRequest.objects.get(pk=mine.pk).state == ContactState.NEW
    assert ContactRequest.objects.get(pk=mine.pk).handled_by is None


def test_the_detail_and_actions_ask_a_login(client, mine):
    assert client.get(detail(mine)).status_code == 302
    take = reverse("workspace:contact_request_take", args=[mine.pk])
    assert client.post(take).status_code == 302
    assert ContactRequest.objects.get(pk=mine.pk).handled_by is None


def test_wrong_methods(client, world, mine):
    client.force_login(world.member_a)
    assert client.post(detail(mine)).status_code == 405
    for name in ("contact_request_take", "contact_request_assign"):
        assert client.get(reverse(f"workspace:{name}", args=[mine.pk])).status_code == 405
    assert client.get(reverse("workspace:contact_request_move", args=[mine.pk, "answer"])).status_code == 405
    assert client.put(reverse("workspace:contact_request_project", args=[mine.pk])).status_code == 405


def test_take_and_assign_to_a_colleague_only(client, world, mine):
    client.force_login(world.member_a)
    client.post(reverse("workspace:contact_request_take", args=[mine.pk]))
    assert ContactRequest.objects.get(pk=mine.pk).handled_by == world.member_a
    assign = reverse("workspace:contact_request_assign", args=[mine.pk])
    client.post(assign, {"handler": world.admin_a.pk})
    assert ContactRequest.objects.get(pk=mine.pk).handled_by == world.admin_a
    response = client.post(assign, {"handler": world.staff_b.pk}, follow=True)
    assert "Choisissez une personne qui reçoit cette demande." in response.content.decode()
    assert ContactRequest.objects.get(pk=mine.pk).handled_by == world.admin_a
    client.post(assign, {"handler": ""})
    assert ContactRequest.objects.get(pk=mine.pk).handled_by is None
    changes = [
        e.changes["handled_by"]
        for e in Event.objects.for_object(mine).filter(action="update").order_by("at", "pk")
    ]
    assert changes == [
        [None, world.member_a.pk],
        [world.member_a.pk, world.admin_a.pk],
        [world.admin_a.pk, None],
    ]


def test_close_needs_a_reason_and_the_carrier_reads_only_the_note(client, world):
    item = send(world.programme_a, sender=world.carrier, email=world.carrier.email)
    client.force_login(world.member_a)
    close = reverse("workspace:contact_request_move", args=[item.pk, "close"])
    response = client.post(close, {"close-comment": ""}, follow=True)
    assert "Indiquez pourquoi la demande est close." in response.content.decode()
    client.post(close, {"close-comment": "Hors de notre territoire", "close-carrier_note": "Voyez la CRESS."})
    item.refresh_from_db()
    assert (item.state, item.carrier_note) == (ContactState.CLOSED, "Voyez la CRESS.")
    client.force_login(world.carrier)
    html = client.get(reverse("workspace:home")).content.decode()
    assert f'id="ma-demande-{item.pk}"' in html
    assert "Demande close" in html and "Voyez la CRESS." in html
    assert "Hors de notre territoire" not in html


def test_a_move_refused_by_the_state_says_why(client, world, mine):
    client.force_login(world.member_a)
    response = client.post(reverse("workspace:contact_request_move", args=[mine.pk, "reopen"]), follow=True)
    assert "Action « Rouvrir » impossible dans l&#x27;état « Nouvelle »." in response.content.decode()


# --- turn into a project ---------------------------------------------------------------------


def test_the_project_form_is_pre_filled_from_the_request(client, world, mine):
    client.force_login(world.member_a)
    response = client.get(reverse("workspace:contact_request_project", args=[mine.pk]))
    assert response.status_code == 200
    initial = response.context["form"].initial
    assert (initial["programme"], initial["name"], initial["life_stage"], initial["commune"].pk) == (
        world.programme_a,
        "Projet de Camille Martin",
        "emergence",
        "34172",
    )
    assert initial["summary"] == "Je prépare une épicerie solidaire.\n\nBesoins exprimés : Financement"
    assert initial["carrier_emails"] == "camille@example.org"


def test_turn_into_a_project_creates_exactly_one_and_is_refused_twice(client, world):
    item = send(world.programme_a, sender=world.carrier, email=world.carrier.email)
    client.force_login(world.member_a)
    url = reverse("workspace:contact_request_project", args=[item.pk])
    data = {
        "programme": world.programme_a.pk,
        "name": "Épicerie solidaire",
        "model": "carrier",
        "life_stage": "emergence",
        "commune": "34172",
        "summary": "Je prépare une épicerie solidaire.",
        "carrier_emails": "",
    }
    before = Project.objects.count()
    response = client.post(url, data)
    project = Project.objects.get(name="Épicerie solidaire")
    assert response["Location"] == reverse("workspace:project", args=[project.pk])
    item.refresh_from_db()
    assert (item.state, item.project_id) == (ContactState.PROJECT, project.pk)
    assert list(project.carriers.all()) == [world.carrier]
    assert (project.programme, project.commune_id, project.life_stage) == (
        world.programme_a,
        "34172",
        "emergence",
    )
    again = client.post(url, {**data, "name": "Deuxième"}, follow=True)
    assert "ne peut plus devenir un projet" in again.content.decode()
    assert Project.objects.count() == before + 1
    page = client.get(reverse("workspace:project", args=[project.pk])).content.decode()
    assert "Demande de contact reçue le" in page
    assert detail(item) in page
    client.force_login(world.carrier)
    home = client.get(reverse("workspace:home")).content.decode()
    assert "Votre projet est accompagné" in home


def test_a_viewer_who_runs_no_programme_cannot_turn_a_request_into_a_project(client, world):
    from essaim.orientation.services import contact_requests_create

    (item,) = contact_requests_create(
        programmes=[],
        territory=True,
        commune_code="34172",
        name="Camille",
        email="c@example.org",
        message="Bonjour",
        consent=True,
        by=AnonymousUser(),
    )
    viewer = world.viewer
    viewer.territory_scopes.update(kind="local_authority", level="departement", code="34")
    client.force_login(viewer)
    assert client.get(detail(item)).context["can_turn"] is False
    assert client.get(reverse("workspace:contact_request_project", args=[item.pk])).status_code == 403


def test_bad_input_in_the_project_form_is_a_400_with_the_field(client, world, mine):
    client.force_login(world.member_a)
    url = reverse("workspace:contact_request_project", args=[mine.pk])
    response = client.post(
        url, {"programme": world.programme_a.pk, "name": "", "model": "carrier", "commune": "34172"}
    )
    assert response.status_code == 400
    assert response.context["form"].errors["name"]
    other = client.post(
        url, {"programme": world.programme_b.pk, "name": "X", "model": "carrier", "commune": "34172"}
    )
    assert other.status_code == 400 and "programme" in other.context["form"].errors
    assert ContactRequest.objects.get(pk=mine.pk).state == ContactState.NEW


def test_a_staff_member_unknown_to_the_request_is_not_a_handler(world, mine):
    from essaim.orientation.recipients import contact_request_handlers

    assert set(contact_request_handlers(mine)) == {world.admin_a, world.member_a}
    inactive = MembershipFactory(organisation=world.org_a, user__is_active=False).user
    assert inactive not in contact_request_handlers(mine)
    assert UserFactory() not in contact_request_handlers(mine)
