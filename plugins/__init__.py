"""Care features that plug into ForumKit, one package each (see DESIGN.md)."""
