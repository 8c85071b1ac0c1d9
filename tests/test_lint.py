"""The tree passes its own lint, format and type checks: `ruff check`, `ruff format --check` and `mypy` (all
configured in pyproject.toml), run from the repository root as `make test` runs them."""

from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest
from conftest import ROOT


def run_tool(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed (it comes with the test extra: pip install -e '.[test]')")
    return subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True, timeout=600)


CHECKED = ("src", "tests", "benchmarks", "scripts")


def test_ruff_finds_nothing():
    done = run_tool("ruff", "check", *CHECKED)
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_code_is_formatted_as_ruff_formats_it():
    done = run_tool("ruff", "format", "--check", *CHECKED)
    assert done.returncode == 0, done.stdout + done.stderr


def test_mypy_finds_nothing_in_src():
    done = run_tool("mypy")
    assert done.returncode == 0, done.stdout + done.stderr
