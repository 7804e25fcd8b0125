"""Whole-site rules: what no single file can tell on its own."""

from __future__ import annotations

import re

from coursekit.draw import draw_paper
from coursekit.messages import t
from coursekit.model import SECTION_TYPES, Project
from coursekit.problems import Problem

# Inline citation in lesson Markdown: [@tiaoli-11]
INLINE_CITATION = re.compile(r"\[@([a-z0-9][a-z0-9-]*)\]")


def _duplicates(items, key, where, message_key) -> list[Problem]:
    problems = []
    first: dict[str, tuple[str, int]] = {}
    for item in items:
        name = key(item)
        if not name:
            continue
        file, line = where(item)
        if name in first:
            first_file, first_line = first[name]
            problems.append(Problem(file, line, t(message_key, id=name, first=f"{first_file}:{first_line}")))
        else:
            first[name] = (file, line)
    return problems


def _retired_reused(project: Project, cases: list) -> list[Problem]:
    """A retired id stays retired: a learner's saved mistakes must never point at a new question."""
    retired = {rid: f"{bank.file}:{bank.retired_line}" for bank in project.banks for rid in bank.retired}
    return [
        Problem(item.file, item.line, t("check.retired_reused", id=item.id, first=retired[item.id]))
        for item in [*project.questions(), *cases]
        if item.id in retired
    ]


def check_project(project: Project) -> list[Problem]:
    problems: list[Problem] = []
    citations = project.citations
    lessons = project.lesson_index()

    problems += _duplicates(project.banks, lambda b: b.id, lambda b: (b.file, b.line), "check.duplicate_bank")
    cases = [case for bank in project.banks for case in bank.cases]
    problems += _duplicates([*project.questions(), *cases], lambda q: q.id, lambda q: (q.file, q.line), "check.duplicate_question")
    problems += _retired_reused(project, cases)
    problems += _duplicates(project.blueprints, lambda b: b.id, lambda b: (b.file, b.line), "check.duplicate_paper")

    for lesson in project.lessons():
        if not lesson.sources:
            problems.append(Problem(lesson.file, 1, t("check.lesson_no_sources")))
        for key in lesson.sources:
            if key not in citations:
                problems.append(Problem(lesson.file, 1, t("check.unknown_citation", key=key)))
        for match in INLINE_CITATION.finditer(lesson.body):
            if match.group(1) not in citations:
                line = lesson.line_at(match.start())
                problems.append(Problem(lesson.file, line, t("check.unknown_citation", key=match.group(1))))

    for question in project.questions():
        for key in question.sources:
            if key not in citations:
                problems.append(Problem(question.file, question.line, t("check.question_unknown_citation", id=question.id, key=key)))
        if question.lesson not in lessons:
            problems.append(Problem(question.file, question.line, t("check.unknown_lesson", id=question.id, lesson=question.lesson)))

    banks = {bank.id: bank for bank in project.banks}
    for blueprint in project.blueprints:
        for section in blueprint.sections:
            for rule in section.draws:
                if rule.bank and rule.bank not in banks:
                    problems.append(Problem(blueprint.file, rule.line, t("check.blueprint_unknown_bank", bank=rule.bank)))
        _, shortages = draw_paper(blueprint, banks, blueprint.seed)
        for shortage in shortages:
            # A section of an unknown type has no questions to draw; its type is already reported.
            if shortage.rule.bank in banks and shortage.section.type in SECTION_TYPES:
                problems.append(
                    Problem(
                        blueprint.file,
                        shortage.rule.line,
                        t(
                            "check.blueprint_too_many",
                            count=shortage.rule.count,
                            available=shortage.available,
                            bank=shortage.rule.bank,
                            type=t(f"type.{shortage.section.type}"),
                            tag=shortage.rule.tag or "—",
                        ),
                    )
                )
    return problems

