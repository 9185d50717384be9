"""Replicating from the pages, a copy's drift and taking the change."""

from django.urls import reverse

from essaim.replication.models import Replica
from tests.web.html import inline_code_problems


def test_replicating_a_project_into_a_programme_one_runs(client, web):
    client.force_login(web.o_staff)
    url = reverse("replication:replicate", kwargs={"pk": web.kit.pk})
    form_page = client.get(url).content.decode()
    assert f'<option value="{web.po.pk}">' in form_page and f'<option value="{web.pc.pk}">' not in form_page
    data = {
        "name": "Garage de Toulouse",
        "commune": "Toulouse",
        "programme": web.po.pk,
        "parent": web.replica.pk,
    }
    response = client.post(url, data)
    replica = Replica.objects.get(project__name="Garage de Toulouse")
    assert response["Location"] == f"/espace/essaimage/copies/{replica.pk}/"
    assert (replica.parent_id, replica.programme_id, replica.code) == (web.replica.pk, web.po.pk, "31555")


def test_replicating_into_a_territory_with_a_copy_is_a_field_error(client, web):
    client.force_login(web.c_staff)
    url = reverse("replication:replicate", kwargs={"pk": web.kit.pk})
    response = client.post(url, {"name": "Encore", "commune": "Narbonne", "programme": web.pc.pk})
    assert response.status_code == 200
    assert "déjà une copie sur ce territoire" in response.content.decode()
    assert Replica.objects.count() == 1


def test_a_programme_copy_from_the_page(client, web):
    client.force_login(web.m_staff)
    client.post(reverse("replication:kit_transition", kwargs={"pk": web.draft.pk}), {"action": "publish"})
    client.force_login(web.c_admin)
    url = reverse("replication:replicate", kwargs={"pk": web.draft.pk})
    response = client.post(
        url, {"name": "Fabrique de l'Aude", "territory": "Aude", "organisation": web.org_c.pk}
    )
    replica = Replica.objects.get(kit=web.draft)
    assert response["Location"] == f"/espace/essaimage/copies/{replica.pk}/"
    assert (replica.new_programme.name, replica.level, replica.code) == (
        "Fabrique de l'Aude",
        "departement",
        "11",
    )


def test_the_copy_shows_its_drift_and_takes_the_change(client, web):
    client.force_login(web.c_staff)
    url = reverse("replication:replica", kwargs={"pk": web.replica.pk})
    page = client.get(url).content.decode()
    assert "<ins>Nouvelle leçon.</ins>" in page
    assert "<del>Commencer par un atelier mobile.</del>" in page
    assert "Version reprise : 1 ; version courante du kit : 2." in page
    assert "Reprendre la version courante du kit" in page
    assert inline_code_problems(page) == []
    response = client.post(reverse("replication:replica_take", kwargs={"pk": web.replica.pk}))
    assert response["Location"] == url
    web.replica.refresh_from_db()
    assert (web.replica.version.number, web.replica.has_drifted) == (2, False)
    assert "La copie suit la version courante du kit." in client.get(url).content.decode()


def test_kit_owners_read_the_drift_without_the_button(client, web):
    client.force_login(web.m_staff)
    page = client.get(reverse("replication:replica", kwargs={"pk": web.replica.pk})).content.decode()
    assert "<ins>Nouvelle leçon.</ins>" in page
    assert "Reprendre la version courante du kit" not in page
