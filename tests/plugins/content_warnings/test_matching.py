"""The lexicon suggester on realistic text: whole words, word forms, phrases, and the risk
rules' reading of negation and figures of speech."""

from __future__ import annotations

from forumkit.plugins.content_warnings import defaults
from forumkit.plugins.content_warnings.matching import Matcher
from forumkit.plugins.content_warnings.suggesters import Lexicon, LexiconSuggester
from forumkit.risk.reading import stem

DEFAULT = Lexicon({label.key: label.terms for label in defaults.LABELS})


def suggested(text: str, lexicon: Lexicon = DEFAULT) -> dict[str, list[str]]:
    return {s.key: list(s.matched) for s in LexiconSuggester().suggest(text, lexicon)}


def test_words_inside_other_words_never_match() -> None:
    text = ("I've been working on my skills at the new job. Skillful people there, and a "
            "killjoy manager. We had a barbecue with bloodhound puppies and a stabilizer bar.")
    assert suggested(text) == {}


def test_kill_matches_its_forms_but_not_skill_or_killer() -> None:
    lexicon = Lexicon({"violence": ("kill",)})
    assert suggested("He said he would kill the cat", lexicon) == {"violence": ["kill"]}
    assert suggested("They were killing people", lexicon) == {"violence": ["killing"]}
    assert suggested("The killer was caught; he kills", lexicon) == {"violence": ["kills"]}
    assert suggested("Good skill, skilled, skills", lexicon) == {}


def test_a_word_built_on_another_is_listed_on_its_own() -> None:
    lexicon = Lexicon({"violence": ("kill", "killer")})
    assert suggested("The killer was caught; he kills", lexicon) == {
        "violence": ["killer", "kills"]}


def test_realistic_post_suggests_self_harm_and_suicide_with_the_words_that_did_it() -> None:
    post = ("Last night was bad. I ended up cutting myself again after three months clean, "
            "and honestly I keep thinking everyone would be better off dead without me. "
            "I don't know who else to tell.")
    found = suggested(post)
    assert found == {"self-harm": ["cutting myself"], "suicide": ["better off dead"]}


def test_word_forms_drop_e_double_consonants_and_change_y() -> None:
    assert stem("overdosing") == stem("overdose") == stem("overdosed")
    assert stem("cutting") == stem("cut") and stem("stabbed") == stem("stab")
    assert stem("buried") == stem("bury") and stem("dying") == stem("die")
    assert stem("skill") != stem("kill")
    found = suggested("She overdosed on her pills and was bleeding when I found her")
    assert found["suicide"] == ["overdosed"]
    assert found["substance-use"] == ["pills"]
    assert found["medical-detail"] == ["bleeding"]


def test_hyphens_and_capitals_do_not_hide_a_phrase() -> None:
    for text in ("SELF-HARM again", "self harm again", "Self–Harm… again"):
        assert "self-harm" in suggested(text), text


def test_a_denied_risk_word_suggests_nothing() -> None:
    assert suggested("I'm not suicidal, just tired") == {}
    assert suggested("I would never hurt myself") == {}
    assert suggested("I'm not suicidal but I cut myself last night") == {
        "self-harm": ["cut myself"]}


def test_figures_of_speech_suggest_no_violence() -> None:
    for text in ("this traffic is killing me", "I had a panic attack on the bus",
                 "I killed it at my exam", "I'm dying to see the film", "my phone died"):
        assert suggested(text) == {}, text
    assert suggested("He said he would kill her")["violence"] == ["kill"]


def test_the_risk_rules_suggest_what_the_word_list_misses() -> None:
    found = LexiconSuggester().suggest("I wish I was dead. I started cutting again", DEFAULT)
    assert [(s.key, s.matched, s.terms) for s in found] == [
        ("suicide", ("wish I was dead",), ("risk rule: suicidal_thoughts",)),
        ("self-harm", ("cutting again", "started cutting"), ("risk rule: self_harm",)),
    ]


def test_the_risk_rules_suggest_only_labels_the_forum_has() -> None:
    assert suggested("I wish I was dead", Lexicon({"violence": ("kill",)})) == {}


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
