"""Printable exam papers: A/B variants of a blueprint, as Word documents with answer keys, and the
same variant as a print-ready page of the site."""
