"""The forum's own tables: members, subforums, threads, posts, thanks, and an inbox that
holds private messages to members and notes to the moderators."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


def now() -> datetime:
    return datetime.now(UTC)


class Base(DeclarativeBase):
    pass


class Member(Base):
    __tablename__ = "member"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80), unique=True)
    is_moderator: Mapped[bool] = mapped_column(default=False)
    joined_at: Mapped[datetime] = mapped_column(default=now)


class Subforum(Base):
    __tablename__ = "subforum"
    id: Mapped[str] = mapped_column(String(40), primary_key=True)  # e.g. "diary"
    name: Mapped[str] = mapped_column(String(80))
    about: Mapped[str] = mapped_column(Text, default="")


class Thread(Base):
    __tablename__ = "thread"
    id: Mapped[int] = mapped_column(primary_key=True)
    subforum_id: Mapped[str] = mapped_column(ForeignKey("subforum.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    title: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(default=now)
    replies_open: Mapped[bool] = mapped_column(default=True)
    replies_note: Mapped[str | None] = mapped_column(Text)  # why replies are closed
    replies_sequence: Mapped[int] = mapped_column(default=0)  # of the last change applied
    subforum: Mapped[Subforum] = relationship()
    author: Mapped[Member] = relationship()
    posts: Mapped[list[Post]] = relationship(back_populates="thread", order_by="Post.id")


class Post(Base):
    __tablename__ = "post"
    id: Mapped[int] = mapped_column(primary_key=True)
    thread_id: Mapped[int] = mapped_column(ForeignKey("thread.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    is_first: Mapped[bool] = mapped_column(default=False)
    body: Mapped[str] = mapped_column(Text)
    content_warning: Mapped[str | None] = mapped_column(String(64))  # the author's label
    created_at: Mapped[datetime] = mapped_column(default=now)
    hidden: Mapped[bool] = mapped_column(default=False)
    hidden_note: Mapped[str | None] = mapped_column(Text)
    tags: Mapped[str] = mapped_column(String(400), default="")  # labels, as ForumKit tags them
    thread: Mapped[Thread] = relationship(back_populates="posts")
    author: Mapped[Member] = relationship()


class Thanks(Base):
    __tablename__ = "thanks"
    __table_args__ = (UniqueConstraint("post_id", "member_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("post.id"))
    member_id: Mapped[int] = mapped_column(ForeignKey("member.id"))
    created_at: Mapped[datetime] = mapped_column(default=now)


class Message(Base):
    """A private message to a member, or (to_member_id empty) a note to the moderators."""

    __tablename__ = "message"
    id: Mapped[int] = mapped_column(primary_key=True)
    to_member_id: Mapped[int | None] = mapped_column(ForeignKey("member.id"))
    title: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text)
    thread_id: Mapped[int | None] = mapped_column(ForeignKey("thread.id"))
    post_id: Mapped[int | None] = mapped_column(ForeignKey("post.id"))
    kind: Mapped[str] = mapped_column(String(40))  # what sent it, e.g. notify_moderators
    created_at: Mapped[datetime] = mapped_column(default=now)
