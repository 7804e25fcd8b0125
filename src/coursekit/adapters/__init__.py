"""Adapters between the engine and a static site generator. Only this package imports MkDocs."""
