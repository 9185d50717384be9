"""Shared helpers of the registry tests: the shipped fixtures, files written in INSEE's layout."""

import datetime as dt
import json
from pathlib import Path

from essaim.registry import stock
from essaim.registry.enums import StockKind
from essaim.registry.formats import write_stock

DATA = Path(stock.__file__).resolve().parent / "data"
MANIFEST = json.loads((DATA / "manifest.json").read_text())
AS_OF = dt.date.fromisoformat(MANIFEST["lyon4"]["as_of"])
LYON = "commune:69384"
ESTABLISHMENTS = DATA / "lyon4_StockEtablissement.zip"
HISTORY = DATA / "lyon4_StockEtablissementHistorique.zip"
UNITS = DATA / "ess_StockUniteLegale.zip"


def import_lyon(**kwargs):
    stock.import_stock(
        ESTABLISHMENTS, kind=StockKind.ETABLISSEMENT, as_of=AS_OF, territories=[LYON], **kwargs
    )
    return stock.import_stock(HISTORY, kind=StockKind.HISTORIQUE, as_of=AS_OF, **kwargs)


def stock_file(tmp_path, kind, rows, *, name="stock.zip", zipped=True):
    return write_stock(tmp_path / name, kind, rows, zipped=zipped)
