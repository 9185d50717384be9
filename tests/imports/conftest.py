from pathlib import Path

import pytest

from essaim.imports import cells, reading
from essaim.imports.columns import guess
from tests.factories.accompaniment import build_world

SAMPLES = Path(__file__).resolve().parents[2] / "docs" / "imports"


@pytest.fixture
def world(db):
    return build_world()


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


def rows_of(data: bytes, kind: str, *, name: str = "fichier.csv", mapping: list[str] | None = None):
    """The rows and column names an import service takes, read and guessed as the pages do."""
    table = reading.read(name, data)
    mapping = mapping or guess(table.headers, kind)
    fields = [(i, field) for i, field in enumerate(mapping) if field]
    columns = {field: table.headers[i] for i, field in fields}
    rows = [
        {"line": line, **{field: cells.from_json(cells.to_json(row[i])) for i, field in fields}}
        for line, row in table.rows
    ]
    return rows, columns
