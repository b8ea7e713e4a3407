"""The alert channels that ship with ForumKit: webhook, slack and email.

Each is registered under the `forumkit.channels` entry-point group in pyproject.toml, the
same way a third-party channel would be; the payload they read is described in
forumkit/channel.py and checked in forumkit/channels/message.py.
"""
