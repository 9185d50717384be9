"""The layout rules of issue 8, checked on the source: they hold for every new module too.

- no module over 500 lines outside data files and migrations;
- no view (a function in a web `views` module or an API router) over 40 lines;
- a function-level import of our own code only where a cycle is truly unavoidable, with a
  one-line reason on the line before or at the end of the import.
"""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "essaim"
DATA_DIRS = {"migrations", "data", "locale", "static", "templates"}


def _modules():
    for path in sorted(ROOT.rglob("*.py")):
        if DATA_DIRS & set(path.relative_to(ROOT).parts):
            continue
        yield path


def _is_view_module(path: Path) -> bool:
    rel = path.relative_to(ROOT).parts
    return (rel[0] == "web" and ("views" in path.stem or path.stem in ("directory", "places", "pages"))) or (
        rel[0] == "api" and "routers" in rel
    )


def test_no_module_over_500_lines():
    long = {str(p.relative_to(ROOT)): n for p in _modules() if (n := len(p.read_text().splitlines())) > 500}
    assert long == {}


def test_no_view_over_40_lines():
    long = {}
    for path in _modules():
        if not _is_view_module(path):
            continue
        tree = ast.parse(path.read_text())
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef) and not node.name.startswith("_"):
                length = node.end_lineno - node.lineno + 1
                if length > 40:
                    long[f"{path.relative_to(ROOT)}::{node.name}"] = length
    assert long == {}


def test_function_level_imports_of_our_code_say_why():
    silent = []
    for path in _modules():
        lines = path.read_text().splitlines()
        tree = ast.parse("\n".join(lines))
        for func in ast.walk(tree):
            if not isinstance(func, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for node in ast.walk(func):
                if isinstance(node, ast.ImportFrom) and (node.module or "").startswith("essaim"):
                    here = lines[node.lineno - 1]
                    before = lines[node.lineno - 2].strip() if node.lineno > 1 else ""
                    if "#" not in here and not before.startswith("#"):
                        silent.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert silent == []


# Modules whose tests live in the modules that use them (models, enums, rules, forms…) are listed
# in tests/unmirrored.txt; a new module gets its own tests/<app>/test_<module>.py, and a listed one
# that gains it leaves the list (issue 8: tests mirror the source module by module).
UNMIRRORED = Path(__file__).resolve().parent / "unmirrored.txt"
NOT_MIRRORED = {"__init__.py", "apps.py", "admin.py"}


def _mirror_candidates(path: Path) -> list[Path]:
    rel = path.relative_to(ROOT)
    tests = ROOT.parent / "tests" / rel.parts[0]
    name = f"test_{path.stem}.py"
    return [tests.joinpath(*rel.parts[1:-1], name), tests / name]


def _unmirrored() -> set[str]:
    found = set()
    for path in _modules():
        rel = path.relative_to(ROOT)
        if len(rel.parts) < 2 or path.name in NOT_MIRRORED or "management" in rel.parts:
            continue
        if not any(candidate.exists() for candidate in _mirror_candidates(path)):
            found.add(str(rel))
    return found


def test_every_new_module_has_its_test_module():
    listed = {
        line.strip()
        for line in UNMIRRORED.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    }
    found = _unmirrored()
    assert sorted(found - listed) == [], "add tests/<app>/test_<module>.py for these modules"
    assert sorted(listed - found) == [], "these modules have their test module now (or are gone): unlist them"
