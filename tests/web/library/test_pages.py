"""The practice library's pages: every view × right actor, anonymous, another programme's staff,
wrong method; query counts of the lists; a draft of A invisible to the public and to B."""

import pytest
from django.urls import reverse

from essaim.library.models import Resource, Reuse
from tests.library.factories import CHECKLIST, build_world


@pytest.fixture
def w(db):
    return build_world()


def _html(response) -> str:
    return response.content.decode()


def test_public_list_shows_published_entries_only(client, w):
    response = client.get(reverse("library:list"))
    assert response.status_code == 200
    html = _html(response)
    assert reverse("library:detail", args=[w.published.pk]) in html
    assert reverse("library:detail", args=[w.draft.pk]) not in html
    assert "Guide en préparation" not in html


def test_public_list_for_another_programmes_staff_hides_the_draft_too(client, w):
    client.force_login(w.b_staff)
    html = _html(client.get(reverse("library:list")))
    assert reverse("library:detail", args=[w.draft.pk]) not in html


def test_public_list_filters(client, w):
    url = reverse("library:list")
    assert reverse("library:detail", args=[w.published.pk]) in _html(client.get(url, {"need": "feasibility"}))
    assert reverse("library:detail", args=[w.published.pk]) not in _html(
        client.get(url, {"stage": "creation"})
    )
    assert client.get(url, {"stage": "adolescence"}).status_code == 200  # a bad filter shows its error


def test_public_list_paginates(client, w):
    Resource.objects.bulk_create(
        Resource(
            programme=w.pb, kind="guide", title=f"G{n}", summary="s", licence="cc_by_4", state="published"
        )
        for n in range(25)
    )
    assert "Page 1 sur 2" in _html(client.get(reverse("library:list")))
    assert "Page 2 sur 2" in _html(client.get(reverse("library:list"), {"page": 2}))


@pytest.mark.parametrize("n", [1, 10])
def test_public_list_query_count(client, w, django_assert_num_queries, n):
    Resource.objects.bulk_create(
        Resource(
            programme=w.pb, kind="guide", title=f"G{i}", summary="s", licence="cc_by_4", state="published"
        )
        for i in range(n)
    )
    with django_assert_num_queries(3):  # count, page, tags
        assert client.get(reverse("library:list")).status_code == 200


def test_wrong_methods(client, w):
    client.force_login(w.a_staff)
    assert client.post(reverse("library:list")).status_code == 405
    assert client.post(reverse("library:detail", args=[w.published.pk])).status_code == 405
    assert client.post(reverse("library:mine")).status_code == 405
    assert client.get(reverse("library:transition", args=[w.draft.pk])).status_code == 405
    assert client.put(reverse("library:create")).status_code == 405


@pytest.mark.parametrize(("role", "status"), [(None, 404), ("b_staff", 404), ("a_staff", 200)])
def test_a_draft_page(client, w, role, status):
    if role:
        client.force_login(getattr(w, role))
    response = client.get(reverse("library:detail", args=[w.draft.pk]))
    assert response.status_code == status
    if status == 200:
        assert "Guide en préparation" in _html(response)


def test_published_page_for_anonymous_has_no_staff_tools(client, w):
    html = _html(client.get(reverse("library:detail", args=[w.published.pk])))
    assert CHECKLIST["items"][0] in html
    assert reverse("library:edit", args=[w.published.pk]) not in html
    assert reverse("library:reuse", args=[w.published.pk]) not in html


def test_the_author_sees_who_reuses_and_where(client, w):
    from essaim.library import services

    services.resource_reuse(resource=w.published, stage=w.stage_b, by=w.b_staff)
    client.force_login(w.a_staff)
    html = _html(client.get(reverse("library:detail", args=[w.published.pk])))
    assert "Reprise par 1 dispositif." in html
    assert "Programme B" in html
    client.force_login(w.b_staff)
    html = _html(client.get(reverse("library:detail", args=[w.published.pk])))
    assert "Reprise par" not in html
    assert reverse("library:reuse", args=[w.published.pk]) in html


def test_mine_lists_own_resources_in_every_state(client, w):
    client.force_login(w.a_staff)
    html = _html(client.get(reverse("library:mine")))
    assert reverse("library:detail", args=[w.draft.pk]) in html
    assert reverse("library:detail", args=[w.published.pk]) in html
    client.force_login(w.b_staff)
    html = _html(client.get(reverse("library:mine")))
    assert reverse("library:detail", args=[w.draft.pk]) not in html
    assert reverse("library:detail", args=[w.published.pk]) not in html


@pytest.mark.parametrize("n", [1, 8])
def test_mine_query_count(client, w, django_assert_num_queries, n):
    Resource.objects.bulk_create(
        Resource(programme=w.pa, kind="guide", title=f"G{i}", summary="s", licence="cc_by_4")
        for i in range(n)
    )
    client.force_login(w.a_staff)
    client.get(reverse("library:mine"))  # warm the session
    with django_assert_num_queries(7):  # session, user, memberships, exists, programmes, resources, tags
        assert client.get(reverse("library:mine")).status_code == 200


def test_staff_pages_send_anonymous_to_login_and_refuse_non_staff(client, w):
    for name, args in [("library:mine", []), ("library:create", []), ("library:edit", [w.draft.pk])]:
        response = client.get(reverse(name, args=args))
        assert (
            response.status_code == 302
            and "/connexion/" in response["Location"]
            or "login" in response["Location"]
        )
    from tests.factories.accounts import UserFactory

    client.force_login(UserFactory(carrier=True))
    assert client.get(reverse("library:mine")).status_code == 403
    assert client.get(reverse("library:create")).status_code == 403


def test_create(client, w):
    client.force_login(w.a_staff)
    data = {**CHECKLIST, "programme": w.pa.pk, "items": "\n".join(CHECKLIST["items"])}
    response = client.post(reverse("library:create"), data)
    created = Resource.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == reverse("library:detail", args=[created.pk])
    assert (created.programme_id, created.state, created.items) == (w.pa.pk, "draft", CHECKLIST["items"])


def test_create_for_another_programme_is_refused_by_the_form(client, w):
    client.force_login(w.b_staff)
    before = Resource.objects.count()
    data = {**CHECKLIST, "programme": w.pa.pk, "items": "x"}
    response = client.post(reverse("library:create"), data)
    assert response.status_code == 200
    assert Resource.objects.count() == before


def test_create_bad_input_is_a_french_message(client, w):
    client.force_login(w.a_staff)
    data = {**CHECKLIST, "programme": w.pa.pk, "items": ""}
    html = _html(client.post(reverse("library:create"), data))
    assert "Une liste de contrôle a au moins une ligne." in html


@pytest.mark.parametrize(("role", "status"), [("b_staff", 403), ("o_staff", 403), ("a_staff", 302)])
def test_edit_published(client, w, role, status):
    client.force_login(getattr(w, role))
    data = {**CHECKLIST, "title": "Neuf", "items": "Une\nDeux"}
    response = client.post(reverse("library:edit", args=[w.published.pk]), data)
    assert response.status_code == status
    w.published.refresh_from_db()
    assert (w.published.title, w.published.version) == (
        ("Neuf", 2) if status == 302 else (CHECKLIST["title"], 1)
    )


def test_edit_another_programmes_draft_is_404(client, w):
    client.force_login(w.b_staff)
    assert client.get(reverse("library:edit", args=[w.draft.pk])).status_code == 404


@pytest.mark.parametrize(("role", "status"), [("b_staff", 404), ("a_staff", 302)])
def test_publish(client, w, role, status):
    client.force_login(getattr(w, role))
    response = client.post(reverse("library:transition", args=[w.draft.pk]), {"action": "publish"})
    assert response.status_code == status
    w.draft.refresh_from_db()
    assert w.draft.state == ("published" if status == 302 else "draft")


def test_archive_by_a_reader_is_403_and_unknown_action_400(client, w):
    client.force_login(w.b_staff)
    assert (
        client.post(reverse("library:transition", args=[w.published.pk]), {"action": "archive"}).status_code
        == 403
    )
    client.force_login(w.a_staff)
    assert (
        client.post(reverse("library:transition", args=[w.published.pk]), {"action": "burn"}).status_code
        == 400
    )
    w.published.refresh_from_db()
    assert w.published.state == "published"


def test_reuse_into_my_pipeline(client, w):
    client.force_login(w.b_staff)
    url = reverse("library:reuse", args=[w.published.pk])
    html = _html(client.get(url))
    assert f'value="{w.stage_b.pk}"' in html
    assert f'value="{w.stage_a.pk}"' not in html
    response = client.post(url, {"stage": w.stage_b.pk})
    assert response.status_code == 302
    reuse = Reuse.objects.get()
    assert (reuse.programme_id, reuse.stage_id, reuse.version) == (w.pb.pk, w.stage_b.pk, 1)
    w.stage_b.refresh_from_db()
    assert [i["label"] for i in w.stage_b.checklist][-3:] == CHECKLIST["items"]


def test_reuse_into_another_programmes_stage_is_refused(client, w):
    client.force_login(w.o_staff)
    response = client.post(reverse("library:reuse", args=[w.published.pk]), {"stage": w.stage_b.pk})
    assert response.status_code == 200  # not a choice of theirs: the form says so
    assert Reuse.objects.count() == 0


def test_reuse_of_a_draft_is_404_and_of_a_guide_403(client, w):
    client.force_login(w.b_staff)
    assert client.get(reverse("library:reuse", args=[w.draft.pk])).status_code == 404
    from essaim.library import services

    services.resource_transition(resource=w.draft, name="publish", by=w.a_staff)
    assert client.get(reverse("library:reuse", args=[w.draft.pk])).status_code == 403


def test_reuse_anonymous_goes_to_login(client, w):
    response = client.get(reverse("library:reuse", args=[w.published.pk]))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("web:login"))


def test_the_site_map_and_the_ecosystems_page_link_the_library(client, w):
    """Not in the main navigation, which must stay on one line on a laptop (browser test)."""
    link = '<a href="/bibliotheque/">Bibliothèque de pratiques des dispositifs</a>'
    for url in (reverse("web:sitemap"), reverse("ecosystems:list")):
        html = _html(client.get(url))
        assert link in html[html.index("<main") : html.index("</main>")], url
        assert 'href="/bibliotheque/"' not in html[html.index('<nav class="site-nav"') : html.index("</nav>")]


def test_the_author_sees_the_projects_with_and_without_suppressed_under_five(client, w):
    from essaim.library import services

    services.resource_reuse(resource=w.published, stage=w.stage_b, by=w.b_staff)
    client.force_login(w.a_staff)
    html = _html(client.get(reverse("library:detail", args=[w.published.pk])))
    assert "Avec la liste reprise" in html
    assert "&lt; 5" in html
    client.force_login(w.b_staff)
    assert "Avec la liste reprise" not in _html(client.get(reverse("library:detail", args=[w.published.pk])))


def test_an_id_past_the_database_range_is_a_404(client, w):
    assert client.get(f"/bibliotheque/{2**63}/").status_code == 404


def test_the_reuse_link_is_for_other_programmes_staff_only(client, w):
    from tests.factories.accounts import UserFactory

    url = reverse("library:reuse", args=[w.published.pk])
    for user in (w.a_staff, UserFactory(carrier=True)):
        client.force_login(user)
        assert url not in _html(client.get(reverse("library:detail", args=[w.published.pk])))
    client.force_login(w.o_staff)
    assert url in _html(client.get(reverse("library:detail", args=[w.published.pk])))
