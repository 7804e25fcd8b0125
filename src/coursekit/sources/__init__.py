"""Reading author files (courses, banks, blueprints, citations) into the model.

Every reader reports problems with the file and line they come from; none raises on the
first mistake, so an author sees all of them at once.
"""
