"""Lesson plans (教案) for trainers: the lessons' ``trainer:`` notes, as a site page and a Word file.

What other outputs may use (the site's trainer pages) is imported here.
"""

from coursekit.plans.key_points import key_points, plan_questions

__all__ = ["key_points", "plan_questions"]
