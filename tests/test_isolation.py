"""Tenant isolation, walked over EVERY URL pattern and API route — not sampled.

For each named route the walker decides how Charlie (tenant admin of Wuqing) is to be kept out of
Binhai's data:
- routes that take an object id: the object is Alice's (Binhai); Charlie must get 404 for GET and,
  where the route only accepts POST, for POST too;
- routes without an object: Charlie gets his own page, which must not contain Alice's marker text;
- public routes (log-in, schema, language switch) are listed by name.
A route the walker cannot classify fails the test: a new URL must come with its isolation rule.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import models
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from rest_framework.test import APIClient

from portal.api.models import ApiKey
from portal.core.programmes import PROGRAMMES, programme_apps
from portal.stakeholders.models import Organisation
from portal.tenancy.members import add_organisation_member
from portal.tenancy.models import Membership
from portal.tenancy.roles import Role
from tests.conftest import api_client_for_key
from tests.isolation_objects import MARKER, AliceObjects, make_alice_objects, programme_isolation_modules
from tests.personas import World, make_user

# The core's routes that show no tenant data at all; each programme app declares its own public
# routes, with the reason, in its ``programme.py`` (``ProgrammeApp.public_routes``).
CORE_PUBLIC = {
    "accounts:login",
    "accounts:logout",
    "set_language",
    "javascript-catalog",
    "api:schema",
    "api:docs",
    "api:api-root",
}
PUBLIC = CORE_PUBLIC | {route.name for app in programme_apps() for route in app.public_routes}
# The admin is walked by tests/test_admin_isolation.py with a staff user.
SKIP_NAMESPACES = {"admin"}


@dataclass(frozen=True)
class Route:
    name: str
    pattern: URLPattern
    kwargs: tuple[str, ...]

    @property
    def is_api(self) -> bool:
        return self.name.startswith("api:")


def _walk(patterns: list[Any], namespace: str = "") -> Iterator[tuple[str, URLPattern]]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            ns = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _walk(entry.url_patterns, ns)
        elif isinstance(entry, URLPattern) and entry.name:
            yield f"{namespace}{entry.name}", entry


def all_routes() -> list[Route]:
    seen: dict[str, Route] = {}
    for name, pattern in _walk(get_resolver().url_patterns):
        if name.split(":")[0] in SKIP_NAMESPACES:
            continue
        kwargs = tuple(sorted(k for k in pattern.pattern.regex.groupindex if k != "format"))
        # DRF adds a ".json"-suffixed twin of each route under the same name: keep the plain one.
        if name not in seen:
            seen[name] = Route(name, pattern, kwargs)
    return sorted(seen.values(), key=lambda r: r.name)


def model_of(pattern: URLPattern) -> type[models.Model] | None:
    callback = pattern.callback
    view = getattr(callback, "view_class", None) or getattr(callback, "cls", None)
    if view is None:
        return None
    model = getattr(view, "model", None)
    if model is None and getattr(view, "queryset", None) is not None:
        model = view.queryset.model
    return model


def kwargs_for(route: Route, objects: AliceObjects) -> dict[str, Any] | None:
    """The URL kwargs that point at Alice's object(s), or None when the walker cannot tell."""
    if route.name in objects.explicit:
        return objects.explicit[route.name]
    if route.kwargs == ("pk",):
        model = model_of(route.pattern)
        if model is not None and model._meta.label in objects.by_model:
            return {"pk": objects.by_model[model._meta.label].pk}
    return None


@pytest.fixture
def alice_objects(world: World) -> AliceObjects:
    return make_alice_objects(world)


@pytest.fixture
def charlie_api(world: World) -> APIClient:
    """Charlie's key may use every programme (and whatever else each app's ``prepare_key`` gives it,
    e.g. a care-code area of his own), so what refuses him Alice's objects is the tenant scoping
    itself, not a missing programme scope (that answers 403 for every id alike, revealing nothing)."""
    key, token = ApiKey.issue(world.wuqing, "武清区政府", programmes=[p.code for p in PROGRAMMES])
    for module in programme_isolation_modules():
        prepare = getattr(module, "prepare_key", None)
        if prepare is not None:
            prepare(world, key)
    return api_client_for_key(token)


def _request(client: Client | APIClient, method: str, url: str) -> Any:
    return client.get(url) if method == "get" else client.post(url, {})


def _object_routes(objects: AliceObjects) -> list[Route]:
    return [r for r in all_routes() if r.kwargs and r.name not in PUBLIC and r.name not in objects.listing_kwargs]


def _listing_routes(objects: AliceObjects) -> list[tuple[Route, dict[str, Any]]]:
    plain: list[tuple[Route, dict[str, Any]]] = [(r, {}) for r in all_routes() if not r.kwargs and r.name not in PUBLIC]
    return plain + [(r, objects.listing_kwargs[r.name]) for r in all_routes() if r.name in objects.listing_kwargs]


def test_every_public_route_names_a_real_route() -> None:
    names = {route.name for route in all_routes()}
    assert sorted(PUBLIC - names) == []


def test_every_route_is_covered_by_an_isolation_rule(alice_objects: AliceObjects) -> None:
    uncovered = [r.name for r in _object_routes(alice_objects) if kwargs_for(r, alice_objects) is None]
    assert uncovered == [], f"Routes without an isolation rule (add them to tests/isolation_objects.py): {uncovered}"


def test_charlie_gets_404_for_every_route_with_alices_object(
    alice_objects: AliceObjects, charlie_client: Client, charlie_api: APIClient
) -> None:
    failures: list[str] = []
    for route in _object_routes(alice_objects):
        kwargs = kwargs_for(route, alice_objects)
        assert kwargs is not None
        url = reverse(route.name, kwargs=kwargs)
        clients: list[tuple[str, Client | APIClient]] = [("session", charlie_client)]
        if route.is_api:
            clients.append(("api key", charlie_api))
        for label, client in clients:
            response = _request(client, "get", url)
            if response.status_code == 405:
                response = _request(client, "post", url)
            if response.status_code != 404:
                failures.append(f"{route.name} ({label}) {url} → {response.status_code}")
    assert failures == []


@pytest.fixture(params=[Role.PARTNER_VIEWER, Role.RELATIVE, Role.ORGANISATION_MEMBER])
def low_privilege_client(request: pytest.FixtureRequest, world: World) -> Client:
    """Dave of Wuqing with little or nothing he may do there: a partner who only reads, a relative, or
    someone acting for one of Wuqing's outside organisations. Refusing him a capability must never
    come before not finding Alice's object: that 403 would confirm the object exists."""
    role = request.param
    dave = make_user("dave", world.wuqing)
    if role == Role.ORGANISATION_MEMBER:
        operator = Organisation.objects.create(tenant=world.wuqing, name="武清充电运营", kind="enterprise")
        add_organisation_member(world.wuqing, operator, dave)
    else:
        Membership.objects.create(user=dave, tenant=world.wuqing, role=role)
    client = Client()
    client.force_login(dave)
    return client


def test_a_low_privilege_member_of_another_tenant_gets_404_not_403_whatever_the_method(
    alice_objects: AliceObjects, low_privilege_client: Client
) -> None:
    # 405 answers every id alike, so it reveals nothing.
    failures: list[str] = []
    for route in _object_routes(alice_objects):
        kwargs = kwargs_for(route, alice_objects)
        assert kwargs is not None
        url = reverse(route.name, kwargs=kwargs)
        for method in ("get", "post", "patch", "delete") if route.is_api else ("get", "post"):
            status = getattr(low_privilege_client, method)(url, {}).status_code
            if status not in (404, 405):
                failures.append(f"{route.name} {method.upper()} {url} → {status}")
    assert failures == []


def test_charlies_list_pages_never_show_alices_rows(
    alice_objects: AliceObjects, charlie_client: Client, charlie_api: APIClient
) -> None:
    failures: list[str] = []
    for route, kwargs in _listing_routes(alice_objects):
        url = reverse(route.name, kwargs=kwargs)
        clients: list[tuple[str, Client | APIClient]] = [("session", charlie_client)]
        if route.is_api:
            clients.append(("api key", charlie_api))
        for label, client in clients:
            response = client.get(url)
            body = response.content.decode()
            if response.status_code >= 500 or MARKER in body:
                failures.append(f"{route.name} ({label}) → {response.status_code}, marker shown: {MARKER in body}")
    assert failures == []


def test_alice_sees_her_own_rows_so_the_walk_is_not_vacuous(alice_objects: AliceObjects, alice_client: Client) -> None:
    seen = [
        name
        for name in alice_objects.list_pages_showing_marker
        if MARKER in alice_client.get(reverse(name)).content.decode()
    ]
    assert seen == alice_objects.list_pages_showing_marker
