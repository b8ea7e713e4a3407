"""compose-check: labels and kinder wording suggested while a post is written."""

from __future__ import annotations

from sqlalchemy import text

from forumkit.db import session_scope
from forumkit.models import metadata
from tests.support.world import World, post_created


def _check(world: World, body: str, title: str | None = None) -> dict:
    response = world.client.post(
        "/v1/forums/calm/compose-check", headers=world.auth("calm:platform"),
        json={"author_id": "u42", "title": title, "body": body})
    assert response.status_code == 200, response.text
    return response.json()


def test_labels_are_suggested_with_the_words_that_triggered_them(world: World) -> None:
    answer = _check(world, title="Struggling with food",
                    body="Two weeks of starving myself, then I binged and purged last night. "
                         "I've also been drinking again.")
    assert answer["suggested_labels"] == [
        {"key": "eating-disorders", "name": "Eating disorders",
         "matched": ["starving myself", "binged", "purged"]},
        {"key": "substance-use", "name": "Substance use", "matched": ["drinking again"]},
    ]
    assert answer["language"] == []


def test_everyday_words_suggest_nothing(world: World) -> None:
    answer = _check(world, "I worked on my skills today, the gunnel of the boat was "
                           "painted and I felt skilled and calm. Bloodless victory at chess!")
    assert answer == {"suggested_labels": [], "language": [], "support": None}


def test_stigmatising_phrases_get_a_kinder_suggestion_and_why(world: World) -> None:
    answer = _check(world, "My brother committed suicide last year. People called him a "
                           "schizo, which still hurts.")
    assert [(n["phrase"], n["suggestion"]) for n in answer["language"]] == [
        ("committed suicide", "died by suicide"),
        ("a schizo", "a person with schizophrenia"),
    ]
    assert all(n["why"] for n in answer["language"])
    assert [s["key"] for s in answer["suggested_labels"]] == ["suicide"]


def test_admins_edit_the_language_list(world: World) -> None:
    admin = world.auth("calm:admin")
    listed = world.client.get("/v1/forums/calm/language", headers=admin).json()["terms"]
    assert {"phrase": "a schizo", "suggestion": "a person with schizophrenia",
            "why": listed[4]["why"]} == listed[4]
    saved = world.client.put("/v1/forums/calm/language", headers=admin, json={"terms": [
        {"phrase": "Nutter", "suggestion": "someone who is unwell",
         "why": "It mocks people who are ill."}]})
    assert saved.status_code == 200
    answer = _check(world, "He's a nutter and committed suicide")
    assert answer["language"] == [{"phrase": "nutter", "suggestion": "someone who is unwell",
                                   "why": "It mocks people who are ill."}]
    assert world.client.put("/v1/forums/calm/language", headers=world.auth("calm:platform"),
                            json={"terms": []}).status_code == 403


def test_the_text_checked_is_not_stored(world: World) -> None:
    secret = "my-private-draft-about-cutting myself"
    _check(world, secret)
    with session_scope(world.services.engine) as session:
        dump = "\n".join(
            repr(tuple(row)) for table in metadata().metadata.sorted_tables
            for row in session.execute(text(f'SELECT * FROM "{table.name}"')))
    assert "my-private-draft" not in dump


def test_compose_check_with_content_warnings_off_is_not_found(world: World) -> None:
    world.client.put("/v1/forums/calm/plugins/content_warnings", json={"enabled": False},
                     headers=world.auth("calm:admin"))
    response = world.client.post(
        "/v1/forums/calm/compose-check", headers=world.auth("calm:platform"),
        json={"author_id": "u42", "body": "I committed suicide... nearly; cut myself"})
    assert (response.status_code, response.json()) == (404, {
        "detail": "the content_warnings feature is switched off for this forum"})


def test_compose_check_writes_nothing_even_on_a_new_forum(world: World) -> None:
    answer = _check(world, "I want to end my life")
    assert [s["key"] for s in answer["suggested_labels"]] == ["suicide"]
    with session_scope(world.services.engine) as session:
        made = session.execute(text("SELECT count(*) FROM content_warnings_label")).scalar()
    assert made == 0  # the forum's own labels are made on its first write, not while typing
    world.send([post_created("e1", "p1", body="Hello")])
    answer = _check(world, "I want to end my life")
    assert [s["key"] for s in answer["suggested_labels"]] == ["suicide"]
