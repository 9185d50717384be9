from io import StringIO

import pytest
from django.core.management import call_command

from essaim.accounts.models import User
from essaim.core.management.commands import seed_demo
from essaim.directory.models import Programme
from tests.core import demo_plugin

pytestmark = pytest.mark.django_db


def run(*args) -> str:
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_seed_demo_loads_the_study_and_prints_the_logins():
    output = run()
    assert Programme.objects.real().count() == 14
    assert not Programme.objects.filter(is_synthetic=True).exists()
    assert "Comptes de démonstration (mot de passe pour tous : essaim-demo)" in output
    for email in [
        "admin@demo.essaim.fr",
        "porteur@demo.essaim.fr",
        "occitanie@demo.essaim.fr",
        "realis@demo.essaim.fr",
    ]:
        assert f"  {email}" in output
    assert "Comptes de démonstration : 17 créés, 0 déjà présents." in output


def test_seed_demo_twice_changes_nothing():
    assert "Démonstration prête (" in run()
    users = sorted(User.objects.values_list("email", "password"))
    state = seed_demo.fingerprint()
    output = run()
    assert seed_demo.fingerprint() == state
    assert "Démonstration déjà chargée : aucun changement (" in output
    assert "Étude : 0 créés, 0 modifiés." in output
    assert "Comptes de démonstration : 0 créés, 17 déjà présents." in output
    assert sorted(User.objects.values_list("email", "password")) == users


def test_synthetic_programmes_only_when_asked():
    run("--synthetic", "12")
    assert Programme.objects.filter(is_synthetic=True).count() == 12
    demo_users = User.objects.filter(is_demo=True).count()
    run("--synthetic", "12")
    assert Programme.objects.filter(is_synthetic=True).count() == 12
    # Demo accounts stay for the study's programmes only.
    assert User.objects.filter(is_demo=True).count() == demo_users
    assert not User.objects.filter(email__startswith="synthetique-").exists()


def test_demo_modules_run_in_order_and_missing_ones_are_skipped(monkeypatch):
    demo_plugin.CALLS.clear()
    monkeypatch.setattr(seed_demo, "DEMO_MODULES", ["essaim.nothing_here.demo", "tests.core.demo_plugin"])
    output = run()
    assert demo_plugin.CALLS == ["seed"]
    assert "  Démo de test : prête." in output
    assert output.index("Démo de test") < output.index("Comptes de démonstration (mot de passe")


def test_broken_demo_module_is_not_hidden(monkeypatch):
    monkeypatch.setattr(seed_demo, "DEMO_MODULES", ["tests.core.demo_plugin_broken"])
    with pytest.raises(ModuleNotFoundError, match="no_such_dependency"):
        run()
