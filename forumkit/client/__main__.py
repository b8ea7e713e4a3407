"""`python -m forumkit.client ...`: see forumkit.client.cli."""

from forumkit.client.cli import main

raise SystemExit(main())
