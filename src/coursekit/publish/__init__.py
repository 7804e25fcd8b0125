"""Putting a build on an intranet server so that it cannot break: ``publish`` checks, builds and
link-checks into a folder beside the target and only then switches the target to it in one
atomic step (``releases``); ``linkcheck`` judges a built site; ``csp`` derives its
Content-Security-Policy. See docs/guide/operators.md for the operator's side."""
