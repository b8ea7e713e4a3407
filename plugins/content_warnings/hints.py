"""Render hints and readers' preferences: what a reader sees of each post on a page, and of
each thread title a topic list shows (a thread carries its first post's labels).

The read path: one query for the page's posts and threads with their labels and the
reader's choice for each label; the taxonomy comes from the per-process cache. A post's
display is the most careful of its labels' displays (hide over blur over show); a label the
reader has not chosen for takes the forum's default, and a reader who is not signed in takes
the forum's default for anonymous readers. Authors always see their own posts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
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


@dataclass
class Page:
    """The hints of a page: for its posts, and for the threads whose titles it lists."""

    posts: dict[str, Hint]
    unknown: list[str]  # posts ForumKit has not seen
    threads: dict[str, Hint] = field(default_factory=dict)
    unknown_threads: list[str] = field(default_factory=list)  # or whose first post it has not


def notice(display: str, names: list[str], own: bool, texts: Texts,
           thing: str = "post") -> str | None:
    if not names:
        return None
    kind = "" if thing == "post" else "thread_"
    if own:
        return texts.render(f"content_warnings.notice_{kind}own", labels=names)
    if display == "show":
        return texts.render("content_warnings.notice_shown", labels=names)
    shown = "hidden" if display == "hide" else "blurred"
    return texts.render(f"content_warnings.notice_{kind}{shown}", labels=names)


Labelled = dict[str, tuple[bool, list[tuple[int, str | None]]]]


def render_hints(
    session: Session, forum: Forum, settings: ContentWarningSettings, cache: TaxonomyCache,
    reader_id: str | None, post_ids: list[str], thread_ids: list[str] | None = None,
) -> Page:
    """Hints for each known post and each thread (by its first post), and the ids of those
    ForumKit does not know, from one query."""
    assert forum.id is not None
    wanted = list(dict.fromkeys(post_ids))
    wanted_threads = list(dict.fromkeys(thread_ids or []))
    reader = member_key(forum.member_secret, reader_id) if reader_id is not None else None
    rows = repo.page_for_reader(session, forum.id, reader, wanted, wanted_threads)
    default = settings.anonymous_default if reader_id is None else settings.member_default

    posts: Labelled = {}
    threads: Labelled = {}
    for ext_id, own, label_id, chosen, of_thread in rows:
        _, labelled = (threads if of_thread else posts).setdefault(ext_id, (own, []))
        if label_id is not None:
            labelled.append((label_id, chosen))

    draw = _Drawing(session, forum, cache, default)
    return Page(
        posts={i: draw.hint(*posts[i], "post") for i in wanted if i in posts},
        unknown=[i for i in wanted if i not in posts],
        threads={i: draw.hint(*threads[i], "thread") for i in wanted_threads if i in threads},
        unknown_threads=[i for i in wanted_threads if i not in threads],
    )


class _Drawing:
    """Turns a post's labels and the reader's choices into its hint; the taxonomy is read
    from the cache only when a label is met, the forum's wording only when a notice is."""

    def __init__(self, session: Session, forum: Forum, cache: TaxonomyCache,
                 default: str) -> None:
        assert forum.id is not None
        self.session, self.forum_id, self.cache, self.default = session, forum.id, cache, default
        self.taxonomy: Taxonomy | None = None
        self.texts = texts_for(session, forum, lazy=True)
        # Posts of a page mostly share a few notices: each is worded once per page.
        self.notices: dict[tuple[str, tuple[str, ...], bool, str], str | None] = {}

    def hint(self, own: bool, labelled: list[tuple[int, str | None]], thing: str) -> Hint:
        labels: list[LabelView] = []
        display = "show"
        # Each label once, should two posts of a thread both say they are its first.
        for label_id, chosen in dict(labelled).items():
            if self.taxonomy is None or label_id not in self.taxonomy.labels:
                self.taxonomy = self.cache.get(self.session, self.forum_id, needs=label_id)
            label = self.taxonomy.labels.get(label_id)
            if label is None:
                continue
            labels.append(label)
            wish = chosen or self.default
            if not own and CARE[wish] > CARE[display]:
                display = wish
        if len(labels) > 1 and self.taxonomy is not None:
            rank = self.taxonomy.rank
            labels.sort(key=lambda lb: rank.get(lb.id, 0))
        said = (display, tuple(lb.name for lb in labels), own, thing)
        if said not in self.notices:
            self.notices[said] = notice(display, list(said[1]), own, self.texts, thing)
        return Hint(display=display, labels=labels, notice=self.notices[said])


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
