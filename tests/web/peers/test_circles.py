"""Pages of the peer circles and of the pooled resources: every URL × right actor, anonymous,
another programme's staff (404 on ids), a member who does not run the circle (403), wrong
methods; query counts; bad input says why and saves nothing."""

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from essaim.accompaniment.models import Meeting
from essaim.peers import services
from essaim.peers.models import Circle, CircleMeeting, PooledResource
from tests.peers.factories import build_world

YESTERDAY = timezone.localdate() - dt.timedelta(days=1)


@pytest.fixture
def w(db):
    w = build_world()
    w.circle = services.circle_create(programme=w.pa, by=w.a_staff, name="Cercle alimentation")
    services.circle_member_add(circle=w.circle, by=w.a_staff, member=w.ca)
    w.meeting = services.circle_meeting_record(
        circle=w.circle,
        by=w.a_staff,
        date=YESTERDAY,
        duration_minutes=60,
        topic="Fournisseurs",
        attendees=[w.ca],
    )
    w.pooled = services.pooled_create(
        register=w.eco, by=w.cb, kind="equipment", title="Camion frigorifique", description="Le week-end."
    )
    return w


def _html(response) -> str:
    return response.content.decode()


def _circle_urls(w):
    c = w.circle.pk
    return {
        "circle": ("GET", reverse("peers:circle", args=[c])),
        "member_add": ("POST", reverse("peers:circle_member_add", args=[c])),
        "member_remove": ("POST", reverse("peers:circle_member_remove", args=[c, w.ca.pk])),
        "meeting": ("POST", reverse("peers:circle_meeting", args=[c])),
        "meeting_delete": ("POST", reverse("peers:circle_meeting_delete", args=[c, w.meeting.pk])),
    }


def test_anonymous_goes_to_login(client, w):
    urls = [*_circle_urls(w).values(), ("GET", reverse("peers:circles")), ("GET", reverse("peers:pooled"))]
    urls.append(("POST", reverse("peers:pooled_delete", args=[w.pooled.pk])))
    for method, url in urls:
        response = client.generic(method, url)
        assert response.status_code == 302 and "connexion" in response["Location"], url


def test_wrong_methods(client, w):
    client.force_login(w.a_staff)
    for name, (method, url) in _circle_urls(w).items():
        assert client.generic("POST" if method == "GET" else "GET", url).status_code == 405, name
    assert client.put(reverse("peers:circles")).status_code == 405
    assert client.get(reverse("peers:pooled_delete", args=[w.pooled.pk])).status_code == 405


@pytest.mark.parametrize("who", ["b_staff", "cb", "o_staff", "ca2"])
def test_outsiders_get_404_on_every_circle_url(client, w, who):
    client.force_login(getattr(w, who))
    for name, (method, url) in _circle_urls(w).items():
        assert client.generic(method, url).status_code == 404, name
    assert w.circle.members.count() == 1 and CircleMeeting.objects.count() == 1


def test_a_member_reads_the_circle_but_does_not_run_it(client, w):
    client.force_login(w.ca)
    html = _html(client.get(reverse("peers:circle", args=[w.circle.pk])))
    assert "Fournisseurs" in html and reverse("peers:circle_meeting", args=[w.circle.pk]) not in html
    for name, (method, url) in _circle_urls(w).items():
        if method == "POST":
            assert client.post(url).status_code == 403, name


def test_staff_create_a_circle_add_a_member_record_and_delete_a_meeting(client, w):
    client.force_login(w.a_staff)
    response = client.post(reverse("peers:circles"), {"programme": w.pa.pk, "name": "Cercle numérique"})
    circle = Circle.objects.get(name="Cercle numérique")
    assert response.status_code == 302 and response["Location"] == reverse("peers:circle", args=[circle.pk])
    assert (
        client.post(reverse("peers:circle_member_add", args=[circle.pk]), {"member": w.ca2.pk}).status_code
        == 302
    )
    data = {"date": YESTERDAY.isoformat(), "duration_minutes": 45, "topic": "Outils", "attendees": [w.ca2.pk]}
    assert client.post(reverse("peers:circle_meeting", args=[circle.pk]), data).status_code == 302
    assert Meeting.objects.filter(project=w.project_a2, duration_minutes=45).exists()
    meeting = circle.meetings.get()
    url = reverse("peers:circle_meeting_delete", args=[circle.pk, meeting.pk])
    assert client.post(url).status_code == 302
    assert not Meeting.objects.filter(project=w.project_a2).exists()
    url = reverse("peers:circle_member_remove", args=[circle.pk, w.ca2.pk])
    assert client.post(url).status_code == 302 and not circle.members.exists()


def test_a_meeting_of_another_circle_is_a_404(client, w):
    other = services.circle_create(programme=w.pa, by=w.a_staff, name="Autre")
    client.force_login(w.a_staff)
    assert (
        client.post(reverse("peers:circle_meeting_delete", args=[other.pk, w.meeting.pk])).status_code == 404
    )
    assert client.post(reverse("peers:circle_member_remove", args=[other.pk, w.ca.pk])).status_code == 404
    assert CircleMeeting.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"topic": ""}, "Ce champ est obligatoire."),
        ({"duration_minutes": 0}, "supérieure ou égale à 1"),
        ({"attendees": []}, "Ce champ est obligatoire."),
        ({"date": (timezone.localdate() + dt.timedelta(days=3)).isoformat()}, "le jour même ou après"),
    ],
)
def test_a_bad_meeting_says_why_and_saves_nothing(client, w, change, message):
    client.force_login(w.a_staff)
    data = {
        "date": YESTERDAY.isoformat(),
        "duration_minutes": 45,
        "topic": "Outils",
        "attendees": [w.ca.pk],
        **change,
    }
    response = client.post(reverse("peers:circle_meeting", args=[w.circle.pk]), data)
    assert response.status_code == 400 and message in _html(response)
    assert CircleMeeting.objects.count() == 1


def test_a_carrier_may_not_create_a_circle(client, w):
    client.force_login(w.ca)
    assert "Créer un cercle" not in _html(client.get(reverse("peers:circles")))
    assert client.post(reverse("peers:circles"), {"programme": w.pa.pk, "name": "X"}).status_code == 403
    client.force_login(w.a_staff)
    response = client.post(reverse("peers:circles"), {"programme": w.pa.pk, "name": ""})
    assert response.status_code == 400 and Circle.objects.count() == 1


@pytest.mark.parametrize("n", [1, 8])
def test_circle_pages_query_count(client, w, django_assert_max_num_queries, n):
    for i in range(n):
        circle = services.circle_create(programme=w.pa, by=w.a_staff, name=f"Cercle {i}")
        services.circle_member_add(circle=circle, by=w.a_staff, member=w.ca)
        services.circle_meeting_record(
            circle=w.circle,
            by=w.a_staff,
            date=YESTERDAY,
            duration_minutes=30,
            topic=f"S{i}",
            attendees=[w.ca],
        )
    client.force_login(w.a_staff)
    client.get(reverse("peers:circles"))
    with django_assert_max_num_queries(10):
        assert client.get(reverse("peers:circles")).status_code == 200
    with django_assert_max_num_queries(14):
        assert client.get(reverse("peers:circle", args=[w.circle.pk])).status_code == 200


def test_pooled_register(client, w):
    client.force_login(w.ca)  # a member of the ecosystem
    html = _html(client.get(reverse("peers:pooled")))
    assert "Camion frigorifique" in html
    assert reverse("peers:pooled_delete", args=[w.pooled.pk]) not in html
    assert client.post(reverse("peers:pooled_delete", args=[w.pooled.pk])).status_code == 403
    data = {
        "register": f"ecosystem:{w.eco.pk}",
        "kind": "service",
        "title": "Compta partagée",
        "description": "Oui.",
    }
    assert client.post(reverse("peers:pooled"), data).status_code == 302
    response = client.post(reverse("peers:pooled"), {**data, "description": "x" * 5001})
    assert response.status_code == 400 and "5000 caractères" in _html(response)
    assert PooledResource.objects.count() == 2
    client.force_login(w.co)  # outside the ecosystem
    assert "Camion frigorifique" not in _html(client.get(reverse("peers:pooled")))
    assert client.post(reverse("peers:pooled_delete", args=[w.pooled.pk])).status_code == 404
    assert client.post(reverse("peers:pooled"), data).status_code == 400
    client.force_login(w.cb)  # its author
    assert client.post(reverse("peers:pooled_delete", args=[w.pooled.pk])).status_code == 302


@pytest.mark.parametrize("n", [1, 10])
def test_pooled_query_count(client, w, django_assert_max_num_queries, n):
    PooledResource.objects.bulk_create(
        PooledResource(ecosystem=w.eco, offered_by=w.cb, kind="service", title=f"S{i}", description="d")
        for i in range(n)
    )
    client.force_login(w.ca)
    client.get(reverse("peers:pooled"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("peers:pooled")).status_code == 200


def test_the_board_links_circles_and_the_register(client, w):
    client.force_login(w.ca)
    html = _html(client.get(reverse("peers:list")))
    assert reverse("peers:circles") in html and reverse("peers:pooled") in html
