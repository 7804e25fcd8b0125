"""Exam results: the result slip a learner downloads after a mock exam, and the trainer's report
that merges many slips into one workbook."""
