"""coursekit: turn Markdown courses and YAML question banks into an offline training site.

The engine (loading, checking, the model and every output) knows nothing of MkDocs;
``coursekit.adapters.mkdocs_plugin`` is the only module that does.
"""

__version__ = "0.1.0"
