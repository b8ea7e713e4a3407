"""The risk assessment on ForumKit's labelled set: recall and false alarms, and speed.

Reads tests/data/risk-eval.jsonl (sentences in the style of peer-support posts, each with
the level and topics a safeguarding lead would give it), assesses every one with the
chosen assessor (the word rules by default), and prints, for the whole set and for its
held-out part (sentences written after the rules and never used to change them):

- per topic: recall (labelled with it and found) and false alarms (found, not labelled);
- per level: recall and false alarms at that level or above;
- false alarms on everyday figures of speech (a level or a topic they should not get);
- the goals, each marked met or missed: recall >= 0.9 for suicide and for self-harm,
  false alarms on figures of speech <= 5%;
- the time to assess a 2,000-character post.

    .venv/bin/python bench/risk_eval.py                 # the word rules
    .venv/bin/python bench/risk_eval.py --misses        # and every sentence it got wrong
    .venv/bin/python bench/risk_eval.py --assessor NAME [--url URL]
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT)]

from forumkit.risk import assessor_for  # noqa: E402
from forumkit.risk.evaluation import HELD_OUT, Example, Report, load, score  # noqa: E402
from forumkit.risk.model import RiskLevel  # noqa: E402
from forumkit.risk.word_rules import WordRulesAssessor  # noqa: E402

SET = ROOT / "tests" / "data" / "risk-eval.jsonl"


def show(title: str, report: Report) -> bool:
    print(f"\n## {title}: {report.size} sentences")
    print(f"{'topic':<18} {'recall':>16} {'false alarms':>18}")
    for topic, recall in report.topic_recall.items():
        if recall.out_of:
            print(f"{topic:<18} {recall!s:>16} {report.topic_false_alarms[topic]!s:>18}")
    print(f"{'level (or above)':<18} {'recall':>16} {'false alarms':>18}")
    for level in (RiskLevel.CONCERN, RiskLevel.HIGH):
        print(f"{level:<18} {report.level_recall[level]!s:>16} "
              f"{report.level_false_alarms[level]!s:>18}")
    print(f"exact level: {report.exact_level}")
    print(f"false alarms on figures of speech: {report.figurative_false_alarms}")
    met = True
    for goal in report.goals():
        print(f"goal {goal.name} {goal.target}: {goal.rate} "
              f"{'met' if goal.met else 'MISSED'}")
        met = met and goal.met
    return met


def speed(assessor_name: str, url: str | None, examples: list[Example]) -> None:
    assessor = assessor_for(assessor_name, url)
    text = ""
    for example in examples:
        if len(text) > 2000:
            break
        text += example.text + ". "
    text = text[:2000]
    assessor.assess(text)  # warm the stem cache, as a running service has it
    runs = 200
    started = time.perf_counter()
    for _ in range(runs):
        assessor.assess(text)
    per_post = (time.perf_counter() - started) / runs * 1000
    sentences = max(1, text.count(". "))
    print(f"\nspeed: {per_post:.2f} ms per 2,000-character post ({sentences} sentences, "
          f"{per_post / sentences * 1000:.0f} us per sentence), mean of {runs}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--assessor", default=WordRulesAssessor.name)
    parser.add_argument("--url", default=None, help='the classifier, for --assessor http')
    parser.add_argument("--misses", action="store_true", help="list every sentence got wrong")
    args = parser.parse_args()
    examples = load(SET)
    assessor = assessor_for(args.assessor, args.url)
    print(f"# risk assessment: assessor {assessor.name!r}, {date.today().isoformat()}")
    print(f"set: {SET.relative_to(ROOT)}, {len(examples)} sentences "
          f"({sum(e.split == HELD_OUT for e in examples)} held out)")
    whole = score(assessor, examples)
    met = show("whole set", whole)
    show("held-out part", score(assessor, [e for e in examples if e.split == HELD_OUT]))
    if args.misses:
        print("\n## misses (labelled -> assessed)")
        for example, got in whole.misses:
            print(f"[{example.split}] {example.level}->{got.level} "
                  f"{sorted(example.topics)}->{sorted(got.topics)} {list(got.codes)}: "
                  f"{example.text}")
    speed(args.assessor, args.url, examples)
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
