"""docs/actions.md is the action contract as the code checks it: written from the models,
so a field added to a payload or to an alert's fields without `make docs` fails here."""

from __future__ import annotations

from pathlib import Path

from forumkit.contract_doc import markdown
from forumkit.registry import Registry

PAGE = Path(__file__).resolve().parents[1] / "docs" / "actions.md"


def test_the_actions_page_is_written_from_the_models() -> None:
    assert PAGE.read_text() == markdown(Registry.discover()), "run `make docs`"


def test_the_page_documents_every_action_and_the_alert_fields() -> None:
    page = markdown(Registry.discover())
    for kind in ("notify_moderators", "message_member", "set_thread_replies", "hide_post",
                 "set_post_tags", "post_whisper", "alert"):
        assert f"## `{kind}`" in page
    assert "| `about_post_id` | string or null | no |" in page
    assert "### Alert fields of `unanswered`" in page
    assert "| `waited_minutes` | integer | yes |" in page
