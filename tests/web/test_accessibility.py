"""Every page, in headless Chromium: each control has a label, text is readable against its
background (WCAG AA contrast), and the alert queue can be worked with the keyboard alone."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from forumkit.app import create_app
from forumkit.services import Services
from tests.plugins.unanswered.support import advance, configure, post_created
from tests.support.browser import browser_page, chromium_or_skip, live_server, sign_in
from tests.support.pages import PAGES
from tests.support.world import World

pytestmark = pytest.mark.slow


# For each visible control: is it named (a label, aria-label or aria-labelledby)?
UNLABELLED = """() => [...document.querySelectorAll('input, select, textarea, button')]
  .filter(el => el.type !== 'hidden' && el.offsetParent !== null)
  .filter(el => !(el.labels && el.labels.length) && !el.getAttribute('aria-label')
                && !el.getAttribute('aria-labelledby')
                && !(el.tagName === 'BUTTON' && el.innerText.trim()))
  .map(el => el.outerHTML.slice(0, 120))"""

# Each visible element with its own text: its colour and the first opaque background
# behind it, as rgb(a) strings; contrast is worked out in Python below.
COLOURS = """() => {
  const opaque = c => c && c !== 'transparent' && !c.startsWith('rgba(0, 0, 0, 0)');
  const out = [];
  for (const el of document.querySelectorAll('body *')) {
    const own = [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || el.offsetParent === null) continue;
    let bg = null;
    for (let p = el; p && !bg; p = p.parentElement) {
      const c = getComputedStyle(p).backgroundColor;
      if (opaque(c)) bg = c;
    }
    out.push([el.tagName, el.textContent.trim().slice(0, 40),
              getComputedStyle(el).color, bg || 'rgb(255, 255, 255)']);
  }
  return out;
}"""


@pytest.fixture
def site(world: World, services: Services) -> Iterator[str]:
    chromium_or_skip()
    configure(world, {"rule": {"peer_window_minutes": 60}, "new_member_posts": 1})
    world.send([post_created("e1", "p1", category_id="c-anxiety", content_warnings=["suicide"],
                             url="https://forum.example/t/1")])
    advance(world, minutes=61)
    with live_server(create_app(services=services, run_scheduler=False)) as url:
        yield url




def _channel(value: str) -> float:
    c = int(value) / 255
    return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4


def _luminance(rgb: str) -> float:
    parts = rgb[rgb.index("(") + 1:rgb.index(")")].split(",")
    r, g, b = (_channel(p.strip()) for p in parts[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(fg: str, bg: str) -> float:
    light, dark = sorted((_luminance(fg), _luminance(bg)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_ratio_is_worked_out_as_wcag_defines_it() -> None:
    assert round(contrast("rgb(0, 0, 0)", "rgb(255, 255, 255)"), 1) == 21.0
    assert round(contrast("rgb(118, 118, 118)", "rgb(255, 255, 255)"), 2) == 4.54
    assert contrast("rgb(170, 170, 170)", "rgb(255, 255, 255)") < 4.5


def _check_page(page: Any, url: str) -> list[str]:
    page.goto(url)
    assert page.title(), f"{url} has no title"
    problems = [f"{url}: unlabelled control {html}" for html in page.evaluate(UNLABELLED)]
    texts = page.evaluate(COLOURS)
    assert len(texts) >= 5, f"{url} shows almost no text: {texts}"
    for tag, text, fg, bg in texts:
        ratio = contrast(fg, bg)
        if ratio < 4.5:
            problems.append(f"{url}: {tag} {text!r} contrast {ratio:.2f} ({fg} on {bg})")
    return problems


@pytest.mark.parametrize("part", range(3))  # a third of the pages in each
def test_every_page_labels_its_controls_and_has_readable_contrast(
    world: World, site: str, part: int
) -> None:
    problems: list[str] = []
    with browser_page() as page:
        sign_in(page, site, world.keys["calm:admin"], lands_on="/ui/forums/calm")
        for path in PAGES[part::3]:
            problems += _check_page(page, f"{site}/ui/forums/calm{path}")
    assert problems == []


def test_a_moderator_claims_an_alert_with_the_keyboard_alone(world: World, site: str) -> None:
    with browser_page() as page:
        page.goto(f"{site}/ui/")
        page.keyboard.press("Tab")
        focused = page.evaluate("() => document.activeElement.outerHTML")
        for _ in range(10):  # past the skip link and the menu, to the key field
            if "password" in focused or 'name="key"' in focused:
                break
            page.keyboard.press("Tab")
            focused = page.evaluate("() => document.activeElement.outerHTML")
        page.keyboard.type(world.keys["calm:moderator"])
        page.keyboard.press("Enter")
        page.wait_for_url(f"{site}/ui/forums/calm")
        page.goto(f"{site}/ui/forums/calm/alerts")
        for _ in range(40):
            page.keyboard.press("Tab")
            name = page.evaluate("() => document.activeElement.innerText || ''")
            if name.strip() == "Claim":
                break
        else:
            pytest.fail("the Claim button cannot be reached with Tab")
        page.keyboard.press("Enter")
        assert page.get_by_role("status").inner_text() == "You have claimed the alert."
