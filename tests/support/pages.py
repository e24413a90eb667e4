"""What a person sees of a page, for assertions on the words rather than on the markup."""

from __future__ import annotations

import html
import re


def visible(response) -> str:
    """The page's text as a person sees it: no tags, entities decoded, whitespace collapsed."""
    text = re.sub(r"<(script|style)\b.*?</\1>", " ", response.content.decode(), flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    return " ".join(html.unescape(text).replace("\xa0", " ").split())
