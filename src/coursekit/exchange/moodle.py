"""Moodle XML, the format Moodle's question bank imports and exports without loss.

Out: a ``<question type="category">`` named after the bank (``$course$/题库标题``), then per question:

=========  ==============================================================================
single     multichoice, single="true": the right option 100, the others 0
multiple   multichoice, single="false": right options share 100 (50, 33.33333, 25, …), wrong -100
judge      truefalse
blank      one blank: shortanswer (each accepted answer 100); several: cloze (``{1:SHORTANSWER:=月~=个月}``)
order      ordering (Moodle's ordering question: items in the right order, all-or-nothing grading)
short      essay, the reference answer as the information for graders
=========  ==============================================================================

Every question carries its id as name and idnumber, the explanation and the regulation and
article as general feedback, and tags with the remaining fields (``moodletags``). Texts are HTML
with our text escaped, so ``<b>`` typed in a stem shows as typed; ElementTree escapes the XML.

In: the same question types (from our files or from Moodle), line numbers from the parser for
messages; other Moodle types (matching, numerical, …) and partial credit are reported.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.parsers import expat

from coursekit.exchange.draft import Draft, Reading, clean_text
from coursekit.exchange.feedback import compose_feedback, split_feedback, stem_with_material
from coursekit.exchange.gift import MAX_RIGHT_ANSWERS, category_path, category_title, fraction_text, partial_credit
from coursekit.exchange.htmltext import html_to_text, text_to_html
from coursekit.exchange.moodletags import apply_tags, question_tags
from coursekit.exchange.written import Written
from coursekit.messages import t
from coursekit.model import LETTERS, Bank, Question
from coursekit.problems import Problem
from coursekit.sources.banks import BLANK_MARK, ID_PATTERN

CLOZE_SPECIAL = re.compile(r'([}#~/"\\])')
CLOZE_CODE = re.compile(r"\{(\d*):(SHORTANSWER|SA|MW|SHORTANSWER_C|SAC|MWC|[A-Z_]+):((?:\\.|[^}])*)\}")
CLOZE_SHORTANSWER = {"SHORTANSWER", "SA", "MW", "SHORTANSWER_C", "SAC", "MWC"}


# -- writing ----------------------------------------------------------------------------------


def _text(parent: ET.Element, tag: str, text: str, fmt: str | None = "html") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = text
    return element


def _value(parent: ET.Element, tag: str, value: object) -> None:
    ET.SubElement(parent, tag).text = str(value)


def _answer(parent: ET.Element, fraction: str, text: str, fmt: str = "html") -> None:
    answer = ET.SubElement(parent, "answer", {"fraction": fraction, "format": fmt})
    ET.SubElement(answer, "text").text = text
    _text(answer, "feedback", "")


def _cloze_code(number: int, words: list[str]) -> str:
    return f"{{{number}:SHORTANSWER:" + "~".join("=" + CLOZE_SPECIAL.sub(r"\\\1", w) for w in words) + "}"


def _moodle_type(question: Question) -> str:
    if question.type == "blank":
        return "shortanswer" if question.blank_count == 1 else "cloze"
    return {"single": "multichoice", "multiple": "multichoice", "judge": "truefalse", "order": "ordering", "short": "essay"}[question.type]


def question_element(question: Question, labels: dict[str, str]) -> ET.Element:
    qtype = _moodle_type(question)
    element = ET.Element("question", {"type": qtype})
    _text(element, "name", question.id, fmt=None)
    if qtype == "cloze":
        pieces = BLANK_MARK.split(stem_with_material(question))
        html = text_to_html(pieces[0]) + "".join(
            _cloze_code(1, words) + text_to_html(after) for words, after in zip(question.answer, pieces[1:])
        )
    else:
        html = text_to_html(stem_with_material(question))
    _text(element, "questiontext", html)
    _text(element, "generalfeedback", text_to_html(compose_feedback(question, labels)))
    _value(element, "defaultgrade", 1)
    _value(element, "penalty", "1" if qtype == "truefalse" else "0.3333333")
    _value(element, "hidden", 0)
    _value(element, "idnumber", question.id)

    if qtype == "multichoice":
        single = question.type == "single"
        right = [question.answer] if single else question.answer
        share = fraction_text(100 / len(right))
        _value(element, "single", "true" if single else "false")
        _value(element, "shuffleanswers", "true")
        _value(element, "answernumbering", "ABCD")
        for index, option in enumerate(question.options):
            wrong = "0" if single else "-100"
            _answer(element, share if index in right else wrong, text_to_html(option))
    elif qtype == "truefalse":
        _answer(element, "100" if question.answer else "0", "true", "moodle_auto_format")
        _answer(element, "0" if question.answer else "100", "false", "moodle_auto_format")
    elif qtype == "shortanswer":
        _value(element, "usecase", 0)
        for word in question.answer[0]:
            _answer(element, "100", word, "moodle_auto_format")
    elif qtype == "ordering":
        for tag, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", 0),
                           ("gradingtype", "ALL_OR_NOTHING"), ("showgrading", "SHOW"), ("numberingstyle", "none")):
            _value(element, tag, value)
        for position, option in enumerate(question.options, start=1):
            _answer(element, str(position), text_to_html(option))
    elif qtype == "essay":
        for tag, value in (("responseformat", "editor"), ("responserequired", 1), ("responsefieldlines", 10),
                           ("attachments", 0), ("attachmentsrequired", 0)):
            _value(element, tag, value)
        _text(element, "graderinfo", text_to_html(question.answer))
        _text(element, "responsetemplate", "")

    tags = ET.SubElement(element, "tags")
    for tag in question_tags(question):
        ET.SubElement(ET.SubElement(tags, "tag"), "text").text = tag
    return element


def write_moodle(bank: Bank, path: Path, labels: dict[str, str] | None = None) -> Written:
    labels = labels or {}
    quiz = ET.Element("quiz")
    quiz.append(ET.Comment(" " + t("exchange.moodle_header", title=bank.title, bank=bank.id) + " "))
    category = ET.SubElement(quiz, "question", {"type": "category"})
    _text(category, "category", category_path(bank.title), fmt=None)
    _text(category, "info", text_to_html(bank.description))
    skipped = []
    for question in bank.questions:
        if question.type == "multiple" and len(question.answer) > MAX_RIGHT_ANSWERS:
            reason = t("exchange.too_many_right", id=question.id, count=len(question.answer), most=MAX_RIGHT_ANSWERS)
            skipped.append(Problem(bank.file, question.line, reason))
            continue
        quiz.append(question_element(question, labels))
    tree = ET.ElementTree(quiz)
    ET.indent(tree)
    tree.write(path, encoding="UTF-8", xml_declaration=True)
    return Written(count=len(bank.questions) - len(skipped), skipped=skipped)


# -- reading ----------------------------------------------------------------------------------


def parse_with_lines(data: bytes) -> tuple[ET.Element, dict[ET.Element, int]]:
    """ElementTree's tree, and the line each element starts on (ElementTree does not keep it)."""
    builder = ET.TreeBuilder()
    lines: dict[ET.Element, int] = {}
    parser = expat.ParserCreate()
    parser.buffer_text = True

    def start(tag, attributes):
        lines[builder.start(tag, attributes)] = parser.CurrentLineNumber

    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.Parse(data, True)
    return builder.close(), lines


def _plain(element: ET.Element | None, default_format: str = "html") -> str:
    """The text of a ``<questiontext>``-like element as a reader sees it."""
    if element is None:
        return ""
    raw = element.findtext("text") or ""
    is_html = element.get("format", default_format) == "html"
    return clean_text(html_to_text(raw) if is_html else raw)


def _fraction(answer: ET.Element) -> float:
    try:
        return float(answer.get("fraction", "0"))
    except ValueError:
        return 0.0


class _QuestionReader:
    def __init__(self, element: ET.Element, line: int, file: str):
        self.element, self.line, self.file = element, line, file

    def problem(self, key: str, **values) -> Problem:
        return Problem(self.file, self.line, t(key, **values))

    def read(self) -> Draft | Problem:
        element = self.element
        qtype = element.get("type", "")
        draft = Draft(line=self.line)
        idnumber = (element.findtext("idnumber") or "").strip()
        name = (element.findtext("name/text") or "").strip()
        draft.id = idnumber or (name if ID_PATTERN.match(name) else "")
        apply_tags(draft, [(tag.findtext("text") or "").strip() for tag in element.findall("tags/tag")])
        draft.stem = _plain(element.find("questiontext"))
        _, draft.explanation = split_feedback(_plain(element.find("generalfeedback")))
        answers = element.findall("answer")
        if qtype == "multichoice":
            right = [i for i, a in enumerate(answers) if _fraction(a) > 0]
            partial = partial_credit([(i, _fraction(answers[i])) for i in right])
            if partial:
                return self.problem("exchange.gift_partial", option=_plain(answers[partial[0]]), weight=fraction_text(partial[1]))
            single = (element.findtext("single") or "true").strip().lower() in ("true", "1")
            draft.type = "single" if single and len(right) == 1 else "multiple"
            draft.options = [_plain(a) for a in answers]
            draft.answer = "".join(LETTERS[i] for i in right if i < len(LETTERS))
        elif qtype == "truefalse":
            right = [(a.findtext("text") or "").strip().lower() for a in answers if _fraction(a) == 100]
            draft.type, draft.answer = "judge", (right[0] if right else "")
        elif qtype == "shortanswer":
            words = []
            for answer in answers:
                if 0 < _fraction(answer) < 100:
                    return self.problem("exchange.gift_partial", option=_plain(answer, "moodle_auto_format"), weight=fraction_text(_fraction(answer)))
                if _fraction(answer) == 100:
                    words.append(_plain(answer, "moodle_auto_format"))
            draft.type, draft.answer = "blank", [words]
            if not BLANK_MARK.search(draft.stem):
                draft.stem += "___"  # Moodle shows the box after the text
        elif qtype == "cloze":
            return self._cloze(draft)
        elif qtype == "ordering":
            ordered = sorted(answers, key=_fraction)
            draft.type, draft.options = "order", [_plain(a) for a in ordered]
        elif qtype == "essay":
            draft.type, draft.answer = "short", _plain(element.find("graderinfo"))
        else:
            return self.problem("exchange.moodle_type", type=qtype)
        return draft

    def _cloze(self, draft: Draft) -> Draft | Problem:
        raw = self.element.findtext("questiontext/text") or ""
        accepted = []
        for found in CLOZE_CODE.finditer(raw):
            if found.group(2) not in CLOZE_SHORTANSWER:
                return self.problem("exchange.cloze_type", type=found.group(2))
            words = []
            for part in re.split(r"(?<!\\)~", found.group(3)):
                body = re.split(r"(?<!\\)#", part, maxsplit=1)[0]  # drop the answer's feedback
                weight = re.match(r"^(=|%(-?\d+(?:\.\d+)?)%)", body)
                if weight is None:
                    continue  # no credit
                value = 100.0 if weight.group(1) == "=" else float(weight.group(2))
                word = re.sub(r"\\(.)", r"\1", body[weight.end():]).strip()
                if 0 < value < 100:
                    return self.problem("exchange.gift_partial", option=word, weight=fraction_text(value))
                if value == 100:
                    words.append(word)
            accepted.append(words)
        stem_html = CLOZE_CODE.sub("___", raw)
        is_html = self.element.find("questiontext").get("format", "html") == "html"
        draft.stem = clean_text(html_to_text(stem_html) if is_html else stem_html)
        draft.type, draft.answer = "blank", accepted
        return draft


def read_moodle(path: Path, shown_as: str) -> Reading:
    try:
        root, lines = parse_with_lines(path.read_bytes())
    except OSError as err:
        return Reading(problems=[Problem(shown_as, 0, t("file.unreadable", detail=err.strerror or str(err)))])
    except expat.ExpatError as err:
        return Reading(problems=[Problem(shown_as, err.lineno, t("exchange.bad_xml", detail=expat.ErrorString(err.code)))])
    if root.tag != "quiz":
        return Reading(problems=[Problem(shown_as, lines.get(root, 1), t("exchange.not_moodle_xml", tag=root.tag))])
    reading = Reading()
    for element in root.findall("question"):
        if element.get("type") == "category":
            path_text = (element.findtext("category/text") or "").strip()
            if path_text and not reading.title:
                reading.title = category_title(path_text)
            continue
        found = _QuestionReader(element, lines.get(element, 0), shown_as).read()
        if isinstance(found, Problem):
            reading.problems.append(found)
        else:
            reading.drafts.append(found)
    return reading
