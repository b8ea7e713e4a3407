"""Nothing of a Discourse username, name, e-mail, avatar or post body reaches the database
or the logs, whatever the webhook carried."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import text

from forumkit import logs
from forumkit.db import session_scope
from forumkit.models import metadata
from forumkit.outbox.worker import deliver_due
from tests.adapters.discourse.conftest import Site, fixture

PERSONAL = [
    "alice_sleepless", "Alice Wakeful", "carol_helper", "Carol Kindly", "newbie_bob",
    "Bob Newcomer", "bob.newcomer@example.org", "sso-bob-5521", "/user_avatar/",
    "letter_avatar_proxy", "I have not slept properly", "You are not alone",
    "Robert Newcomer", "robert.n@example.org", "Pacific/Chatham", "Bob's bio",
]


def _bob(**changes: object) -> dict[str, object]:
    """user_updated and user_destroyed send the user as WebHookUserSerializer makes them."""
    user = fixture("user_created")["user"]
    user.update(changes)
    return user


def _database_text(site: Site) -> str:
    rows = []
    with session_scope(site.services.engine) as session:
        for table in metadata().metadata.sorted_tables:
            for row in session.execute(text(f'SELECT * FROM "{table.name}"')):
                rows.append(repr(tuple(row)))
    return "\n".join(rows)


def test_no_username_name_email_avatar_or_body_is_stored_or_logged(
    site: Site, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    logs.quiet_libraries()
    site.fake.add_post(1202, topic_id=301, username="carol_helper", number=2)
    site.configure(whispers=True)
    hooks = [
        ("user", "user_created", fixture("user_created")["user"]),
        ("post", "post_created", fixture("post_created_first")["post"]),
        ("topic", "topic_created", fixture("topic_created")["topic"]),
        ("post", "post_created", fixture("post_created_reply")["post"]),
        ("like", "post_liked", fixture("post_liked")["like"]),
        ("post", "post_edited", {**fixture("post_created_reply")["post"], "version": 2}),
        ("post", "post_destroyed", fixture("post_created_reply")["post"]),
        ("user", "user_updated", _bob(name="Robert Newcomer", email="robert.n@example.org",
                                      moderator=True, locale="en_NZ", bio_raw="Bob's bio",
                                      user_option={"timezone": "Pacific/Chatham"})),
        ("user", "user_approved", _bob(name="Robert Newcomer", approved=True)),
        ("category", "category_updated", fixture("category_updated")["category"]),
        # Another account's deletion (Bob's would leave nothing of him to look for):
        ("user", "user_destroyed", _bob(id=78, name="Robert Newcomer", bio_raw="Bob's bio")),
    ]
    for kind, name, payload in hooks:
        assert site.hook(kind, name, payload).status_code == 200
    bad = fixture("post_created_reply")["post"]
    bad["user_id"] = "carol_helper"  # a malformed payload must not echo its values either
    assert site.hook("post", "post_created", bad).status_code == 422
    deliver_due(site.services)  # the alert goes out, and the message to carol_helper's post:
    site.queue("message_member", about_post_id="1202", member="m", text="Thank you")
    site.queue("hide_post", post_id="1202", reason="this topic is a diary",
               message="Thank you for wanting to help; this topic is a diary.")
    deliver_due(site.services)
    to_carol = {m["raw"] for m in site.fake.messages() if m["target_recipients"] == "carol_helper"}
    # Discourse was told, by username looked up at delivery:
    assert {"Thank you", "Thank you for wanting to help; this topic is a diary."} <= to_carol

    stored = _database_text(site)
    logged = caplog.text + "\n".join(repr(r.__dict__) for r in caplog.records)
    assert "Can't sleep again" in stored  # the topic title is kept for moderators
    assert "Sleep" in stored  # and the subforum's name
    assert "ingested batch" in caplog.text and "delivery" in caplog.text
    for secret in PERSONAL:
        assert secret not in stored, secret
        assert secret not in logged, secret
