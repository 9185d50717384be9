"""Coverage of the service contract comes by construction: every public function of every
services module is a registered `@service` (keyword-only, `by`, predicates, an audit event)."""

import importlib
import inspect
import pkgutil

import essaim
from essaim.core.services import REGISTRY

# Public functions of services modules that are not domain writes, each with its reason.
NOT_WRITES: dict[str, str] = {
    "essaim.notifications.services.notify": "called inside services; it renders and enqueues, writes no row",
    "essaim.notifications.services.render": "renders templates, writes nothing",
    "essaim.territories.services.read_data_file": "reads and verifies the shipped referential file",
    "essaim.territories.services.restrict_to_regions": "filters the referential in memory (test databases)",
    "essaim.territories.services.load_territories": (
        "reference data identical in every installation (no tenant, no personal data, no actor): "
        "the command reports every row it created, updated or removed"
    ),
}
# Services whose body records its own events and may rightly record none (a no-op update),
# so the decorator adds no default event.
NO_DEFAULT_EVENT: dict[str, str] = {
    "essaim.accompaniment.services.projects.project_update": "an event with the diff, none when nothing changed",
    "essaim.accompaniment.services.followup.meeting_update": "an event with the diff, none when nothing changed",
    "essaim.accompaniment.privacy.carrier_account_delete": (
        "erasure: one anonymisation event per project, the person's own events scrubbed"
    ),
}


def _services_modules():
    for info in pkgutil.walk_packages(essaim.__path__, prefix="essaim."):
        parts = info.name.split(".")
        if "services" in parts or parts[-1] == "services":
            if "migrations" in parts or "management" in parts:
                continue
            yield importlib.import_module(info.name)


def _public_functions(module):
    for name, value in vars(module).items():
        if name.startswith("_") or not inspect.isfunction(value):
            continue
        if getattr(value, "__module__", None) != module.__name__ and not hasattr(value, "service_info"):
            continue  # imported from elsewhere
        if getattr(value, "service_info", None) is not None and value.service_info.module != module.__name__:
            continue  # a service re-exported by a package's __init__
        yield name, value


def test_services_modules_are_found():
    names = {m.__name__ for m in _services_modules()}
    assert {"essaim.core.services"} <= names
    assert len(names) >= 6


def test_every_public_function_of_a_services_module_is_a_registered_service():
    missing = []
    for module in _services_modules():
        if module.__name__ == "essaim.core.services":
            continue  # the contract itself
        for name, function in _public_functions(module):
            if f"{module.__name__}.{name}" in NOT_WRITES:
                continue
            info = getattr(function, "service_info", None)
            if info is None or REGISTRY.get(f"{info.module}.{info.name}") is not info:
                missing.append(f"{module.__name__}.{name}")
    assert missing == []


def test_every_registered_service_takes_by_and_records_an_event():
    for key, info in REGISTRY.items():
        signature = inspect.signature(inspect.unwrap(info.function))
        assert "by" in signature.parameters, key
        assert all(p.kind in (p.KEYWORD_ONLY, p.VAR_KEYWORD) for p in signature.parameters.values()), key
        assert info.audit is True or key in NO_DEFAULT_EVENT, key
