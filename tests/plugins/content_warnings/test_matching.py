"""The lexicon suggester on realistic text: whole words, plain inflections, phrases."""

from __future__ import annotations

from forumkit.plugins.content_warnings import defaults
from forumkit.plugins.content_warnings.matching import Matcher, forms
from forumkit.plugins.content_warnings.suggesters import Lexicon, LexiconSuggester

DEFAULT = Lexicon({label.key: label.terms for label in defaults.LABELS})


def suggested(text: str, lexicon: Lexicon = DEFAULT) -> dict[str, list[str]]:
    return {s.key: list(s.matched) for s in LexiconSuggester().suggest(text, lexicon)}


def test_words_inside_other_words_never_match() -> None:
    text = ("I've been working on my skills at the new job. Skillful people there, and a "
            "killjoy manager. We had a barbecue with bloodhound puppies and a stabilizer bar.")
    assert suggested(text) == {}


def test_kill_matches_its_inflections_but_not_skill() -> None:
    lexicon = Lexicon({"violence": ("kill",)})
    assert suggested("He said he would kill the cat", lexicon) == {"violence": ["kill"]}
    assert suggested("They were killing time", lexicon) == {"violence": ["killing"]}
    assert suggested("The killer was caught; he kills", lexicon) == {
        "violence": ["killer", "kills"]}
    assert suggested("Good skill, skilled, skills", lexicon) == {}


def test_realistic_post_suggests_self_harm_and_suicide_with_the_words_that_did_it() -> None:
    post = ("Last night was bad. I ended up cutting myself again after three months clean, "
            "and honestly I keep thinking everyone would be better off dead without me. "
            "I don't know who else to tell.")
    found = suggested(post)
    assert found == {"self-harm": ["cutting myself"], "suicide": ["better off dead"]}


def test_inflections_drop_e_double_consonants_and_change_y() -> None:
    assert "overdosing" in forms("overdose") and "overdosed" in forms("overdose")
    assert "cutting" in forms("cut") and "stabbed" in forms("stab")
    assert "buried" in forms("bury") and "dying" in forms("die")
    assert "skill" not in forms("kill")
    found = suggested("She overdosed on her pills and was bleeding when I found her")
    assert found["suicide"] == ["overdosed"]
    assert found["substance-use"] == ["pills"]
    assert found["medical-detail"] == ["bleeding"]


def test_hyphens_and_capitals_do_not_hide_a_phrase() -> None:
    for text in ("SELF-HARM again", "self harm again", "Self–Harm… again"):
        assert "self-harm" in suggested(text), text


def test_negation_still_suggests_the_label() -> None:
    # A reader meets the word whether or not the writer denies it.
    assert suggested("I'm not suicidal, just tired")["suicide"] == ["suicidal"]


def test_a_phrase_needs_its_words_in_order_and_together() -> None:
    lexicon = Lexicon({"suicide": ("end my life",)})
    assert suggested("I want to end my life", lexicon) == {"suicide": ["end my life"]}
    assert suggested("my life will not end", lexicon) == {}
    assert suggested("end of my life story", lexicon) == {}


def test_matcher_reports_every_phrase_with_the_text_as_written() -> None:
    matcher = Matcher.build([("committed suicide", "a"), ("a schizo", "b")])
    found = matcher.find("My uncle Committed Suicide and people called him a schizo.")
    assert [(m.value, m.text) for m in found] == [("a", "Committed Suicide"),
                                                  ("b", "a schizo")]
