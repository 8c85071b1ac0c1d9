"""The tree passes its own lint and type check: `ruff check src tests` and `mypy` (both configured in
pyproject.toml), run from the repository root as `make test` runs them."""
from __future__ import annotations

import importlib.util
import subprocess
import sys

import pytest
from conftest import ROOT

PENDING = pytest.mark.xfail(strict=False, reason="extract/ findings pending")


def run_tool(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed (it comes with the test extra: pip install -e '.[test]')")
    return subprocess.run([sys.executable, "-m", module, *args], cwd=ROOT, capture_output=True, text=True,
                          timeout=600)


@PENDING
def test_ruff_finds_nothing_in_src_and_tests():
    done = run_tool("ruff", "check", "src", "tests")
    assert done.returncode == 0, done.stdout + done.stderr


@PENDING
def test_mypy_finds_nothing_in_src():
    done = run_tool("mypy")
    assert done.returncode == 0, done.stdout + done.stderr
