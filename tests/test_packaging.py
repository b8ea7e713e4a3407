"""An installed ForumKit carries everything it needs: its migrations, plugins, adapters,
templates and static files, all inside the `forumkit` package (no top-level `plugins` or
`adapters` that could collide with another distribution's)."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
FOLDERS = {"forumkit": "forumkit", "plugins": "forumkit.plugins", "adapters": "forumkit.adapters"}


def _setuptools() -> dict[str, object]:
    config: dict[str, object] = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"][
        "setuptools"]
    return config


def _source_packages() -> set[str]:
    found = set()
    for folder, name in FOLDERS.items():
        for init in (ROOT / folder).rglob("__init__.py"):
            parts = init.parent.relative_to(ROOT / folder).parts
            found.add(".".join((name, *parts)))
    return found


def test_every_package_folder_is_listed_for_the_wheel() -> None:
    listed = set(_setuptools()["packages"])  # type: ignore[call-overload]
    assert listed == _source_packages()


@pytest.mark.skipif(
    not os.environ.get("FORUMKIT_TEST_WHEEL"),
    reason="builds and installs a wheel (about 10 s): .ci/run sets FORUMKIT_TEST_WHEEL=1",
)
def test_an_installed_wheel_has_every_file_and_migrates_without_the_source_tree(
    tmp_path: Path,
) -> None:
    wheels, target = tmp_path / "wheels", tmp_path / "site"
    pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "wheel", "--no-deps", "--no-build-isolation", "-w", str(wheels),
                    str(ROOT)], check=True, capture_output=True)
    [wheel] = wheels.glob("*.whl")
    subprocess.run([*pip, "install", "--no-deps", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    assert not (target / "plugins").exists() and not (target / "adapters").exists()
    installed = {p.relative_to(target / "forumkit") for p in (target / "forumkit").rglob("*")
                 if p.is_file() and "__pycache__" not in p.parts}
    for folder, name in FOLDERS.items():
        inside = Path(*name.split(".")[1:])
        for source in (ROOT / folder).rglob("*"):
            if source.is_file() and "__pycache__" not in source.parts:
                assert inside / source.relative_to(ROOT / folder) in installed, source

    # The wheel's copy comes first on the path; run from a folder with no source in it.
    script = (
        "import sys; from forumkit import cli, ops; "
        "assert ops.MIGRATIONS.is_relative_to(sys.argv[1]), ops.MIGRATIONS; "
        "sys.argv = ['forumkit', 'migrate']; cli.app()"
    )
    env = {**os.environ, "PYTHONPATH": str(target),
           "FORUMKIT_DATABASE_URL": f"sqlite:///{tmp_path / 'installed.db'}"}
    done = subprocess.run([sys.executable, "-c", script, str(target)], cwd=tmp_path, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr[-2000:]
    check = (
        "from forumkit.db import make_engine; from forumkit.ops import schema_state; "
        "from forumkit.registry import Registry; import os; "
        "e = make_engine(os.environ['FORUMKIT_DATABASE_URL']); "
        "assert schema_state(e)[1] == set(), schema_state(e); "
        "assert {'gratitude', 'unanswered'} <= set(Registry.discover().plugins); print('ok')"
    )
    done = subprocess.run([sys.executable, "-c", check], cwd=tmp_path, env=env,
                          capture_output=True, text=True)
    assert done.stdout.strip() == "ok", done.stderr[-2000:]
