"""Render hints and readers' preferences: what a reader sees of each post on a page.

The read path: one query for the page's posts with their labels and the reader's choice
for each label; the taxonomy comes from the per-process cache. A post's display is the most
careful of its labels' displays (hide over blur over show); a label the reader has not
chosen for takes the forum's default, and a reader who is not signed in takes the forum's
default for anonymous readers. Authors always see their own posts.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session, delete

from forumkit.errors import Unprocessable
from forumkit.forums.models import Forum
from forumkit.identity import member_key
from forumkit.messages import Texts, texts_for
from forumkit.mirror.models import Member
from forumkit.plugins.content_warnings import repository as repo
from forumkit.plugins.content_warnings.models import CwPreference
from forumkit.plugins.content_warnings.settings import ContentWarningSettings
from forumkit.plugins.content_warnings.taxonomy import LabelView, Taxonomy, TaxonomyCache

CARE = {"show": 0, "blur": 1, "hide": 2}


@dataclass
class Hint:
    display: str
    labels: list[LabelView]
    notice: str | None


def notice(display: str, names: list[str], own: bool, texts: Texts) -> str | None:
    if not names:
        return None
    if own:
        return texts.render("content_warnings.notice_own", labels=names)
    shown = {"hide": "hidden", "blur": "blurred"}.get(display, "shown")
    return texts.render(f"content_warnings.notice_{shown}", labels=names)


def render_hints(
    session: Session, forum: Forum, settings: ContentWarningSettings, cache: TaxonomyCache,
    reader_id: str | None, post_ids: list[str],
) -> tuple[dict[str, Hint], list[str]]:
    """Hints for each known post, and the ids no post is known by."""
    assert forum.id is not None
    wanted = list(dict.fromkeys(post_ids))
    reader = member_key(forum.member_secret, reader_id) if reader_id is not None else None
    rows = repo.page_for_reader(session, forum.id, reader, wanted)
    default = settings.anonymous_default if reader_id is None else settings.member_default

    found: dict[str, tuple[bool, list[tuple[int, str | None]]]] = {}
    for ext_id, own, label_id, chosen in rows:
        _, labelled = found.setdefault(ext_id, (own, []))
        if label_id is not None:
            labelled.append((label_id, chosen))

    taxonomy: Taxonomy | None = None
    texts = texts_for(session, forum, lazy=True)  # read only if a notice is drawn
    hints: dict[str, Hint] = {}
    for ext_id in wanted:
        if ext_id not in found:
            continue
        own, labelled = found[ext_id]
        labels: list[LabelView] = []
        display = "show"
        for label_id, chosen in labelled:
            if taxonomy is None or label_id not in taxonomy.labels:
                taxonomy = cache.get(session, forum.id, needs=label_id)
            label = taxonomy.labels.get(label_id)
            if label is None:
                continue
            labels.append(label)
            wish = chosen or default
            if not own and CARE[wish] > CARE[display]:
                display = wish
        if len(labels) > 1 and taxonomy is not None:
            rank = taxonomy.rank
            labels.sort(key=lambda lb: rank.get(lb.id, 0))
        hints[ext_id] = Hint(display=display, labels=labels,
                             notice=notice(display, [lb.name for lb in labels], own, texts))
    return hints, [i for i in wanted if i not in found]


def get_preferences(session: Session, forum: Forum, member: Member | None,
                    taxonomy: Taxonomy) -> dict[str, str]:
    if member is None or member.id is None:
        return {}
    return {taxonomy.labels[p.label_id].key: p.display
            for p in repo.preferences(session, member.id) if p.label_id in taxonomy.labels}


def set_preferences(
    session: Session, forum: Forum, member: Member, taxonomy: Taxonomy,
    wishes: dict[str, str], now: datetime,
) -> dict[str, str]:
    """Replace the member's preferences; labels left out take the forum's default."""
    assert forum.id is not None and member.id is not None
    problems = [{"loc": ["body", "labels", key], "type": "value_error",
                 "msg": f"no label {key!r} in this forum"}
                for key in wishes if key not in taxonomy.by_key]
    if problems:
        raise Unprocessable(problems)
    session.execute(delete(CwPreference).where(CwPreference.member_id == member.id))  # type: ignore[arg-type]
    for key, display in wishes.items():
        session.add(CwPreference(forum_id=forum.id, member_id=member.id,
                                 label_id=taxonomy.by_key[key].id, display=display,
                                 updated_at=now))
    session.flush()
    return dict(wishes)
