"""The suite's own structure: test modules share code only through tests/support/ and the factories.

A test module that imports another one runs (or at least imports) that module's tests' setup in a
place nobody expects, and breaks when the other module is split or renamed. Shared helpers belong in
tests/support/, builders of model rows in tests/factories/, the run's settings in tests/settings.py.
"""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
SHAREABLE = {"tests.support", "tests.factories", "tests.settings"}


def _imported_modules(path: Path, tests_root: Path = TESTS) -> list[tuple[int, str]]:
    """(line, dotted name) of every `tests...` name the file imports, relative imports resolved."""
    package = ".".join(path.relative_to(tests_root.parent).with_suffix("").parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*parent, base] if base else parent)
            # `from tests.trust import test_x` imports the module test_x.
            found += [(node.lineno, f"{base}.{alias.name}") for alias in node.names]
    return [(line, name) for line, name in found if name == "tests" or name.startswith("tests.")]


def _allowed(name: str) -> bool:
    return any(name == allowed or name.startswith(allowed + ".") for allowed in SHAREABLE)


def test_no_test_module_imports_another_test_module():
    files = sorted(TESTS.rglob("*.py"))
    assert len(files) > 50  # the walk still finds the suite
    offences = [
        f"{path.relative_to(TESTS.parent)}:{line} imports {name}"
        for path in files
        for line, name in _imported_modules(path)
        if not _allowed(name)
    ]
    assert offences == [], "share it through tests/support/ instead:\n" + "\n".join(offences)


def test_the_check_sees_imports_of_test_modules(tmp_path):
    module = tmp_path / "tests" / "trust" / "test_sample.py"
    module.parent.mkdir(parents=True)
    module.write_text(
        "from tests.trust.test_url_matrix import MATRIX\nfrom . import test_headers\nimport tests.conftest\n"
        "from tests.support.browser import log_in\n",
        encoding="utf-8",
    )

    names = [name for _line, name in _imported_modules(module, tmp_path / "tests")]

    assert names == [
        "tests.trust.test_url_matrix.MATRIX",
        "tests.trust.test_headers",
        "tests.conftest",
        "tests.support.browser.log_in",
    ]
    assert [_allowed(name) for name in names] == [False, False, False, True]
