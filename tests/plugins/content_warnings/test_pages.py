"""The content-warning pages, driven in headless Chromium: an admin adds, renames and retires
labels and edits a lexicon; a moderator confirms and dismisses suggested labels."""

from __future__ import annotations

import pytest

from forumkit.db import session_scope
from forumkit.keys import service as keys
from forumkit.web import sessions
from tests.plugins.content_warnings.helpers import actions, labels_of
from tests.support.browser import browser_page, screenshot, sign_in
from tests.support.world import World, post_created

pytestmark = pytest.mark.slow






def _menu(page):
    return page.get_by_role("navigation", name="Forum pages")


def _labels(world: World) -> dict[str, dict]:
    response = world.client.get("/v1/forums/calm/labels", headers=world.auth("calm:platform"))
    return {label["key"]: label for label in response.json()}


def test_admin_adds_a_label_and_gives_it_words(world: World, site: str, database_url: str
                                               ) -> None:
    backend = database_url.split(":")[0].split("+")[0]
    with browser_page() as page:
        sign_in(page, site, world.keys["calm:admin"], lands_on="/ui/forums/calm")
        _menu(page).get_by_role("link", name="Content warnings").click()
        page.get_by_label("Name readers see").first.fill("Pregnancy loss")
        page.get_by_label("What it covers, in a sentence").fill(
            "Mentions miscarriage or stillbirth.")
        screenshot(page, f"cw-taxonomy-adding-{backend}")
        page.get_by_role("button", name="Add label").click()
        assert page.get_by_role("status").inner_text() == "Added the label."
        assert page.locator("#label-pregnancy-loss h2").inner_text().startswith(
            "Pregnancy loss")
        screenshot(page, f"cw-taxonomy-added-{backend}")

        card = page.locator("#label-pregnancy-loss")
        card.get_by_label("Words and phrases that suggest it").fill("miscarriage\nstillbirth")
        card.get_by_role("button", name="Save Pregnancy loss").click()
        assert page.get_by_role("status").inner_text() == "Saved the label."

    assert _labels(world)["pregnancy-loss"]["name"] == "Pregnancy loss"
    check = world.client.post("/v1/forums/calm/compose-check",
                              headers=world.auth("calm:platform"),
                              json={"body": "After the stillbirth I could not speak."})
    assert "pregnancy-loss" in [s["key"] for s in check.json()["suggested_labels"]]


def test_admin_renames_a_label_retires_one_and_is_told_of_a_duplicate(
    world: World, site: str, database_url: str
) -> None:
    backend = database_url.split(":")[0].split("+")[0]
    with browser_page() as page:
        sign_in(page, site, world.keys["calm:admin"], lands_on="/ui/forums/calm")
        _menu(page).get_by_role("link", name="Content warnings").click()
        card = page.locator("#label-abuse")
        card.get_by_label("Name readers see").fill("Abuse and control")
        card.get_by_role("button", name="Save Abuse").click()
        assert page.get_by_role("status").inner_text() == "Saved the label."
        page.locator("#label-bereavement").get_by_role(
            "button", name="Retire Bereavement").click()
        assert page.get_by_role("status").inner_text() == "Retired the label."
        assert "retired" in page.locator("#label-bereavement h2").inner_text()

        page.get_by_label("Name readers see").first.fill("Suicide")  # there already
        page.get_by_role("button", name="Add label").click()
        assert page.get_by_role("alert").inner_text() == (
            "A label 'suicide' already exists; rename or bring it back instead. "
            "Nothing was saved.")
        screenshot(page, f"cw-taxonomy-error-{backend}")

    labels = _labels(world)
    assert labels["abuse"]["name"] == "Abuse and control"
    assert labels["bereavement"]["retired"] is True
    check = world.client.post("/v1/forums/calm/compose-check",
                              headers=world.auth("calm:platform"),
                              json={"body": "The funeral is on Friday."})
    assert "bereavement" not in [s["key"] for s in check.json()["suggested_labels"]]


def test_moderator_confirms_and_dismisses_suggestions_on_a_phone(
    world: World, site: str
) -> None:
    world.send([
        post_created("e1", "p1", body="He hit me again last night."),
        post_created("e2", "p2", thread="t2", author="u9", body="The funeral is on Friday."),
    ])
    with browser_page(viewport={"width": 390, "height": 844}) as page:
        sign_in(page, site, world.keys["calm:moderator"], lands_on="/ui/forums/calm")
        assert _menu(page).get_by_role("link", name="Content warnings").count() == 0  # admins
        _menu(page).get_by_role("link", name="Suggested labels").click()
        screenshot(page, "cw-suggestions-phone")
        card = page.locator("section", has_text="Abuse on post p1")
        card.get_by_label("A note for the author (optional)").fill(
            "Your post describes being hit.")
        page.get_by_role("button", name="Add Abuse to post p1").click()
        assert page.get_by_role("status").inner_text() == "Added the label to the post."
        page.get_by_role("button", name="Dismiss Bereavement on post p2").click()
        assert page.get_by_role("status").inner_text() == "Dismissed the suggestion."
        assert "No suggestions are waiting." in page.locator("main").inner_text()
        screenshot(page, "cw-suggestions-done-phone")

    assert [(x["key"], x["source"]) for x in labels_of(world, "p1")["labels"]] == [
        ("abuse", "moderator")]
    assert labels_of(world, "p2")["labels"] == []
    assert any(m["text"].endswith("Why: Your post describes being hit.")
               for m in actions(world, "message_member"))


def _signed_in(world: World) -> str:
    """Sign the test client in as the forum's admin; the CSRF token of the session."""
    with session_scope(world.services.engine) as session:
        key = keys.find_active(session, world.keys["calm:admin"])
        assert key is not None
        web, token = sessions.start(session, key, world.services.clock.now())
    world.client.cookies.set(sessions.COOKIE, token, path="/ui")
    return web.csrf_token


def test_admin_edits_the_kinder_wording_list_on_the_page(world: World) -> None:
    csrf = _signed_in(world)
    page = world.client.get("/ui/forums/calm/content-warnings")
    assert "committed suicide =&gt; died by suicide | " in page.text
    saved = world.client.post("/ui/forums/calm/content-warnings/language", data={
        "csrf": csrf, "language": "nutter => someone who is unwell | It mocks illness.\n\n"
                                  "lunatic => someone in crisis"}, follow_redirects=False)
    assert saved.status_code == 303
    listed = world.client.get("/v1/forums/calm/language", headers=world.auth("calm:admin"))
    assert listed.json()["terms"] == [
        {"phrase": "nutter", "suggestion": "someone who is unwell", "why": "It mocks illness."},
        {"phrase": "lunatic", "suggestion": "someone in crisis", "why": ""}]
    bad = world.client.post("/ui/forums/calm/content-warnings/language",
                            data={"csrf": csrf, "language": "no arrow here"})
    assert bad.status_code == 422
    assert "Line 1 needs the words, then =&gt;" in bad.text
    assert len(world.client.get("/v1/forums/calm/language",
                                headers=world.auth("calm:admin")).json()["terms"]) == 2


def test_forms_without_the_csrf_token_are_refused(world: World) -> None:
    _signed_in(world)
    page = world.client.get("/ui/forums/calm/content-warnings")
    assert page.status_code == 200 and "Add a label" in page.text
    refused = world.client.post("/ui/forums/calm/content-warnings/labels",
                                data={"name": "Sneaky", "csrf": "wrong"})
    assert refused.status_code == 403
    assert "Sneaky" not in world.client.get("/ui/forums/calm/content-warnings").text


def test_a_refused_decision_is_shown_on_the_page_and_changes_nothing(world: World) -> None:
    world.send([post_created("e1", "p1", body="He hit me again last night.")])
    csrf = _signed_in(world)
    form = {"csrf": csrf, "post": "p1", "label": "abuse", "decision": "dismiss"}
    done = world.client.post("/ui/forums/calm/content-warnings/suggestions", data=form,
                             follow_redirects=False)
    assert done.status_code == 303 and "?" in done.headers["location"]
    again = world.client.post("/ui/forums/calm/content-warnings/suggestions",
                              data={**form, "decision": "confirm"}, follow_redirects=False)
    assert again.status_code == 409
    assert ("The label &#39;abuse&#39; is not waiting as a suggestion on this post. "
            "Nothing was changed.") in again.text
    assert labels_of(world, "p1")["labels"] == []
    unknown = world.client.post("/ui/forums/calm/content-warnings/suggestions",
                                data={**form, "post": "p404"}, follow_redirects=False)
    assert unknown.status_code == 404 and "No post &#39;p404&#39; is known" in unknown.text


def test_renaming_an_unknown_label_is_answered_on_the_page(world: World) -> None:
    csrf = _signed_in(world)
    answer = world.client.post("/ui/forums/calm/content-warnings/labels/nope",
                               data={"csrf": csrf, "action": "retire"},
                               follow_redirects=False)
    assert answer.status_code == 404
    assert "No label &#39;nope&#39; in this forum. Nothing was saved." in answer.text
    assert "Add a label" in answer.text  # the page itself, drawn again
