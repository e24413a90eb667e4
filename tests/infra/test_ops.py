"""Operations files: the container health check, compose vs docs, the scripts, the CI skip gate."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SHELL_SCRIPTS = [ROOT / ".ci" / "run", *sorted((ROOT / "scripts").glob("*.sh"))]


@pytest.mark.django_db(transaction=True)
def test_container_healthcheck_script_against_the_live_server(live_server):
    env = dict(os.environ, HEALTHCHECK_URL=f"{live_server.url}/healthz", ALLOWED_HOSTS="testserver")
    result = subprocess.run(
        [sys.executable, ROOT / "scripts" / "healthcheck.py"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "ok"


def test_container_healthcheck_script_fails_when_nothing_answers():
    env = dict(os.environ, HEALTHCHECK_URL="http://127.0.0.1:9/healthz")
    result = subprocess.run(
        [sys.executable, ROOT / "scripts" / "healthcheck.py"],
        env=env,
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert "unhealthy" in result.stderr


def compose_commands() -> list[str]:
    """Every `command:` and health check `test:` of docker-compose.yml, split at `&&`."""
    commands = []
    for line in (ROOT / "docker-compose.yml").read_text(encoding="utf-8").splitlines():
        match = re.match(r"^\s+(command|test):\s*(.+)$", line)
        if not match:
            continue
        value = match.group(2).strip()
        if value.startswith("["):
            parts = json.loads(value)
            value = " ".join(parts[1:])  # drop CMD / CMD-SHELL
        value = value.replace("$$", "$")
        value = re.sub(r'^sh -c "(.*)"$', r"\1", value)
        commands += [part.strip().removeprefix("exec ") for part in value.split("&&")]
    return commands


def test_every_compose_command_is_in_the_operations_docs():
    commands = compose_commands()
    assert len(commands) >= 9, commands
    docs = (ROOT / "docs" / "operations.md").read_text(encoding="utf-8")
    missing = [command for command in commands if command not in docs]
    assert not missing, "docs/operations.md lacks these compose commands:\n" + "\n".join(missing)


@pytest.mark.parametrize("script", SHELL_SCRIPTS, ids=lambda p: str(p.relative_to(ROOT)))
def test_shell_scripts_are_executable_and_parse(script):
    assert script.stat().st_mode & stat.S_IXUSR, f"{script} is not executable"
    result = subprocess.run(["bash", "-n", script], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr


def run_pytest(*args: str, **env: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args],
        cwd=ROOT,
        env=dict(os.environ, **env),
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.mark.slow
def test_ci_gate_fails_a_run_with_a_skipped_test():
    # No Chromium -> the browser tests skip -> with the gate on, the run fails and names them.
    result = run_pytest(
        "tests/infra/test_browser_harness.py",
        CHROMIUM="/nonexistent/chromium",
        JOBCENTER_REQUIRE_ALL_SERVICES="1",
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "skipped tests fail the run" in output
    assert "test_axe_finds_an_image_without_alt" in output


@pytest.mark.slow
def test_ci_gate_fails_a_run_without_tests():
    result = run_pytest(
        "tests/infra/test_browser_harness.py",
        "-k",
        "no_test_has_this_name",
        JOBCENTER_REQUIRE_ALL_SERVICES="1",
    )
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "No tests ran" in output
