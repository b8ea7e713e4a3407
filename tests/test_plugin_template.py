"""The plugin template in examples/plugin-template is a working plugin: its own tests pass
against this core, in a process of their own (its table is not the suite's)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parents[1] / "examples" / "plugin-template"


def test_the_plugin_template_passes_its_own_tests() -> None:
    # Without the suite's pytest plugins (xdist, browsers, fuzzing): the template needs none.
    env = {**os.environ, "PYTHONPATH": str(TEMPLATE), "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",
         "-c", os.devnull, "--rootdir", str(TEMPLATE), str(TEMPLATE / "tests")],
        env=env, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "\n3 passed" in done.stdout
