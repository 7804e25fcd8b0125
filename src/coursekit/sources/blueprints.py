"""Exam blueprints: ``quizzes/papers/*.yml``: what to draw, points per type, time and pass mark."""

from __future__ import annotations

from pathlib import Path

from coursekit.messages import t
from coursekit.model import SECTION_TYPES, Blueprint, DrawRule, Section
from coursekit.problems import Problem
from coursekit.sources.banks import ID_PATTERN
from coursekit.sources.fields import FieldReader, require_mapping
from coursekit.sources.yamlfile import load_yaml_file


def load_blueprint(path: Path, shown_as: str, data: bytes | None = None) -> tuple[Blueprint | None, list[Problem]]:
    problems: list[Problem] = []
    data, yaml_problems = load_yaml_file(path, shown_as, data, "blueprint")
    problems += yaml_problems
    top = require_mapping(data, shown_as, problems, t("what.blueprint")) if not yaml_problems else None
    if top is None:
        return None, problems
    head = FieldReader(top, shown_as, problems)
    head.unknown_keys({"paper", "title", "description", "time_limit", "pass_mark", "seed", "sections"})
    paper_id = head.text("paper")
    if paper_id and not ID_PATTERN.match(paper_id):
        head.problem("paper", t("blueprint.bad_id", id=paper_id))
    sections = []
    if isinstance(top.get("sections"), list) and not top.get("sections"):
        head.problem("sections", t("blueprint.no_sections"))
    for item in head.mapping_list("sections"):
        row = FieldReader(item, shown_as, problems)
        row.unknown_keys({"type", "title", "points", "draw"})
        qtype = row.text("type")
        if qtype and qtype not in SECTION_TYPES:
            row.problem("type", t("question.unknown_type", type=qtype, types="、".join(SECTION_TYPES)))
        draws = []
        for rule in row.mapping_list("draw"):
            draw = FieldReader(rule, shown_as, problems)
            draw.unknown_keys({"bank", "tag", "count"})
            draws.append(
                DrawRule(
                    bank=draw.text("bank"),
                    tag=draw.text("tag", required=False),
                    count=draw.integer("count", minimum=1),
                    line=rule.line,
                )
            )
        if "draw" in item and not draws and isinstance(item.get("draw"), list) and not item.get("draw"):
            row.problem("draw", t("blueprint.empty_draw"))
        sections.append(
            Section(
                type=qtype,
                title=row.text("title", required=False, default=t(f"type.{qtype}", lang="zh") if qtype in SECTION_TYPES else ""),
                points=row.number("points"),
                draws=draws,
                line=item.line,
            )
        )
    blueprint = Blueprint(
        id=paper_id,
        title=head.text("title"),
        description=head.text("description", required=False),
        time_limit=head.integer("time_limit", minimum=1),
        pass_mark=head.number("pass_mark"),
        seed=head.integer("seed", required=False, default=1, minimum=0),
        sections=sections,
        file=shown_as,
        line=top.line,
    )
    if blueprint.pass_mark > blueprint.total_points and not problems:
        head.problem("pass_mark", t("blueprint.pass_mark_too_high", pass_mark=blueprint.pass_mark, total=blueprint.total_points))
    return blueprint, problems
