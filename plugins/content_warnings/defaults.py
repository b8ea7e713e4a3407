"""The taxonomy, lexicon and inclusive-language list a forum starts with.

Written for mental-health peer-support forums; admins rename, retire and extend all of it.
The lexicon errs towards words a reader would want warning of, not towards diagnosis.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class DefaultLabel:
    key: str
    name: str
    description: str
    terms: tuple[str, ...]


LABELS: tuple[DefaultLabel, ...] = (
    DefaultLabel(
        "suicide", "Suicide",
        "Mentions suicide, wanting to die or a suicide attempt.",
        ("suicide", "suicidal", "kill myself", "end my life",
         "end it all", "take my own life", "want to die", "wanted to die", "better off dead",
         "overdose", "suicide attempt", "hang myself"),
    ),
    DefaultLabel(
        "self-harm", "Self-harm",
        "Describes hurting yourself on purpose, such as cutting or burning.",
        ("self-harm", "self harm", "selfharm", "self-injury", "cut myself", "burn myself",
         "hurt myself", "scars"),
    ),
    DefaultLabel(
        "eating-disorders", "Eating disorders",
        "Talks about restricting food, bingeing, purging, weight or calorie numbers.",
        ("anorexia", "anorexic", "bulimia", "bulimic", "binge", "purge", "starve myself",
         "calories", "eating disorder", "make myself sick", "laxatives", "restrict"),
    ),
    DefaultLabel(
        "abuse", "Abuse",
        "Describes emotional, physical or domestic abuse, or coercive control.",
        ("abuse", "abusive", "abuser", "domestic violence", "coercive control", "beat me",
         "hit me", "gaslight", "neglect"),
    ),
    DefaultLabel(
        "sexual-violence", "Sexual violence",
        "Mentions rape, sexual assault or sexual abuse.",
        ("rape", "raped", "sexual assault", "sexually assaulted", "sexual abuse",
         "molest", "groped", "grooming"),
    ),
    DefaultLabel(
        "substance-use", "Substance use",
        "Talks about drinking, drugs or relapse.",
        ("drunk", "alcohol", "drinking again", "heroin", "cocaine", "drugs", "relapse",
         "high again", "withdrawal", "pills"),
    ),
    DefaultLabel(
        "bereavement", "Bereavement",
        "About the death of someone close, or grief.",
        ("passed away", "died", "funeral", "grief", "grieving", "bereavement",
         "lost my mum", "lost my dad", "lost my son", "lost my daughter", "miscarriage"),
    ),
    DefaultLabel(
        "medical-detail", "Graphic medical detail",
        "Detailed descriptions of injuries, blood, surgery or medical procedures.",
        ("blood", "bleed", "stitches", "wound", "surgery", "vomit", "a&e", "stomach pumped"),
    ),
    DefaultLabel(
        "violence", "Violence",
        "Describes violence, fights, threats or weapons.",
        ("violence", "violent", "stab", "knife", "gun", "attack", "assault", "kill",
         "murder", "punch"),
    ),
)

LANGUAGE: tuple[tuple[str, str, str], ...] = (
    ("committed suicide", "died by suicide",
     "'Committed' comes from when suicide was a crime; 'died by suicide' is accurate and "
     "does not blame."),
    ("commit suicide", "die by suicide",
     "'Commit' comes from when suicide was a crime; 'die by suicide' does not blame."),
    ("successful suicide", "died by suicide",
     "Death is not a success; say what happened plainly."),
    ("failed suicide attempt", "survived a suicide attempt",
     "Surviving is not a failure."),
    ("a schizo", "a person with schizophrenia",
     "A slur reduces someone to a diagnosis; name the person first."),
    ("a psycho", "a person who is unwell",
     "'Psycho' is a slur that links mental illness with danger."),
    ("an addict", "a person with an addiction",
     "Person-first words separate someone from their illness."),
    ("a junkie", "a person who uses drugs",
     "'Junkie' is a slur; it makes recovery sound impossible."),
    ("the mentally ill", "people with mental illness",
     "People are more than a group defined by illness."),
    ("suffers from", "lives with",
     "Many people prefer words that do not assume suffering."),
)
