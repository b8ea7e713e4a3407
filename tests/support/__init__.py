"""Helpers shared by the tests: databases, apps, receivers."""
