"""``coursekit bench``: a synthetic corpus, built and measured, with budgets printed as PASS/FAIL."""
