"""Lesson plans (教案) for trainers: the lessons' ``trainer:`` notes, as a site page and a Word file."""
