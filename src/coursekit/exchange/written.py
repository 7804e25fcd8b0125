"""What a writer reports: how many questions went into the file and which were left out, and why."""

from __future__ import annotations

from dataclasses import dataclass, field

from coursekit.problems import Problem


@dataclass
class Written:
    count: int
    skipped: list[Problem] = field(default_factory=list)  # questions the format cannot carry
    notes: list[str] = field(default_factory=list)  # what the reader of the file should know
