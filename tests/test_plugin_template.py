"""The plugin template in examples/plugin-template is a working plugin: its own tests pass
against this core, in a process of their own (its table is not the suite's)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support.processes import run_pytest, start

pytestmark = pytest.mark.forks

TEMPLATE = Path(__file__).resolve().parents[1] / "examples" / "plugin-template"


def test_the_plugin_template_passes_its_own_tests(tmp_path: Path) -> None:
    # Without the suite's pytest plugins (xdist, browsers, fuzzing): the template needs none.
    env = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    args = ["-q", "-p", "no:cacheprovider", "-c", os.devnull, "--rootdir", str(TEMPLATE),
            str(TEMPLATE / "tests")]
    log = tmp_path / "pytest.log"
    code = start(run_pytest, (args, str(TEMPLATE)), env, log).wait(120)
    output = log.read_text()
    assert code == 0, output[-5000:]
    assert "\n3 passed" in output
