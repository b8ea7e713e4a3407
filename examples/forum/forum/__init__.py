"""A small peer-support forum (Flask, SQLAlchemy, SQLite) connected to ForumKit through its
client library: see forumkit_link.py for every line that touches ForumKit."""

from forum.app import create_app

__all__ = ["create_app"]
