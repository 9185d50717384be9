"""Accessibility checks with axe-core (vendored: tests/browser/vendor/axe.min.js, MPL-2.0).

Our pages send a strict Content-Security-Policy, which blocks `page.add_script_tag`
(an inline script). `page.evaluate` runs through the DevTools protocol, outside the page's
CSP, so axe is injected that way and the pages are tested with their real policy.

    from tests.browser.axe import assert_no_serious_violations
    page.goto(url)
    assert_no_serious_violations(page)
"""

from functools import cache
from pathlib import Path

from playwright.sync_api import Error as PlaywrightError

AXE_PATH = Path(__file__).parent / "vendor" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


@cache
def axe_source() -> str:
    return AXE_PATH.read_text(encoding="utf-8")


def run_axe(page, *, context: str = "document", options: dict | None = None) -> list[dict]:
    """The violations axe finds on the current page (WCAG 2.x A/AA and best practices).

    A click that submits a form returns before the next page has replaced the current one:
    axe injected into the leaving document finds no document to read (seen once in CI as
    "Cannot read properties of null (reading 'documentElement')"). The check therefore waits
    for the page to be loaded, and runs again once on the new page if a navigation still
    pulled the document away mid-run.
    """
    options = options or {"resultTypes": ["violations"]}
    for attempt in (1, 2):
        page.wait_for_load_state("load")
        try:
            if not page.evaluate("() => typeof window.axe !== 'undefined'"):
                page.evaluate(axe_source())
            return page.evaluate(
                f"async (options) => (await window.axe.run({context}, options)).violations",
                options,
            )
        except PlaywrightError as error:
            if attempt == 2 or not _navigated_away(error):
                raise
    raise AssertionError("unreachable")


def _navigated_away(error: Exception) -> bool:
    message = str(error)
    return any(
        sign in message for sign in ("documentElement", "Execution context was destroyed", "reading 'run'")
    )


def describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(node["target"]) for node in violation["nodes"][:5])
        lines.append(f"[{violation['impact']}] {violation['id']}: {violation['help']} → {targets}")
    return "\n".join(lines)


def assert_no_serious_violations(page, **kwargs) -> None:
    """Fail with a readable list if axe reports any serious or critical violation."""
    violations = [v for v in run_axe(page, **kwargs) if v["impact"] in BLOCKING_IMPACTS]
    assert not violations, f"{page.url}\n{describe(violations)}"
