"""GET /api/v1/exports/data-inclusion/{structures,services}.{json,csv}."""

import csv
import io

import pytest
from data_inclusion.schema.v1 import Service, Structure

from tests.factories.directory import ProgrammeFactory

pytestmark = pytest.mark.django_db

BASE = "/api/v1/exports/data-inclusion/"


@pytest.mark.parametrize(
    ("name", "model", "count"), [("structures", Structure, None), ("services", Service, 14)]
)
def test_json_records_are_valid(client, study, name, model, count):
    response = client.get(f"{BASE}{name}.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["meta"]["licence"] == "Licence Ouverte / Open Licence 2.0 (Etalab)"
    assert body["meta"]["type"] == name
    assert body["meta"]["sources"]
    if count is not None:
        assert len(body["items"]) == count
    for record in body["items"]:
        model.model_validate(record)


@pytest.mark.parametrize("name", ["structures", "services"])
def test_csv(client, study, name):
    response = client.get(f"{BASE}{name}.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="{name}.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert rows and all(row["licence"] == "Licence Ouverte / Open Licence 2.0 (Etalab)" for row in rows)


def test_empty_directory(client):
    assert client.get(BASE + "services.json").json()["items"] == []


@pytest.mark.parametrize("count", [1, 6])
@pytest.mark.parametrize("name", ["structures", "services"])
def test_query_count_is_constant(client, name, count, django_assert_num_queries):
    for _i in range(count):
        ProgrammeFactory(zone=["departement:34", "commune:34172"])
    # départements, programmes with organisation and commune, their zones
    with django_assert_num_queries(3):
        response = client.get(f"{BASE}{name}.json")
    assert len(response.json()["items"]) == count


def test_wrong_method(client):
    assert client.post(BASE + "services.json").status_code == 405
