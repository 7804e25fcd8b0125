"""Site output: the pages and data files generated from the model, as plain text.

``build_site_files`` returns ``{path inside docs: content}``; an adapter (MkDocs today)
hands them to the static site generator in memory. Nothing here imports MkDocs.
"""
