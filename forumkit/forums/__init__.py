"""Forums: one connected platform instance each, with its adapter and enabled plugins."""
