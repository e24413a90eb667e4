"""The W3C Nu Html Checker (vnu-jar from npm, run with Java) on every page the browser tests open.

How: `HtmlCollector.attach(context)` listens to a browser context's responses and keeps the HTML
of each document the live server sends (the page itself, not the htmx fragments; error pages
too). At the end of the session the `browser` fixture validates all of them in one run of vnu
and fails with each error, the page's address and the tests that opened it.

Why the response body and not `page.content()`: `page.content()` is the DOM after the browser's
parser repaired the markup and scripts changed it, so a stray end tag or a misnested element
would never show. vnu checks what the server sent, as a browser first reads it.

Why one batch: starting Java and reading the schemas takes about 2 s; checking a page after that
takes milliseconds. The same HTML is checked once, however many tests open it.

Without Java or vnu-jar (`make assets` installs it) the check fails, never silently passes.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VNU_JAR = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@dataclass
class Document:
    url: str
    html: str
    tests: set[str] = field(default_factory=set)


def vnu_missing() -> str | None:
    if not shutil.which("java"):
        return "the W3C Nu Html Checker needs Java (Debian: apt-get install openjdk-17-jre-headless)"
    if not VNU_JAR.exists():
        return f"the W3C Nu Html Checker is missing: {VNU_JAR} (run `make assets`)"
    return None


def validate(documents: dict[str, str]) -> dict[str, list[dict]]:
    """Check HTML documents ({name: html}) in one vnu run: {name: [error messages]} of those with
    errors. Warnings and info messages are ignored; only errors fail."""
    if not documents:
        return {}
    missing = vnu_missing()
    if missing:
        raise RuntimeError(missing)
    java = shutil.which("java")
    with tempfile.TemporaryDirectory(prefix="vnu-") as folder:
        files = {}
        for number, (name, html) in enumerate(documents.items()):
            path = Path(folder) / f"{number:05d}.html"
            path.write_text(html, encoding="utf-8")
            files[path.name] = name
        result = subprocess.run(  # noqa: S603 - our own fixed command line
            [java, "-Xss4m", "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--exit-zero-always", folder],
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )
    try:
        messages = json.loads(result.stderr or result.stdout)["messages"]
    except (ValueError, KeyError) as err:
        raise RuntimeError(f"vnu gave no JSON (exit {result.returncode}): {result.stderr[:2000]}") from err
    errors: dict[str, list[dict]] = {}
    for message in messages:
        if message.get("type") != "error":
            continue
        url = message.get("url", "?")  # "file:/tmp/vnu-.../00003.html"
        name = files.get(url.rsplit("/", 1)[-1], url)
        errors.setdefault(name, []).append(message)
    return errors


def format_errors(errors: dict[str, list[dict]], documents: dict[str, Document] | None = None) -> str:
    lines = []
    for name, messages in errors.items():
        doc = (documents or {}).get(name)
        where = f"{doc.url} (opened by {', '.join(sorted(doc.tests))})" if doc else name
        lines.append(where)
        for m in messages[:20]:
            lines.append(
                f"    line {m.get('lastLine', '?')}: {m.get('message')}  [{(m.get('extract') or '').strip()[:120]}]"
            )
    return "\n".join(lines)


class HtmlCollector:
    """The HTML documents of every browser context it is attached to, deduplicated by content."""

    def __init__(self, origins: tuple[str, ...] = ("http://127.0.0.1", "http://localhost")):
        self.origins = origins
        self.documents: dict[str, Document] = {}
        self._pending = 0

    def attach(self, context) -> None:
        context.on("response", self._on_response)

    def _on_response(self, response) -> None:
        if response.request.resource_type != "document" or not response.url.startswith(self.origins):
            return
        if "text/html" not in (response.headers.get("content-type") or ""):
            return  # a PDF or a CSV download
        if 300 <= response.status < 400:
            return  # a redirect has no page to check
        test = os.environ.get("PYTEST_CURRENT_TEST", "?").split(" ")[0]
        self._pending += 1
        try:
            html = response.text()
        except Exception:  # noqa: BLE001 - the context closed before the body came: nothing to check
            return
        finally:
            self._pending -= 1
        if not html.lstrip()[:15].lower().startswith(("<!doctype", "<html")):
            return  # an htmx fragment opened on its own (a test walking every URL): not a page
        key = hashlib.sha256(html.encode("utf-8")).hexdigest()
        self.documents.setdefault(key, Document(url=response.url, html=html)).tests.add(test)

    def settle(self, page) -> None:
        """Let the bodies still being read arrive before the page's context closes."""
        for _ in range(100):
            if not self._pending:
                return
            page.wait_for_timeout(20)

    def check(self) -> str | None:
        """Validate what was collected: None when clean, else the errors in words."""
        documents = dict(self.documents)
        self.documents.clear()
        errors = validate({key: doc.html for key, doc in documents.items()})
        return format_errors(errors, documents) if errors else None
