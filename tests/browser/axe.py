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

AXE_PATH = Path(__file__).parent / "vendor" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


@cache
def axe_source() -> str:
    return AXE_PATH.read_text(encoding="utf-8")


def run_axe(page, *, context: str = "document", options: dict | None = None) -> list[dict]:
    """The violations axe finds on the current page (WCAG 2.x A/AA and best practices)."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    options = options or {"resultTypes": ["violations"]}
    return page.evaluate(
        f"async (options) => (await window.axe.run({context}, options)).violations",
        options,
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
