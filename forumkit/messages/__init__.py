"""One catalogue of every text ForumKit sends to members and moderators.

- `catalogue`: messages by id, with their English defaults and placeholders; `declare`
  adds the core's (core.py) and each plugin's (its `texts.py`).
- `texts`: `render(ctx, id, **values)`, through the forum's override, its locale's
  translation (Babel `.po` catalogues, translations.py) or the English; times in the
  forum's zone or the member's.
- `service` and `routes`: admins' overrides per forum, audited.

See docs/messages.md.
"""

from forumkit.messages import core as core
from forumkit.messages.catalogue import CATALOGUE, Message, UnknownMessage, declare
from forumkit.messages.texts import ENGLISH, Texts, render, texts_for

__all__ = ["CATALOGUE", "ENGLISH", "Message", "Texts", "UnknownMessage", "declare", "render",
           "texts_for"]
