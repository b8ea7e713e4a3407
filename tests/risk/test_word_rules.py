"""The default word rules on forum sentences: what reaches moderators, and what must not."""

from __future__ import annotations

import pytest

from forumkit.plugins.content_warnings import defaults
from forumkit.risk import Assessment, RiskLevel, Topic, assessor_for
from forumkit.risk.rules import EXPLANATIONS, RULES

HIGH, CONCERN, NONE = RiskLevel.HIGH, RiskLevel.CONCERN, RiskLevel.NONE


def assess(text: str) -> Assessment:
    return assessor_for("words").assess(text)


def test_the_diary_post_that_reached_no_moderator_is_high_with_its_plan() -> None:
    found = assess("I just want to die and I have the pills ready")
    assert found.level is HIGH
    assert found.codes == ("suicidal_thoughts", "plan_or_means")
    assert found.topics == ("suicide",)
    assert found.assessor == "words"


@pytest.mark.parametrize("text, topic", [
    ("I keep thinking about ending my life", "suicide"),
    ("honestly I wish I was dead", "suicide"),
    ("I started cutting again", "self-harm"),
    ("I've written goodbye letters to my mum and my brother", "suicide"),
    ("I'm ending it all tonight", "suicide"),
    ("I don't want to be here anymore", "suicide"),
    ("I self-harmed last night", "self-harm"),
    ("Feeling suicidal again today", "suicide"),
])
def test_the_writer_speaking_of_suicide_or_self_harm_now_is_high(text: str, topic: str) -> None:
    found = assess(text)
    assert (found.level, found.topics) == (HIGH, (topic,))


def test_plan_means_timing_and_goodbye_each_give_their_reason() -> None:
    found = assess("I want to end my life. I have a plan, I'll do it on Friday, "
                   "I've been giving away my stuff")
    assert found.level is HIGH
    assert set(found.codes) == {"suicidal_thoughts", "plan_or_means", "timing", "goodbye"}


@pytest.mark.parametrize("text", [
    "I'm not suicidal, just tired",
    "I would never hurt myself",
    "I don't want to die, I want things to change",
    "I have no plans to end my life, I'm just venting",
    "I've never self harmed",
])
def test_a_denial_is_not_a_risk(text: str) -> None:
    assert assess(text) == Assessment(NONE, (), (), "words")


@pytest.mark.parametrize("text", [
    "this traffic is killing me",
    "I killed it at my exam",
    "I had a panic attack on the bus",
    "I'm dying to see the film",
    "my phone died",
    "I'd kill for a coffee",
    "I hurt myself at the gym",
    "I'm cutting down on sugar",
    "that cake was to die for",
    "Binge watched the whole series",
])
def test_figures_of_speech_are_no_risk_and_no_topic(text: str) -> None:
    assert assess(text) == Assessment(NONE, (), (), "words")


def test_someone_else_at_risk_is_a_concern_about_someone_else() -> None:
    found = assess("My friend told me she wants to kill herself")
    assert (found.level, found.topics) == (CONCERN, ("suicide",))
    assert found.codes == ("suicidal_thoughts", "about_someone_else")


def test_the_past_and_recovery_are_a_concern_at_most() -> None:
    found = assess("I used to self-harm, two years clean now")
    assert (found.level, found.topics) == (CONCERN, ("self-harm",))
    assert found.codes == ("self_harm", "in_the_past")
    assert assess("I haven't cut myself in 18 months").level is CONCERN
    # A relapse is now, whatever the past.
    assert assess("I was two years clean but I started cutting again").level is HIGH


@pytest.mark.parametrize("text, topic", [
    ("what should I say if a friend is suicidal?", "suicide"),
    ("The film deals with suicide really sensitively", "suicide"),
    ("Just read an article on self-harm in schools", "self-harm"),
    ("Our charity is walking for suicide prevention day", "suicide"),
])
def test_questions_stories_and_information_name_the_topic_without_a_risk(
        text: str, topic: str) -> None:
    found = assess(text)
    assert (found.level, found.topics, found.reasons) == (NONE, (topic,), ())


def test_distress_without_risk_words_is_a_concern_without_a_topic() -> None:
    found = assess("I feel completely hopeless and I can't cope anymore")
    assert (found.level, found.topics, found.codes) == (CONCERN, (), ("distress",))


def test_other_topics_are_named_with_their_label_keys() -> None:
    assert assess("I binged and purged again today").topics == ("eating-disorders",)
    assert assess("My partner hits me when he's angry").topics == ("abuse",)
    assert assess("My dad passed away in January").topics == ("bereavement",)
    assert assess("My dad passed away in January").level is NONE


def test_word_forms_come_from_the_stemmer_not_from_listed_endings() -> None:
    for text in ("I overdosed", "I'm overdosing", "thinking of overdosing again"):
        assert assess(text).topics == ("suicide",), text


def test_reasons_are_codes_and_plain_words_never_the_post() -> None:
    text = "I just want to die and I have the pills ready tonight"
    for reason in assess(text).reasons:
        assert reason.explanation == EXPLANATIONS[reason.code]
        assert "pills" not in reason.explanation and "die" not in reason.explanation.split()


def test_every_topic_is_a_label_key_of_the_default_taxonomy() -> None:
    keys = {label.key for label in defaults.LABELS}
    assert {str(t) for t in Topic} <= keys
    assert {str(r.topic) for r in RULES if r.topic is not None} <= keys


def test_empty_and_long_texts_are_assessed() -> None:
    assert assess("").level is NONE
    assert assess("!!! ... ???").level is NONE
    long = "Had an ordinary day at work. " * 300 + "I want to kill myself."
    assert assess(long).level is HIGH


def test_a_text_read_twice_is_read_once_and_kept_by_digest_not_words() -> None:
    from forumkit.risk import word_rules
    from forumkit.risk.word_rules import WordRulesAssessor, read_once

    rules = WordRulesAssessor()
    first = rules.assess("I just want to die and I have the pills ready")
    assert rules.assess("I just want to die and I have the pills ready") == first
    text = "I just want to die and I have the pills ready"
    assert read_once(text) is read_once(text)  # alerts and content warnings share it
    assert not any(isinstance(k, str) for k in word_rules._recent), "no post's words are kept"
    assert rules.assess("This traffic is killing me").level != first.level
