"""Web pages for moderators and admins under /ui: server-rendered, no build step."""
