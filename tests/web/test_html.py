import pytest

from tests.web.html import inline_code_problems


def test_clean_page_has_no_problem():
    html = '<html><head><script src="/static/a.js" defer></script><link rel="stylesheet" href="/a.css"></head><body><p class="x">ok</p></body></html>'
    assert inline_code_problems(html) == []


@pytest.mark.parametrize(
    ("html", "problem"),
    [
        ("<script>alert(1)</script>", "<script> sans src"),
        ("<style>p{}</style>", "<style>"),
        ('<p style="color:red">x</p>', "attribut style= sur <p>"),
        ('<button onclick="x()">x</button>', "gestionnaire onclick= sur <button>"),
        ('<div hx-on:click="x()">x</div>', "hx-on sur <div>"),
        ('<a href="javascript:x()">x</a>', "URL javascript: sur <a>"),
    ],
)
def test_each_kind_of_inline_code_is_reported(html, problem):
    assert problem in inline_code_problems(html)
