"""The service contract, enforced by one decorator.

Every write of the domain is a function decorated with `@service`:

- it is keyword-only and takes `by` (a `User` or a `SystemActor`), checked when the module
  is imported, so a service that breaks the contract fails the test run at collection;
- an optional `permission=` predicate (django-rules, from `essaim.accounts.rules`) is
  checked against `by` and the object named by `on=` before anything is written; a refusal
  raises `PermissionDenied`;
- it runs in one transaction: a `ValidationError` or any other error leaves no partial data;
- it records at least one audit event: events written inside it through `essaim.audit.record`
  carry the service's name; if the body wrote none, the decorator writes one for the object
  it returned (coverage of the audit log comes by construction);
- it is registered in `REGISTRY`, which the tests enumerate.

Permission checks that need more than `(by, obj)` call `ensure(predicate, by, obj)` inside
the body: the same predicates, the same exception.
"""

from __future__ import annotations

import contextvars
import functools
import inspect
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from essaim.core.errors import PermissionDenied


@dataclass
class ServiceInfo:
    name: str
    module: str
    function: Callable
    permission: Callable | None
    on: str | None
    audit: bool


REGISTRY: dict[str, ServiceInfo] = {}


@dataclass
class _Frame:
    name: str
    events: int = 0
    actor: object = None
    extra: dict = field(default_factory=dict)


_current: contextvars.ContextVar[_Frame | None] = contextvars.ContextVar("essaim_service", default=None)


def current_service() -> str | None:
    frame = _current.get()
    return frame.name if frame else None


def note_event() -> None:
    """Called by the audit recorder for each event written inside a service."""
    frame = _current.get()
    if frame is not None:
        frame.events += 1


def ensure(predicate: Callable, by, obj=None, message: str | None = None) -> None:
    """Raise PermissionDenied unless `predicate(by, obj)` (or `predicate(by)`) holds."""
    allowed = predicate(by, obj) if obj is not None else predicate(by)
    if not allowed:
        raise PermissionDenied(message or _("Vous n'avez pas le droit de faire cette action."))


def _check_signature(fn: Callable) -> None:
    params = inspect.signature(fn).parameters
    bad = [p.name for p in params.values() if p.kind not in (p.KEYWORD_ONLY, p.VAR_KEYWORD)]
    if bad:
        raise TypeError(f"service {fn.__qualname__}: parameters must be keyword-only: {bad}")
    if "by" not in params:
        raise TypeError(f"service {fn.__qualname__}: must take `by` (the acting user or system actor)")


def service(
    fn: Callable | None = None,
    *,
    permission: Callable | None = None,
    on: str | None = None,
    audit: bool = True,
    name: str | None = None,
):
    """Declare a write service (see the module docstring). Use bare or with arguments."""

    def decorate(func: Callable) -> Callable:
        _check_signature(func)
        service_name = name or func.__name__
        if on is not None and on not in inspect.signature(func).parameters:
            raise TypeError(f"service {service_name}: `on={on!r}` names no parameter")

        @functools.wraps(func)
        def wrapper(**kwargs):
            by = kwargs.get("by")
            if permission is not None:
                target = kwargs.get(on) if on else None
                ensure(permission, by, target)
            outer = _current.get()
            frame = _Frame(service_name, actor=by)
            token = _current.set(frame)
            try:
                with transaction.atomic():
                    result = func(**kwargs)
                    if audit and frame.events == 0:
                        _record_default(service_name, by, result, kwargs)
            finally:
                _current.reset(token)
            if outer is not None:
                outer.events += frame.events
            return result

        wrapper.service_info = REGISTRY[f"{func.__module__}.{service_name}"] = ServiceInfo(
            service_name, func.__module__, wrapper, permission, on, audit
        )
        return wrapper

    return decorate(fn) if fn is not None else decorate


def _record_default(service_name: str, by, result, kwargs: dict) -> None:
    from django.db import models

    # Lazy: audit imports the service frame helpers of this module (a real cycle).
    from essaim.audit import record

    obj = result if isinstance(result, models.Model) else None
    if obj is None:
        obj = next((v for v in kwargs.values() if isinstance(v, models.Model)), None)
    record(actor=by, obj=obj, action="update", verb=service_name)
