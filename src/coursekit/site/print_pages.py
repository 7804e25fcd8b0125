"""The print-ready page of a paper: variant A with the blueprint's seed, exactly as
``coursekit paper`` writes it to Word, then its answer sheet and answer key, each from a new A4 page.

The layout for paper lives in ``web/trainer.css`` (``@page`` and ``@media print``); a checkbox
(no JavaScript needed) hides the answer key when the paper is printed for learners.
"""

from __future__ import annotations

from coursekit.messages import t
from coursekit.model import LETTERS, Blueprint, Project
from coursekit.numerals import chinese_numeral
from coursekit.papers import (
    GRID_COLUMNS,
    OBJECTIVE_TYPES,
    PaperItem,
    PaperSection,
    PaperVariant,
    answer_text,
    case_number,
    key_title,
    make_variant,
    number_text,
    paper_notices,
    paper_title,
    revision_notice,
    section_heading,
    short_answer_text,
    source_label,
    stem_parts,
)
from coursekit.site.text import html_text, md_text, raw_html

PRINT_VARIANT = "A"


def print_variant(project: Project, blueprint: Blueprint) -> PaperVariant:
    banks = {bank.id: bank for bank in project.banks}
    variant, _ = make_variant(blueprint, banks, blueprint.seed, PRINT_VARIANT)
    return variant


class PrintPage:
    def __init__(self, project: Project, blueprint: Blueprint, lang: str = "zh"):
        self.project = project
        self.blueprint = blueprint
        self.lang = lang
        self.variant = print_variant(project, blueprint)
        # Which questions rest on a regulation under review: on screen above the paper, and
        # printed with the answer key (the learners' paper stays as it is).
        self.notices = paper_notices(self.variant.items(), project.citations, lang)

    def _t(self, key: str, **values) -> str:
        return html_text(t(key, lang=self.lang, **values))

    def _rules(self) -> str:
        b = self.blueprint
        return self._t("paper.rules", minutes=b.time_limit, total=number_text(b.total_points), pass_mark=number_text(b.pass_mark), seed=self.variant.seed)

    def _candidate(self) -> str:
        cells = "".join(f"<th>{self._t(k)}</th><td></td>" for k in ("paper.name", "paper.unit", "paper.score"))
        return f'<table class="ck-print-candidate"><tr>{cells}</tr></table>'

    def _stem(self, item: PaperItem) -> str:
        question = item.question
        parts = stem_parts(question.stem) if question.type == "blank" else [question.stem]
        text = '<span class="ck-print-blank"></span>'.join(html_text(p) for p in parts)
        if question.type in OBJECTIVE_TYPES:
            text += "（\u3000\u3000）"
        return f'<p class="ck-print-stem">{text}</p>'

    def _material(self, part: PaperSection, item: PaperItem) -> str:
        """A case's situation, printed once, above its first question."""
        if not part.starts_case(item):
            return ""
        case = item.question.case
        return (
            f'<div class="ck-print-material"><p><strong>{self._t("paper.material")}{html_text(case_number(part, case, self.lang))}</strong>'
            f"{html_text(case.title)}</p><p>{html_text(case.material)}</p></div>"
        )

    def _options(self, item: PaperItem) -> str:
        if not item.options:
            return ""
        return '<ol class="ck-print-options" type="A">' + "".join(f"<li>{html_text(o)}</li>" for o in item.options) + "</ol>"

    def _paper(self) -> str:
        parts = [
            '<section class="ck-print-paper">',
            f'<p class="ck-print-rules">{self._rules()}</p>',
            self._candidate(),
            f"<p>{self._t('paper.instructions')}</p>",
        ]
        for part in self.variant.sections:
            parts.append(f'<h2 class="ck-print-section">{html_text(section_heading(part, self.lang))}</h2>')
            parts.append(f'<p class="ck-print-hint">{self._t("paper.hint_" + part.section.type)}</p>')
            parts.append(f'<ol class="ck-print-questions" start="{part.items[0].number if part.items else 1}">')
            for item in part.items:
                space = f'<div class="ck-print-space">{self._t("paper.answer_here")}</div>' if item.question.type == "short" else ""
                parts.append(f'<li class="ck-print-question" data-ck-qid="{html_text(item.question.id)}">{self._material(part, item)}{self._stem(item)}{self._options(item)}{space}</li>')
            parts.append("</ol>")
        parts.append("</section>")
        return "\n".join(parts)

    def _grid(self, cells: list[tuple[str, str]]) -> str:
        rows = []
        for start in range(0, len(cells), GRID_COLUMNS):
            chunk = cells[start : start + GRID_COLUMNS]
            rows.append(f"<tr><th>{self._t('paper.sheet_number')}</th>" + "".join(f"<td>{html_text(n)}</td>" for n, _ in chunk) + "</tr>")
            rows.append(f"<tr class=\"ck-print-answers\"><th>{self._t('paper.sheet_answer')}</th>" + "".join(f"<td>{html_text(a)}</td>" for _, a in chunk) + "</tr>")
        return '<table class="ck-print-grid">' + "".join(rows) + "</table>"

    def _sheet(self) -> str:
        parts = ['<section class="ck-print-sheet">', f'<h2 class="ck-print-title">{self._t("paper.sheet_title")}</h2>']
        parts.append(f'<p class="ck-print-rules">{html_text(paper_title(self.variant, self.lang))}</p>')
        parts.append(self._candidate())
        on_paper = False
        for part in self.variant.sections:
            if part.section.type not in OBJECTIVE_TYPES:
                on_paper = True
                continue
            parts.append(f"<h3>{html_text(chinese_numeral(part.number))}、{html_text(part.section.title)}</h3>")
            parts.append(self._grid([(str(item.number), "") for item in part.items]))
        if on_paper:
            parts.append(f"<p>{self._t('paper.sheet_note')}</p>")
        parts.append("</section>")
        return "\n".join(parts)

    def _key(self) -> str:
        parts = ['<section class="ck-print-key">', f'<h2 class="ck-print-title">{html_text(key_title(self.variant, self.lang))}</h2>']
        parts += [f'<p class="ck-notice">{html_text(notice)}</p>' for notice in self.notices]
        parts.append(self._grid([(str(i.number), short_answer_text(i, self.lang)) for i in self.variant.items()]))
        for part in self.variant.sections:
            parts.append(f'<h3 class="ck-print-section">{html_text(section_heading(part, self.lang))}</h3>')
            parts.append(f'<ol class="ck-print-questions" start="{part.items[0].number if part.items else 1}">')
            for item in part.items:
                options = "\u3000".join(f"{LETTERS[i]}. {html_text(o)}" for i, o in enumerate(item.options))
                lines = [self._material(part, item), self._stem(item)]
                if options:
                    lines.append(f'<p class="ck-print-inline-options">{options}</p>')
                for label, value in (
                    ("paper.answer", answer_text(item, self.lang)),
                    ("paper.explanation", item.question.explanation),
                    ("paper.source", source_label(item, self.project.citations)),
                    ("paper.question_id", item.question.id),
                ):
                    lines.append(f"<p><strong>{self._t(label)}</strong>：{html_text(value)}</p>")
                notice = revision_notice(item, self.project.citations, self.lang)
                if notice:
                    lines.append(f'<p class="ck-notice">{html_text(notice)}</p>')
                parts.append(f'<li class="ck-print-question" data-ck-qid="{html_text(item.question.id)}">{"".join(lines)}</li>')
            parts.append("</ol>")
        parts.append("</section>")
        return "\n".join(parts)

    def markdown(self) -> str:
        # Answers are on this page: keep it out of the learners' search results.
        front = "---\nsearch:\n  exclude: true\nhide:\n  - toc\n---\n\n"
        title = md_text(paper_title(self.variant, self.lang))
        controls = (
            '<div class="ck-print-controls">'
            f"<p>{self._t('paper.print_intro', seed=self.variant.seed, paper=self.blueprint.id)}</p>"
            + "".join(f'<p class="ck-notice">{html_text(notice)}</p>' for notice in self.notices)
            + "</div>"
        )
        body = "\n".join(
            [
                '<div class="ck-print">',
                '<input type="checkbox" id="ck-print-hide-key" class="ck-print-toggle">'
                f'<label for="ck-print-hide-key" class="ck-print-controls">{self._t("paper.hide_key")}</label>',
                self._paper(),
                self._sheet(),
                self._key(),
                "</div>",
            ]
        )
        return f"{front}# {title}\n{raw_html(controls)}{raw_html(body)}"
