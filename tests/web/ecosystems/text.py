"""The visible text of a page, whitespace collapsed (for assertions on sentences)."""

import re
from html import unescape

from tests.web.html import inline_code_problems


def text_of(response) -> str:
    html = response.content.decode()
    assert inline_code_problems(html) == []
    body = re.sub(r"(?s)<(script|style|head)\b.*?</\1>", " ", html)
    body = re.sub(r'<span class="visually-hidden">.*?</span>', " ", body)
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", body)).split())
