"""Ingest: applying batches of core events once each, with the plugins' actions, atomically."""
