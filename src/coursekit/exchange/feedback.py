"""The general feedback we write into Moodle formats, and how we read it back.

Moodle shows general feedback after an attempt: the explanation, then the regulation and article
(``依据：《条例》第十一条``). A GIFT essay has no other place for a reference answer, so a short
question's feedback starts with ``参考答案：``. Reading back removes the 依据 line (the source keys
travel as tags) and splits off the reference answer.
"""

from __future__ import annotations

from coursekit.model import Question

ANSWER_MARK = "参考答案："
EXPLANATION_MARK = "解析："
SOURCE_MARK = "依据："
MATERIAL_MARK = "材料："


def stem_with_material(question: Question) -> str:
    """A case's question as other systems get it: the situation first, so it reads on its own
    (GIFT, Aiken and Moodle XML have no question that shares a text with others)."""
    case = question.case
    if case is None:
        return question.stem
    return f"{MATERIAL_MARK}{case.title}\n{case.material}\n\n{question.stem}"


def source_line(question: Question, labels: dict[str, str]) -> str:
    if not question.sources:
        return ""
    return SOURCE_MARK + "；".join(labels.get(key, key) for key in question.sources)


def compose_feedback(question: Question, labels: dict[str, str], with_answer: bool = False) -> str:
    parts = [ANSWER_MARK + question.answer, EXPLANATION_MARK + question.explanation] if with_answer else [question.explanation]
    parts.append(source_line(question, labels))
    return "\n".join(part for part in parts if part)


def split_feedback(text: str) -> tuple[str, str]:
    """(reference answer or "", explanation) from a feedback text."""
    lines = text.strip().split("\n")
    if lines and lines[-1].startswith(SOURCE_MARK):
        lines.pop()
    text = "\n".join(lines).strip()
    if text.startswith(ANSWER_MARK):
        answer, _, explanation = text[len(ANSWER_MARK):].partition("\n" + EXPLANATION_MARK)
        return answer.strip(), explanation.strip()
    return "", text
