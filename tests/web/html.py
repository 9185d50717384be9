"""HTML checks shared by the web tests: strict-CSP hygiene (no inline code or style)."""

from html.parser import HTMLParser


class _InlineFinder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag, attrs):
        names = {name for name, _value in attrs}
        if tag == "script":
            if "src" not in names:
                self.problems.append("<script> sans src")
            self._in_script = True
        if tag == "style":
            self.problems.append("<style>")
        if "style" in names:
            self.problems.append(f"attribut style= sur <{tag}>")
        self.problems += [f"gestionnaire {n}= sur <{tag}>" for n in names if n.startswith("on")]
        self.problems += [f"hx-on sur <{tag}>" for n in names if n.startswith("hx-on")]
        for name, value in attrs:
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"URL javascript: sur <{tag}>")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_script = False

    def handle_data(self, data):
        if self._in_script and data.strip():
            self.problems.append("code dans un <script>")


def inline_code_problems(html: str) -> list[str]:
    """Everything in a page that a strict Content-Security-Policy would block."""
    finder = _InlineFinder()
    finder.feed(html)
    finder.close()
    return finder.problems


def assert_strict_csp_page(response) -> None:
    policy = response.headers.get("Content-Security-Policy", "")
    assert "script-src 'self'" in policy
    assert "style-src 'self'" in policy
    assert "unsafe-inline" not in policy
    assert inline_code_problems(response.content.decode()) == []
