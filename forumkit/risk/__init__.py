"""The risk assessment: how much a text suggests its writer, or someone they speak of, is
at risk, why (for moderators), and what it is about (content-warning label keys).

    from forumkit.risk import assessor_for
    assessment = assessor_for("words").assess(text)
    assessment.level      # RiskLevel.NONE | CONCERN | HIGH
    assessment.reasons    # (Reason(code, explanation), ...) for moderators only
    assessment.topics     # ("suicide", "self-harm", ...)

Modules: model.py (the result), assessor.py (the contract), reading.py and patterns.py
(words, stems, phrase patterns), rules.py (the default word rules), word_rules.py (the
default assessor), http.py (a classifier over HTTP), registry.py (choosing one by name),
evaluation.py (scoring one on a labelled set). The core never imports a plugin; plugins
may use all of this.
"""

from forumkit.risk.assessor import Assessor
from forumkit.risk.http import HttpAssessor
from forumkit.risk.model import NOTHING, Assessment, Reason, RiskLevel, Topic
from forumkit.risk.registry import GROUP, assessor_for, installed, names, register
from forumkit.risk.word_rules import WordRulesAssessor

__all__ = [
    "GROUP", "NOTHING", "Assessment", "Assessor", "HttpAssessor", "Reason", "RiskLevel",
    "Topic", "WordRulesAssessor", "assessor_for", "installed", "names", "register",
]
