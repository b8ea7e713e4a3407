"""The catalogue itself: safe-messaging review of every default, the `.pot` kept up to date,
translations read from `.po` files, placeholders, times in a zone."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from forumkit.channels.message import AlertMessage, plain_text
from forumkit.channels.slack import slack_body
from forumkit.messages import CATALOGUE, ENGLISH, Message, Texts
from forumkit.messages.catalogue import Catalogue, placeholders
from forumkit.messages.translations import CORE_LOCALES, template, translated
from forumkit.registry import Registry

Registry.discover()  # every installed plugin declares its messages as it loads

# Written out here, not read from the code, so a phrase dropped from the code's list still
# fails this review.
NEVER = ["committed suicide", "commit suicide", "successful suicide", "failed suicide",
         "not an emergency", "isn't an emergency", "not urgent", "you are safe",
         "keeping you safe", "everything will be ok", "struggling members",
         "people are struggling"]


def test_no_default_text_uses_words_safe_messaging_guidance_warns_against() -> None:
    for message in CATALOGUE.all():
        lowered = message.text.lower()
        for phrase in NEVER:
            assert phrase not in lowered, (message.id, phrase)


def test_only_the_claimed_status_says_someone_is_looking_after_a_thread() -> None:
    saying = [m.id for m in CATALOGUE.all() if "looking after" in m.text.lower()]
    assert saying == ["unanswered.care_status_claimed"]


def test_no_text_counts_people_who_are_struggling() -> None:
    # Numbers in texts to members are a helper's own activity (the digest), never how many
    # others are in distress.
    counting = [m.id for m in CATALOGUE.all()
                if m.audience == "member" and m.placeholders & {"n", "people", "times", "threads"}
                and not m.id.startswith("helper_impact.")]
    assert counting == []


def test_no_member_text_can_quote_a_post_back_to_its_writer() -> None:
    # A post's words only ever reach moderators (the opt-in excerpt), never as a placeholder
    # of a message to a member.
    for message in CATALOGUE.all():
        if message.audience == "member":
            assert not message.placeholders & {"body", "excerpt", "words", "matched", "text"}, \
                message.id


def test_every_plugin_declares_its_messages_under_its_own_name() -> None:
    owners = {CATALOGUE.owner(m.id) for m in CATALOGUE.all()}
    assert {"core", "content_warnings", "gratitude", "helper_impact", "response_modes",
            "unanswered"} <= owners
    with pytest.raises(ValueError, match="may declare only ids starting"):
        Catalogue().declare("gratitude", [Message("unanswered.x", "x", "member", "nowhere")])


def test_the_committed_template_holds_every_message_as_it_is_now() -> None:
    def body(data: bytes) -> str:
        return re.sub(r'"POT-Creation-Date: [^"]*"\n', "", data.decode())

    committed = (CORE_LOCALES / "forumkit.pot").read_bytes()
    assert body(committed) == body(template()), "run `make messages` and commit the .pot"


def test_the_spanish_catalogue_keeps_each_message_s_placeholders() -> None:
    with (CORE_LOCALES / "es" / "LC_MESSAGES" / "forumkit.po").open("rb") as handle:
        spanish = read_po(handle)
    done = [e for e in spanish if e.id and e.string]
    assert len(done) >= 50
    for entry in done:
        message = CATALOGUE.get(str(entry.context))
        assert entry.id == message.text, f"{message.id}: translated from an older text"
        assert placeholders(str(entry.string)) == message.placeholders, message.id
        assert "cometió suicidio" not in str(entry.string).lower()


def test_a_translation_is_used_only_while_it_matches_the_english(tmp_path: Path) -> None:
    catalogue = Catalogue()
    hello = Message("core.hello", "Replies open at {when}.", "member", "a test")
    other = Message("core.other", "Thank you.", "member", "a test")
    stale = Message("core.stale", "Welcome back.", "member", "a test")
    catalogue.declare("core", [hello, other, stale], tmp_path)
    po = Catalog(locale="cy", domain="forumkit")
    po.add("Replies open at {when}.", "Mae atebion yn agor am {when}.", context="core.hello")
    po.add("Thank you.", "Diolch {name}.", context="core.other")  # a placeholder too many
    po.add("Welcome.", "Croeso.", context="core.stale")  # made for an older English text
    folder = tmp_path / "cy" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / "forumkit.po").open("wb") as handle:
        write_po(handle, po)
    assert translated(hello, "cy", catalogue) == "Mae atebion yn agor am {when}."
    assert translated(hello, "cy_GB", catalogue) == "Mae atebion yn agor am {when}."
    assert translated(other, "cy", catalogue) is None
    assert translated(stale, "cy", catalogue) is None
    assert translated(hello, "fr", catalogue) is None


def test_an_override_wins_over_the_translation_and_the_english() -> None:
    texts = Texts(locale="es", overrides={"gratitude.reactions_off": "No reactions here."})
    assert texts.render("gratitude.reactions_off") == "No reactions here."
    assert Texts(locale="es").render("gratitude.reactions_off") == \
        "Las reacciones están desactivadas en este hilo."
    assert ENGLISH.render("gratitude.reactions_off") == \
        "Reactions are turned off in this thread."


def test_a_message_is_filled_with_exactly_its_placeholders() -> None:
    with pytest.raises(ValueError, match="takes"):
        ENGLISH.render("response_modes.why_held_until")
    with pytest.raises(ValueError, match="takes"):
        ENGLISH.render("gratitude.reactions_off", extra="x")
    # A value is text, never a format: braces in it stay as they are.
    texts = Texts(overrides={"unanswered.note": "Note: {note}"})
    assert texts.render("unanswered.note", note="{0.__class__}") == "Note: {0.__class__}"


@pytest.mark.parametrize(("zone", "locale", "shown"), [
    ("UTC", "en", "Monday 5 January 2026 at 05:10 UTC"),
    ("Europe/London", "en", "Monday 5 January 2026 at 05:10 GMT"),
    ("America/New_York", "en", "Monday 5 January 2026 at 00:10 EST"),
    ("Europe/Madrid", "es", "lunes 5 de enero de 2026 a las 06:10 (CET)"),
])
def test_times_read_in_the_zone_and_language_given(zone: str, locale: str, shown: str) -> None:
    moment = datetime(2026, 1, 5, 5, 10, tzinfo=UTC)
    assert Texts(locale=locale, zone=zone).moment(moment) == shown


def test_a_member_zone_the_platform_sent_wrong_leaves_the_forum_s() -> None:
    texts = Texts(zone="Europe/London")
    assert texts.in_zone("Not/AZone").zone == "Europe/London"
    assert texts.in_zone("Asia/Tokyo").zone == "Asia/Tokyo"


def test_channels_word_their_links_and_footer_as_the_forum_does() -> None:
    message = AlertMessage(title="Unanswered for 4 h: Can't sleep", text="A post waited.",
                           url="https://forum.example/t/1", fields={"new_member": True},
                           event="alert.resolved")
    texts = Texts(overrides={"core.channel_open_link": "Read it",
                             "core.channel_resolved": "Done",
                             "core.yes": "oui"})
    body = slack_body("Calm", message, texts)
    assert body["text"].startswith("*[Calm] Done: Unanswered for 4 h")
    assert "|Read it>" in body["text"]
    mail = plain_text("Calm", message, "d-1", Texts(locale="es"))
    assert "Abrir: https://forum.example/t/1" in mail
    assert "new_member: sí" in mail
    assert "Enviado por ForumKit para Calm (alert.resolved, entrega d-1)." in mail
