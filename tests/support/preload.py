"""What the processes of tests/support/processes.py start with: ForumKit's command, its
app and every installed plugin (and pytest, for a suite run apart), imported once in the
server they are forked from."""

from __future__ import annotations

import pytest
import uvicorn
from fastapi.testclient import TestClient

import forumkit.app
import forumkit.cli
import forumkit.serving
from forumkit.registry import Registry

assert forumkit.app and forumkit.cli and forumkit.serving and pytest and uvicorn and TestClient
Registry.discover()  # imports the plugins and adapters
