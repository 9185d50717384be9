"""The help board's pages: every URL × right actor, anonymous, another board's member (404 on
ids), wrong method; query counts of the lists; bad input gives its French message and saves
nothing."""

import pytest
from django.urls import reverse

from essaim.peers import services
from essaim.peers.models import Answer, Post, Report
from tests.peers.factories import QUESTION, build_world, person


@pytest.fixture
def w(db):
    w = build_world()
    w.answer = services.answer_create(post=w.post_a, by=w.ca2, body="Nous avons choisi la SCIC.")
    return w


def _html(response) -> str:
    return response.content.decode()


def _urls(w):
    """Every URL of the board, for post_a (and its answer)."""
    p, a = w.post_a.pk, w.answer.pk
    return {
        "list": ("GET", reverse("peers:list")),
        "create": ("GET", reverse("peers:create")),
        "detail": ("GET", reverse("peers:detail", args=[p])),
        "answer": ("POST", reverse("peers:answer", args=[p])),
        "report": ("POST", reverse("peers:report", args=[p])),
        "moderate": ("POST", reverse("peers:moderate", args=[p])),
        "answer_moderate": ("POST", reverse("peers:answer_moderate", args=[p, a])),
        "answer_recommend": ("POST", reverse("peers:answer_recommend", args=[p, a])),
    }


def test_anonymous_is_sent_to_login_everywhere(client, w):
    for method, url in _urls(w).values():
        response = client.generic(method, url)
        assert response.status_code == 302 and "connexion" in response["Location"], url


def test_wrong_methods(client, w):
    client.force_login(w.a_staff)
    for name, (method, url) in _urls(w).items():
        wrong = "POST" if method == "GET" else "GET"
        if name == "create":
            wrong = "PUT"
        assert client.generic(wrong, url).status_code == 405, name


@pytest.mark.parametrize("who", ["cb", "b_staff", "co", "o_staff"])
def test_another_boards_member_gets_404_on_every_post_url(client, w, who):
    client.force_login(getattr(w, who))
    for name, (method, url) in _urls(w).items():
        if name in ("list", "create"):
            continue
        assert client.generic(method, url).status_code == 404, name
    assert Answer.objects.count() == 1 and not Report.objects.exists()


def test_a_member_reads_answers_and_reports_but_does_not_moderate(client, w):
    client.force_login(w.ca)
    html = _html(client.get(reverse("peers:detail", args=[w.post_a.pk])))
    assert "Nous avons choisi la SCIC." in html
    assert reverse("peers:moderate", args=[w.post_a.pk]) not in html
    assert reverse("peers:answer_recommend", args=[w.post_a.pk, w.answer.pk]) not in html
    for name in ("moderate", "answer_moderate", "answer_recommend"):
        _method, url = _urls(w)[name]
        assert client.post(url, {"action": "hide"}).status_code == 403, name
    response = client.post(
        reverse("peers:report", args=[w.post_a.pk]), {"answer": w.answer.pk, "reason": "Hors sujet"}
    )
    assert response.status_code == 302
    assert Report.objects.get().answer == w.answer


def test_list_shows_each_person_their_boards(client, w):
    client.force_login(w.ca)
    html = _html(client.get(reverse("peers:list")))
    assert reverse("peers:detail", args=[w.post_a.pk]) in html
    assert reverse("peers:detail", args=[w.post_e.pk]) in html
    client.force_login(w.cb)
    html = _html(client.get(reverse("peers:list")))
    assert reverse("peers:detail", args=[w.post_a.pk]) not in html
    assert reverse("peers:detail", args=[w.post_e.pk]) in html
    client.force_login(person("lone", carrier=True))  # no project, no team
    html = _html(client.get(reverse("peers:list")))
    assert "en avez pas encore" in html
    assert reverse("peers:create") not in html


def test_list_filters(client, w):
    client.force_login(w.ca)
    url = reverse("peers:list")
    html = _html(client.get(url, {"kind": "offer"}))
    assert reverse("peers:detail", args=[w.post_e.pk]) in html
    assert reverse("peers:detail", args=[w.post_a.pk]) not in html
    assert client.get(url, {"stage": "adolescence"}).status_code == 200


@pytest.mark.parametrize("n", [1, 12])
def test_list_query_count(client, w, django_assert_max_num_queries, n):
    Post.objects.bulk_create(
        Post(programme=w.pa, author=w.ca2, kind="offer", title=f"Offre {i}", body="b") for i in range(n)
    )
    client.force_login(w.ca)
    client.get(reverse("peers:list"))
    # session, user, memberships, programmes, carried, ecosystems ×2, board choices ×2, count, page
    with django_assert_max_num_queries(12):
        assert client.get(reverse("peers:list")).status_code == 200


@pytest.mark.parametrize("n", [1, 10])
def test_detail_query_count(client, w, django_assert_max_num_queries, n):
    for i in range(n):
        services.answer_create(post=w.post_a, by=w.a_staff, body=f"Réponse {i}")
    client.force_login(w.a_staff)
    client.get(reverse("peers:detail", args=[w.post_a.pk]))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("peers:detail", args=[w.post_a.pk])).status_code == 200


def test_post_a_question(client, w):
    client.force_login(w.ca2)
    response = client.get(reverse("peers:create"))
    assert response.status_code == 200
    assert f"programme:{w.pa.pk}" in _html(response) and f"programme:{w.pb.pk}" not in _html(response)
    data = {**QUESTION, "board": f"programme:{w.pa.pk}", "commune": ""}
    response = client.post(reverse("peers:create"), data)
    post = Post.objects.latest("pk")
    assert response.status_code == 302 and response["Location"] == reverse("peers:detail", args=[post.pk])
    assert post.author == w.ca2 and post.programme == w.pa


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"title": ""}, "Ce champ est obligatoire."),
        ({"body": "x" * 5001}, "5000 caractères"),
        ({"board": "programme:999999"}, "Sélectionnez un choix valide"),
    ],
)
def test_bad_post_says_why_and_saves_nothing(client, w, change, message):
    client.force_login(w.ca2)
    data = {**QUESTION, "board": f"programme:{w.pa.pk}", "commune": "", **change}
    response = client.post(reverse("peers:create"), data)
    assert response.status_code == 400
    assert message in _html(response)
    assert Post.objects.count() == 2


def test_someone_outside_every_board_may_not_post(client, w):
    client.force_login(person("lone", carrier=True))
    assert client.get(reverse("peers:create")).status_code == 403
    client.force_login(w.cb)
    response = client.post(reverse("peers:create"), {**QUESTION, "board": f"programme:{w.pa.pk}"})
    assert response.status_code == 400 and Post.objects.count() == 2


def test_answer_and_bad_answer(client, w):
    client.force_login(w.a_staff)
    url = reverse("peers:answer", args=[w.post_a.pk])
    response = client.post(url, {"body": "   "})
    assert response.status_code == 400 and "Ce champ est obligatoire." in _html(response)
    response = client.post(url, {"body": "x" * 2001})
    assert response.status_code == 400 and "2000 caractères" in _html(response)
    assert Answer.objects.count() == 1
    assert client.post(url, {"body": "Voyez l'URSCOP."}).status_code == 302
    assert Answer.objects.count() == 2


def test_staff_recommend_and_moderate(client, w):
    client.force_login(w.a_staff)
    p, a = w.post_a.pk, w.answer.pk
    assert client.post(reverse("peers:answer_recommend", args=[p, a])).status_code == 302
    w.answer.refresh_from_db()
    assert w.answer.is_recommended
    assert "Réponse recommandée par l'équipe" in _html(client.get(reverse("peers:detail", args=[p])))
    assert client.post(reverse("peers:answer_moderate", args=[p, a]), {"action": "hide"}).status_code == 302
    assert client.post(reverse("peers:moderate", args=[p]), {"action": "hide"}).status_code == 302
    w.post_a.refresh_from_db()
    w.answer.refresh_from_db()
    assert w.post_a.is_hidden and w.answer.is_hidden
    assert client.post(reverse("peers:moderate", args=[p]), {"action": "dance"}).status_code == 400
    client.force_login(w.ca2)  # a member no longer sees the hidden post
    assert client.get(reverse("peers:detail", args=[p])).status_code == 404
    client.force_login(w.ca)  # its author does, with the notice
    assert "masqué par la modération" in _html(client.get(reverse("peers:detail", args=[p])))


def test_an_answer_under_another_post_is_a_404(client, w):
    other = services.post_create(board=w.pa, by=w.ca2, **QUESTION)
    client.force_login(w.a_staff)
    url = reverse("peers:answer_recommend", args=[other.pk, w.answer.pk])
    assert client.post(url).status_code == 404
    url = reverse("peers:report", args=[other.pk])
    assert client.post(url, {"answer": w.answer.pk, "reason": "x"}).status_code == 404
    assert client.post(url, {"answer": "abc", "reason": "x"}).status_code == 404


def test_an_empty_report_is_refused(client, w):
    client.force_login(w.ca2)
    response = client.post(reverse("peers:report", args=[w.post_a.pk]), {"reason": ""})
    assert response.status_code == 400 and "Ce champ est obligatoire." in _html(response)
    assert not Report.objects.exists()


def test_moderators_see_the_reports(client, w):
    services.report_create(post=w.post_a, by=w.ca2, reason="Publicité déguisée")
    client.force_login(w.a_staff)
    assert "Publicité déguisée" in _html(client.get(reverse("peers:detail", args=[w.post_a.pk])))
    client.force_login(w.ca)
    assert "Publicité déguisée" not in _html(client.get(reverse("peers:detail", args=[w.post_a.pk])))


def test_the_board_is_linked_from_the_workspace_and_the_carriers_space_not_the_main_nav(client, w):
    client.force_login(w.ca)
    home = _html(client.get(reverse("workspace:home")))
    assert reverse("peers:list") in home
    nav = home.split("<main", 1)[0]
    assert reverse("peers:list") not in nav
    space = _html(client.get(reverse("workspace:project", args=[w.project_a.pk])))
    assert f"{reverse('peers:create')}?tableau=programme:{w.pa.pk}" in space
    client.force_login(w.a_staff)
    assert reverse("peers:list") in _html(client.get(reverse("workspace:home")))


def test_the_site_map_links_the_board_once_signed_in(client, w):
    assert reverse("peers:list") not in _html(client.get(reverse("web:sitemap")))
    client.force_login(w.ca)
    assert reverse("peers:list") in _html(client.get(reverse("web:sitemap")))
