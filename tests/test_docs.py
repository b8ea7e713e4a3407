"""The README and docs/: the walkthrough in the README is the script's, and links resolve."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "docs" / "walkthrough.sh"
MARKER = "<!-- walkthrough steps:"


def walkthrough_steps() -> list[str]:
    """Each step's title and the requests it makes, as the README lists them."""
    lines = SCRIPT.read_text().splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("# --- the walk"))
    steps: list[str] = []
    for line in lines[start + 1:]:
        if title := re.match(r'^step "(.+)"$', line):
            steps.append(title.group(1))
        elif path := re.search(r'"\$F(/[^"]*)"', line):
            verb = re.match(r"^\s*(?:call|send) (GET|POST|PUT|DELETE) ", line)
            steps.append(f"   {verb.group(1) if verb else 'GET'} /v1/forums/demo{path.group(1)}")
    return steps


def readme_steps() -> list[str]:
    text = (ROOT / "README.md").read_text()
    after = text[text.index(MARKER):]
    block = after[after.index("```text\n") + len("```text\n"):]
    return block[:block.index("```")].rstrip("\n").splitlines()


def test_the_readme_walkthrough_lists_exactly_the_scripts_steps() -> None:
    expected = walkthrough_steps()
    assert len([s for s in expected if not s.startswith(" ")]) >= 10
    assert readme_steps() == expected, "README walkthrough is out of date; expected:\n" + (
        "\n".join(expected))


def test_the_walkthrough_is_an_executable_script() -> None:
    assert SCRIPT.stat().st_mode & 0o111
    assert SCRIPT.read_text().startswith("#!/usr/bin/env bash\n")


def test_every_relative_link_in_the_readme_and_docs_resolves() -> None:
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    broken = []
    for page in pages:
        for target in re.findall(r"\]\(([^)\s]+)\)", page.read_text()):
            if re.match(r"^[a-z]+:", target) or target.startswith("#"):
                continue
            file, _, anchor = target.partition("#")
            linked = page.parent / file
            if not linked.exists() or (anchor and anchor not in _anchors(linked)):
                broken.append(f"{page.relative_to(ROOT)} -> {target}")
    assert broken == []


def _anchors(page: Path) -> set[str]:
    """GitHub's anchors for a page's headings: lower case, punctuation dropped, - for spaces."""
    if page.suffix != ".md":
        return set()
    headings = re.findall(r"^#+ (.+)$", page.read_text(), flags=re.M)
    return {re.sub(r"[^\w\- ]", "", h.lower()).replace(" ", "-") for h in headings}


def test_the_alert_queue_screenshot_is_shown() -> None:
    assert "](alert-queue.png)" in (ROOT / "docs" / "pages.md").read_text()
    assert (ROOT / "docs" / "alert-queue.png").exists()
