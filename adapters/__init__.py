"""Forum platform adapters: one package per platform."""
