"""Every query of content warnings. The read path (render hints) uses two of them.

While ingest hands the plugin a batch, the label rows of the batch's posts are read in one
query (`remembering_post_labels`) and `post_labels` answers from them (forumkit.remembered).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import bindparam, literal_column, union_all
from sqlalchemy import select as sa_select  # sqlmodel's select types four columns at most
from sqlmodel import Session, col, select

from forumkit.bound_lists import in_list
from forumkit.db import insert_made
from forumkit.mirror.models import Member, Post, Thread
from forumkit.plugins.content_warnings.models import (
    APPLIED,
    SUGGESTED,
    CwHistory,
    CwLabel,
    CwLanguageTerm,
    CwLexiconTerm,
    CwPostLabel,
    CwPreference,
)
from forumkit.remembered import add_to, forget, recall, remembering

PLUGIN = "content_warnings"
LABEL_ROWS = "content_warnings.label_rows"  # post id -> its label rows, oldest first


def labels(session: Session, forum_id: int) -> list[CwLabel]:
    return list(session.exec(
        select(CwLabel).where(CwLabel.forum_id == forum_id)
        .order_by(col(CwLabel.position), col(CwLabel.id))
    ))


def label_by_key(session: Session, forum_id: int, key: str) -> CwLabel | None:
    return session.exec(
        select(CwLabel).where(CwLabel.forum_id == forum_id, CwLabel.key == key)
    ).first()


def lexicon_rows(session: Session, forum_id: int) -> list[tuple[int, str]]:
    rows = session.exec(
        select(CwLexiconTerm.label_id, CwLexiconTerm.phrase)
        .where(CwLexiconTerm.forum_id == forum_id).order_by(col(CwLexiconTerm.id))
    )
    return [(label_id, phrase) for label_id, phrase in rows]


def lexicon_terms(session: Session, label_id: int) -> list[CwLexiconTerm]:
    return list(session.exec(
        select(CwLexiconTerm).where(CwLexiconTerm.label_id == label_id)
        .order_by(col(CwLexiconTerm.id))
    ))


def language_terms(session: Session, forum_id: int) -> list[CwLanguageTerm]:
    return list(session.exec(
        select(CwLanguageTerm).where(CwLanguageTerm.forum_id == forum_id)
        .order_by(col(CwLanguageTerm.id))
    ))


@contextmanager
def remembering_post_labels(session: Session, post_ids: Iterable[int]) -> Iterator[None]:
    ids = list(post_ids)
    found: dict[int, list[CwPostLabel]] = {post_id: [] for post_id in ids}
    if ids:
        for row in session.exec(select(CwPostLabel).where(col(CwPostLabel.post_id).in_(ids))
                                .order_by(col(CwPostLabel.id))):
            found[row.post_id].append(row)
    with remembering(session, LABEL_ROWS, found):
        yield


def post_labels(session: Session, post_id: int) -> list[CwPostLabel]:
    return list(recall(session, LABEL_ROWS, post_id, lambda: list(session.exec(
        select(CwPostLabel).where(CwPostLabel.post_id == post_id).order_by(col(CwPostLabel.id))
    ))))


def insert_post_label(session: Session, values: dict[str, Any]) -> CwPostLabel:
    """The post's row for the label: made now, or the one another request made first."""
    made = insert_made(session, CwPostLabel, values)
    if made is None:
        forget(session, LABEL_ROWS, values["post_id"])
        return post_label(session, values["post_id"], values["label_id"])
    add_to(session, LABEL_ROWS, made.post_id, made)
    return made


def post_label(session: Session, post_id: int, label_id: int) -> CwPostLabel:
    return session.exec(select(CwPostLabel).where(
        CwPostLabel.post_id == post_id, CwPostLabel.label_id == label_id)).one()


def applied_by_post(session: Session, post_ids: Iterable[int]) -> dict[int, list[int]]:
    """Label ids applied to each post (posts without labels are left out)."""
    found: dict[int, list[int]] = {}
    ids = list(post_ids)
    if not ids:
        return found
    rows = session.exec(
        select(CwPostLabel.post_id, CwPostLabel.label_id)
        .where(col(CwPostLabel.post_id).in_(ids), CwPostLabel.state == APPLIED)
        .order_by(col(CwPostLabel.id))
    )
    for post_id, label_id in rows:
        found.setdefault(post_id, []).append(label_id)
    return found


# The read path's statements are built once: building a select() costs more than running it
# on an indexed table. Parameters are bound per call (`ids` and `thread_ids` are each one
# parameter holding a list: forumkit.bound_lists).
_READER = (
    select(Member.id).where(Member.forum_id == bindparam("forum_id"),
                            Member.key == bindparam("reader_key"))
    .scalar_subquery()
)


def _hint_rows(ext_id: Any, of_thread: int) -> Any:
    """(platform id, written by the reader, applied label id, the reader's display for it,
    1 for a thread's row or 0 for a post's) of the posts joined so far, a row per label."""
    return (
        sa_select(ext_id, (col(Post.author_id) == _READER).label("own"),
                  col(CwPostLabel.label_id), col(CwPreference.display),
                  literal_column(str(of_thread)).label("of_thread"))
    )


def _labelled(query: Any) -> Any:
    return (
        query.outerjoin(CwPostLabel, (col(CwPostLabel.post_id) == Post.id)
                        & (col(CwPostLabel.state) == APPLIED))
        .outerjoin(CwPreference, (col(CwPreference.label_id) == CwPostLabel.label_id)
                   & (col(CwPreference.member_id) == _READER))
    )


_PAGE = _labelled(_hint_rows(col(Post.ext_id), 0).select_from(Post)).where(
    col(Post.forum_id) == bindparam("forum_id"),
    in_list(col(Post.ext_id), "ids"),
)
# A thread as a topic list shows it: its title, which carries its first post's labels.
_THREADS = _labelled(
    _hint_rows(col(Thread.ext_id), 1).select_from(Thread)
    .join(Post, (col(Post.thread_id) == Thread.id) & col(Post.is_first_in_thread))
).where(
    col(Thread.forum_id) == bindparam("forum_id"),
    in_list(col(Thread.ext_id), "thread_ids"),
)
_POSTS_AND_THREADS = union_all(_PAGE, _THREADS)

HintRow = tuple[str, bool, int | None, str | None, bool]


def page_for_reader(
    session: Session, forum_id: int, reader_key: str | None, ext_ids: list[str],
    thread_ext_ids: list[str] | None = None,
) -> list[HintRow]:
    """The read path in one query: for each known post, and each thread whose first post is
    known, (platform id, written by the reader, applied label id or None, the reader's
    display for that label or None, whether the row is a thread's), a row per label, or one
    row with None for a post without labels."""
    threads = thread_ext_ids or []
    query = (_POSTS_AND_THREADS if ext_ids and threads else _THREADS if threads else _PAGE)
    # Through the session's connection: a select of columns needs none of the ORM's work.
    result = session.connection().execute(query, {
        "forum_id": forum_id, "reader_key": reader_key or "", "ids": ext_ids,
        "thread_ids": threads}).all()
    return [(ext_id, bool(own), label_id, display, bool(of_thread))
            for ext_id, own, label_id, display, of_thread in result]


def preferences(session: Session, member_id: int) -> list[CwPreference]:
    return list(session.exec(select(CwPreference).where(CwPreference.member_id == member_id)))


def history(session: Session, post_id: int) -> list[CwHistory]:
    return list(session.exec(
        select(CwHistory).where(CwHistory.post_id == post_id).order_by(col(CwHistory.id))
    ))


def pending_suggestions(
    session: Session, forum_id: int, *, limit: int, before_id: int | None = None
) -> list[tuple[CwPostLabel, Post]]:
    query: Any = (
        select(CwPostLabel, Post).join(Post, col(Post.id) == CwPostLabel.post_id)
        .where(CwPostLabel.forum_id == forum_id, CwPostLabel.state == SUGGESTED,
               col(Post.deleted_at).is_(None))
    )
    if before_id is not None:
        query = query.where(col(CwPostLabel.id) < before_id)
    return [(pl, post) for pl, post in session.exec(
        query.order_by(col(CwPostLabel.id).desc()).limit(limit))]
