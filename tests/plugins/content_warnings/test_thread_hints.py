"""Render hints for thread titles in lists (`thread_ids`): a thread is drawn as its first
post's labels and the reader's choices say; threads not seen are listed, not refused."""

from __future__ import annotations

from typing import Any

from forumkit.plugins.content_warnings.schemas import RenderHintsOut
from tests.plugins.content_warnings.helpers import prefer, put_labels, settings
from tests.support.world import World, post_created

URL = "/v1/forums/calm/render-hints"
CALM = "Thanks for listening today."
SAMARITANS = {"name": "Samaritans", "offers": "Someone to talk to, any time",
              "phone": "116 123", "url": "https://www.samaritans.org", "hours": "24 hours",
              "country": "UK"}


def _forum(world: World) -> None:
    """t1 opens with a suicide warning (its reply none); t2 has none; t3 has a labelled reply
    and an unlabelled first post; of t4 only a reply has arrived."""
    sent = world.send([
        post_created("e1", "t1-p1", thread="t1", author="u42", content_warnings=["suicide"],
                     body=CALM),
        post_created("e2", "t1-p2", thread="t1", author="u7", first=False, body=CALM),
        post_created("e3", "t2-p1", thread="t2", author="u8", body=CALM),
        post_created("e4", "t3-p1", thread="t3", author="u8", body=CALM),
        post_created("e5", "t3-p2", thread="t3", author="u7", first=False,
                     content_warnings=["self-harm"], body=CALM),
        post_created("e6", "t4-p2", thread="t4", author="u7", first=False,
                     content_warnings=["self-harm"], body=CALM),
    ])
    assert sent.status_code == 200, sent.text


def _post(world: World, body: dict[str, Any]) -> Any:
    return world.client.post(URL, json=body, headers=world.auth("calm:platform"))


def _hints(world: World, reader: str | None, **ids: list[str]) -> dict[str, Any]:
    response = _post(world, {"reader_id": reader, **ids})
    assert response.status_code == 200, response.text
    answer = response.json()
    assert RenderHintsOut.model_validate(answer).model_dump(mode="json") == answer
    return answer


def test_a_thread_with_a_warned_first_post_is_covered_in_the_list(world: World) -> None:
    _forum(world)
    answer = _hints(world, "u7", thread_ids=["t1", "t2", "t3"])
    assert answer["threads"]["t1"] == {
        "display": "blur", "labels": [{"key": "suicide", "name": "Suicide"}],
        "notice": "Content warning: Suicide. The thread's title is covered; choose to show it "
                  "when you feel ready.",
        "support": False,
    }
    # Only the first post's labels are the thread's: a labelled reply leaves its title alone.
    for quiet in ("t2", "t3"):
        assert answer["threads"][quiet] == {"display": "show", "labels": [], "notice": None,
                                            "support": False}
    assert answer["unknown_threads"] == []
    # The fields for posts are there as before, empty.
    assert (answer["posts"], answer["unknown"], answer["support"]) == ({}, [], None)


def test_a_thread_follows_the_reader_s_choices_and_its_author_sees_it(world: World) -> None:
    _forum(world)
    prefer(world, "u7", {"suicide": "hide"})
    hidden = _hints(world, "u7", thread_ids=["t1"])["threads"]["t1"]
    assert hidden["display"] == "hide"
    assert hidden["notice"] == "A thread is hidden here because of its content warning: Suicide."
    prefer(world, "u7", {"suicide": "show"})
    shown = _hints(world, "u7", thread_ids=["t1"])["threads"]["t1"]
    assert (shown["display"], shown["notice"]) == ("show", "Content warning: Suicide.")
    prefer(world, "u42", {"suicide": "hide"})
    own = _hints(world, "u42", thread_ids=["t1"])["threads"]["t1"]
    assert (own["display"], own["notice"]) == (
        "show", "Your thread carries a content warning: Suicide.")
    settings(world, anonymous_default="hide")
    assert _hints(world, None, thread_ids=["t1"])["threads"]["t1"]["display"] == "hide"


def test_a_label_added_to_the_first_post_later_reaches_the_title(world: World) -> None:
    _forum(world)
    assert put_labels(world, "t2-p1", "author", "u8", ["bereavement"]).status_code == 200
    thread = _hints(world, None, thread_ids=["t2"])["threads"]["t2"]
    assert (thread["display"], thread["labels"]) == (
        "blur", [{"key": "bereavement", "name": "Bereavement"}])


def test_unknown_threads_are_listed_not_refused(world: World) -> None:
    _forum(world)
    world.send([post_created("x1", "tx-p1", thread="tx", body=CALM)], forum="other")
    answer = _hints(world, None, thread_ids=["t1", "t404", "t4", "tx", "t404"])
    assert list(answer["threads"]) == ["t1"]
    # t4's first post has not arrived, so its labels are not known; tx is another forum's.
    assert answer["unknown_threads"] == ["t404", "t4", "tx"]


def test_ids_with_quotes_and_other_scripts_are_found_as_sent(world: World) -> None:
    # Each list of ids reaches the database as one value (an array, or JSON on SQLite).
    odd = ['q"uote', "back\\slash", "тема-1", "a,b", "[x]"]
    sent = world.send([post_created(f"e{n}", pid, thread=pid, content_warnings=["suicide"],
                                    body=CALM) for n, pid in enumerate(odd)])
    assert sent.status_code == 200, sent.text
    answer = _hints(world, None, post_ids=[*odd, "p404"], thread_ids=odd)
    assert list(answer["posts"]) == odd and list(answer["threads"]) == odd
    assert answer["unknown"] == ["p404"] and answer["unknown_threads"] == []


def test_posts_and_threads_in_one_request_answer_with_one_query(world: World) -> None:
    _forum(world)
    _hints(world, "u9", post_ids=["t3-p2"], thread_ids=["t1"])  # warm the caches
    with world.statements() as seen:
        answer = _hints(world, "u9", post_ids=["t1-p1", "t3-p2", "p404"],
                        thread_ids=["t1", "t3", "t404"])
    assert {p: h["display"] for p, h in answer["posts"].items()} == {
        "t1-p1": "blur", "t3-p2": "blur"}
    assert answer["unknown"] == ["p404"]
    assert {t: h["display"] for t, h in answer["threads"].items()} == {
        "t1": "blur", "t3": "show"}
    assert answer["unknown_threads"] == ["t404"]
    labels_read = [s for s in seen if "content_warnings_post_label" in s]
    assert len(labels_read) == 1, seen


def test_a_thread_with_a_support_label_shows_the_services(world: World) -> None:
    _forum(world)
    settings(world, support_resources=[SAMARITANS])
    answer = _hints(world, None, thread_ids=["t1", "t2"])
    assert {t: h["support"] for t, h in answer["threads"].items()} == {"t1": True, "t2": False}
    assert [r["name"] for r in answer["support"]["resources"]] == ["Samaritans"]
    assert _hints(world, None, thread_ids=["t2"])["support"] is None


def test_each_list_is_limited_to_200_ids_and_one_of_them_is_needed(world: World) -> None:
    many = [f"t{i}" for i in range(200)]
    ok = _post(world, {"reader_id": None, "post_ids": many, "thread_ids": many})
    assert ok.status_code == 200, ok.text
    assert len(ok.json()["unknown_threads"]) == 200
    too_many = _post(world, {"reader_id": None, "thread_ids": [*many, "t200"]})
    assert too_many.status_code == 422
    assert too_many.json()["detail"][0]["loc"] == ["body", "thread_ids"]
    for body in ({"reader_id": None}, {"post_ids": [], "thread_ids": []}):
        neither = _post(world, body)
        assert neither.status_code == 422, body
        assert "at least one post" in neither.text
    for bad in ([""], ["t" * 201], ["bad\x00id"]):
        assert _post(world, {"thread_ids": bad}).status_code == 422, bad
