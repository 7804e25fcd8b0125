"""The site's search: an index written after the build, and the dictionary the browser cuts queries with.

Material's search plugin cuts every page with jieba at build time (words joined by U+200B), but
its worker cuts the query greedily against the index's own words and never lets a word end at
the last character of the query (``segment()`` in Material's worker loops ``j < query.length``):
党费 was searched as 党, 转正 as 转. Our worker (``web/search-worker.js``) cuts the query with
jieba's own method (the most probable path through the dictionary, as ``jieba.cut`` without HMM)
and jieba's frequencies for exactly the words the index holds, so a word that is one word in a
lesson is one word in the query. See ``coursekit.search.index``.
"""
