"""ForumKit: a safety-and-care layer that peer-support forums plug into."""

__version__ = "0.1.0"
