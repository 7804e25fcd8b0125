"""Translations lie beside the Chinese sources and overlay their text, never their structure.

- ``courses/<id>/course.en.yml``: title, audience, summary, objectives.
- ``courses/<id>/<lesson>.en.md``: the whole lesson (front matter title, objectives, optional
  sources; the body). Minutes, order and citations keys stay the Chinese lesson's.
- ``quizzes/<bank>.en.yml``: ``title``, ``description`` and ``questions`` by ``id``: stem, options
  (same number, same order, so answer letters hold), explanation, and the answer of blank and short
  questions (the accepted words differ by language); ``cases`` by ``id``: title and material. A
  case's questions are translated under ``questions`` like any other.
- ``citations/<file>.en.yml``: regulation, short, edition, revision_known and, by ``key``, article,
  topic and summary.

Whatever has no translation keeps its Chinese text and is listed in ``Translation.fallback``,
so pages can say plainly that they show the Chinese original.
"""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass, field
from pathlib import Path

from coursekit.check import lesson_citation_problems
from coursekit.messages import DEFAULT_LANG, LANGS, t
from coursekit.model import LETTERS, Project
from coursekit.problems import Problem, display_path
from coursekit.sources.banks import BLANK_MARK
from coursekit.sources.citations import caveat_problems
from coursekit.sources.courses import split_front_matter
from coursekit.sources.fields import FieldReader, require_mapping, text_problem
from coursekit.sources.layout import Layout, is_translation
from coursekit.sources.reading import read_source
from coursekit.sources.safety import lesson_markup_problems
from coursekit.sources.yamlfile import load_yaml_file


def translated_languages(root: Path, layout=None) -> list[str]:
    """The languages other than the default that have at least one translation file."""
    layout = layout or Layout()
    root = Path(root)
    found = {
        path.name.split(".")[-2]
        for folder, pattern in ((layout.citations, "*.yml"), (layout.quizzes, "*.yml"), (layout.courses, "*/*.*"))
        for path in (root / folder).glob(pattern)
        if is_translation(path)
    }
    return [lang for lang in LANGS if lang in found]


@dataclass
class Translation:
    project: Project
    lang: str
    # ids shown in Chinese for want of a translation: "course:<id>", lesson ids, question ids
    fallback: set[str] = field(default_factory=set)

    def is_fallback(self, kind: str, ident: str) -> bool:
        return f"{kind}:{ident}" in self.fallback


def translate_project(project: Project, root: Path, lang: str, layout=None) -> tuple[Translation, list[Problem]]:
    """A copy of ``project`` with the ``lang`` texts laid over it, and the problems found."""
    layout = layout or Layout()
    root = Path(root)
    result = Translation(copy.deepcopy(project), lang)
    if lang == DEFAULT_LANG:
        return result, []
    problems: list[Problem] = []
    _citations(result, root / layout.citations, root, problems)
    _courses(result, root / layout.courses, root, problems)
    _banks(result, root / layout.quizzes, root, problems)
    return result, problems


def _load(path: Path, root: Path, problems: list[Problem], what: str):
    shown = display_path(path, root)
    data, found = load_yaml_file(path, shown, None, "", root)
    problems += found
    top = require_mapping(data, shown, problems, what) if not found else None
    return (FieldReader(top, shown, problems) if top is not None else None), shown


def _citations(result: Translation, folder: Path, root: Path, problems: list[Problem]) -> None:
    citations = result.project.citations
    translated: set[str] = set()
    for path in sorted(folder.glob(f"*.{result.lang}.yml")):
        head, shown = _load(path, root, problems, t("what.citations"))
        if head is None:
            continue
        head.unknown_keys({"regulation", "short", "edition", "revision_known", "articles"})
        regulation = head.text("regulation")
        short = head.text("short", required=False, default=regulation)
        edition = head.text("edition", required=False)
        known = head.text("revision_known", required=False)
        for item in head.mapping_list("articles"):
            row = FieldReader(item, shown, problems)
            row.unknown_keys({"key", "article", "topic", "summary"})
            key = row.text("key")
            if key not in citations:
                row.problem("key", t("translation.unknown_citation", key=key))
                continue
            citation = citations[key]
            citation.regulation, citation.short = regulation, short
            document = citation.document
            if document is not None:
                # Shared by the file's entries (deepcopy keeps them shared): the notices read it.
                document.title, document.short = regulation, short
                document.edition = edition or document.edition
                if document.revision is not None and known:
                    document.revision.known = known
            citation.article = row.text("article", required=citation.confirmed)
            citation.topic = row.text("topic", required=citation.shows_topic)
            citation.summary = row.text("summary")
            caveat_problems(row, ("article", "topic", "summary"))
            translated.add(key)
    result.fallback |= {f"citation:{key}" for key in citations if key not in translated}


def _courses(result: Translation, folder: Path, root: Path, problems: list[Problem]) -> None:
    for course in result.project.courses:
        course_dir = folder / course.id
        path = course_dir / f"course.{result.lang}.yml"
        if path.is_file():
            head, _ = _load(path, root, problems, t("what.course"))
            if head is not None:
                head.unknown_keys({"title", "audience", "summary", "objectives"})
                course.title = head.text("title")
                course.audience = head.text("audience")
                course.summary = head.text("summary", required=False)
                course.objectives = head.text_list("objectives", required=True)
        else:
            result.fallback.add(f"course:{course.id}")
        for lesson in course.lessons:
            path = course_dir / f"{lesson.slug}.{result.lang}.md"
            if not path.is_file():
                result.fallback.add(f"lesson:{lesson.id}")
                continue
            shown = display_path(path, root)
            text, found = read_source(path, shown, "lesson", root)
            problems.extend(found)
            if text is None:
                continue
            front, body, body_line, found = split_front_matter(text, shown)
            problems.extend(found)
            if found:
                continue
            if front is None:
                problems.append(Problem(shown, 1, t("lesson.no_title")))
                continue
            fields = FieldReader(front, shown, problems)
            fields.unknown_keys({"title", "objectives", "sources", "as_of", "not_affected"})
            title = fields.text("title", required=False)
            if not title:
                problems.append(Problem(shown, front.line, t("lesson.no_title")))
            lesson.title = title or lesson.title
            lesson.objectives = fields.text_list("objectives") or lesson.objectives
            lesson.sources = fields.text_list("sources") or lesson.sources
            lesson.as_of = fields.text("as_of", required=False, default=lesson.as_of)
            lesson.body, lesson.body_line, lesson.file = body, body_line, shown
            problems += lesson_markup_problems(lesson)  # a translation is published as it is written
            problems += lesson_citation_problems(lesson, result.project.citations)
        _unknown_lesson_files(course, course_dir, result.lang, root, problems)


def _unknown_lesson_files(course, course_dir: Path, lang: str, root: Path, problems: list[Problem]) -> None:
    """A translation whose name matches no lesson of the course (``dahiu.en.md``) would be
    ignored without a word."""
    slugs = [lesson.slug for lesson in course.lessons]
    for path in sorted(course_dir.glob(f"*.{lang}.md")):
        slug = path.name[: -len(f".{lang}.md")]
        if slug in slugs or (course_dir / f"{slug}.md").is_file():  # a lesson that failed to load is reported as such
            continue
        near = difflib.get_close_matches(slug, slugs, n=1, cutoff=0.6)
        message = t("translation.unknown_lesson", file=path.name)
        if near:
            message += t("translation.nearest_file", file=f"{near[0]}.{lang}.md")
        problems.append(Problem(display_path(path, root), 0, message))


def _banks(result: Translation, folder: Path, root: Path, problems: list[Problem]) -> None:
    by_file = {Path(bank.file).name: bank for bank in result.project.banks}
    translated: set[str] = set()
    translated_cases: set[str] = set()
    for path in sorted(folder.glob(f"*.{result.lang}.yml")):
        bank = by_file.get(path.name.replace(f".{result.lang}.yml", ".yml"))
        head, shown = _load(path, root, problems, t("what.bank"))
        if head is None:
            continue
        if bank is None:
            head.problem(None, t("translation.no_bank", file=path.name))
            continue
        head.unknown_keys({"bank", "title", "description", "questions", "cases"})
        bank.title = head.text("title")
        translated_cases |= _cases(head, bank, shown, problems)
        bank.description = head.text("description", required=False, default=bank.description)
        questions = {q.id: q for q in bank.questions}
        seen: dict[str, int] = {}
        for item in head.mapping_list("questions"):
            row = FieldReader(item, shown, problems)
            row.unknown_keys({"id", "stem", "options", "answer", "explanation"})
            before = len(problems)
            qid = row.text("id")
            question = questions.get(qid)
            if question is None:
                row.problem("id", t("translation.unknown_question", id=row.text("id", required=False)))
                continue
            if qid in seen:  # the last would silently win
                row.problem("id", t("translation.duplicate_question", id=qid, first=seen[qid]))
                continue
            seen[qid] = item.line_of("id")
            stem = row.text("stem")
            options = row.text_list("options")
            if len(options) != len(question.options):
                row.problem("options", t("translation.options_count", count=len(options), expected=len(question.options)))
                continue
            if _option_problems(row, options) or len(problems) > before:
                continue
            answer = question.answer
            if question.type == "blank":
                raw = item.get("answer")
                entries = raw if isinstance(raw, list) else [raw]
                answer = [[str(w).strip() for w in (e if isinstance(e, list) else [e]) if w is not None and str(w).strip()] for e in entries if e is not None]
                if any(not words for words in answer) or any(isinstance(w, dict) for e in entries if isinstance(e, list) for w in e):
                    row.problem("answer", t("question.blank_empty"))
                    continue
                found = next((p for p in (text_problem(w, "answer") for words in answer for w in words) if p), None)
                if found:
                    row.problem("answer", found)
                    continue
                if len(answer) != len(question.answer) or len(BLANK_MARK.findall(stem)) != len(answer):
                    row.problem("answer", t("translation.blank_count", expected=len(question.answer)))
                    continue
            elif question.type == "short":
                answer = row.text("answer")
            explanation = row.text("explanation")
            if len(problems) > before:
                continue
            question.stem, question.options, question.answer = stem, options, answer
            question.explanation = explanation
            translated.add(question.id)
    result.fallback |= {f"question:{q.id}" for q in result.project.questions() if q.id not in translated}
    result.fallback |= {f"case:{c.id}" for b in result.project.banks for c in b.cases if c.id not in translated_cases}
    result.fallback |= {f"bank:{b.id}" for b in result.project.banks if all(f"question:{q.id}" in result.fallback for q in b.questions)}


def _cases(head: FieldReader, bank, shown: str, problems: list[Problem]) -> set[str]:
    """A case's title and material; its questions share the case object, so they show the new text."""
    cases = {case.id: case for case in bank.cases}
    done: set[str] = set()
    for item in head.mapping_list("cases", required=False):
        row = FieldReader(item, shown, problems)
        row.unknown_keys({"id", "title", "material"})
        case = cases.get(row.text("id"))
        if case is None:
            row.problem("id", t("translation.unknown_case", id=row.text("id", required=False)))
            continue
        case.title, case.material = row.text("title"), row.text("material")
        done.add(case.id)
    return done


def _option_problems(row: FieldReader, options: list[str]) -> bool:
    """Empty or repeated options in a translation, as in a bank; whether there were any."""
    raw = row.data.get("options")
    line = raw.line_of if hasattr(raw, "line_of") else (lambda index: row.line("options"))
    found = False
    first: dict[str, int] = {}
    for index, option in enumerate(options):
        if not option:
            row.problems.append(Problem(row.file, line(index), t("question.option_empty", letter=LETTERS[index % 26])))
            found = True
        elif option in first:
            row.problems.append(Problem(row.file, line(index), t("question.option_duplicate", option=option, first=line(first[option]))))
            found = True
        else:
            first[option] = index
    return found
