"""Lesson titles whose key terms the search's word cutter breaks into single characters.

Search finds a lesson by the words jieba cut from it. A key term of a title that jieba cuts down
to a single character (党费 -> 党 + 费, before 党费 was in the dictionary) matches every page with
that character and ranks the lesson among them: such a term belongs in ``jieba_userdict.txt``
(the dictionary both the index and the browser's query cutter use). ``coursekit check`` warns.

A title's key terms are its runs of Chinese characters between punctuation and a few function
words (和, 与, 的, 怎么 ...); a term is broken when jieba (with the user dictionary, without HMM,
as the browser cuts) cuts a single character out of it that is not itself a function word.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

USERDICT = "jieba_userdict.txt"
FUNCTION_WORDS = ("怎么", "怎样", "什么", "哪些", "哪里", "多久", "还是", "和", "与", "及", "的", "谁", "哪", "要", "在", "里", "从", "到", "把", "对", "是", "了", "几")
_FUNCTION = re.compile("|".join(sorted(FUNCTION_WORDS, key=len, reverse=True)))
_RUNS = re.compile(r"[\u3400-\u9fff]+")
_SINGLE_OK = set("".join(word for word in FUNCTION_WORDS if len(word) == 1)) | set("一二三四五六七八九十个项条步种次")
# Single-character verbs of a title's phrase ("转组织关系", "不敢抓"): the term is the rest.
_SINGLE_OK |= set("过转抓选设交算开上下好谈评")


@dataclass(frozen=True)
class BrokenTerm:
    term: str
    pieces: tuple[str, ...]


def key_terms(title: str) -> list[str]:
    terms = []
    for run in _RUNS.findall(title):
        for part in _FUNCTION.split(run):
            if len(part) >= 2:
                terms.append(part)
    return terms


_loaded: set[Path] = set()


def _jieba(userdict: Path | None):
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)  # not its "Building prefix dict" lines in check's output
    jieba.initialize()
    if userdict is not None and userdict.is_file() and userdict.resolve() not in _loaded:
        jieba.load_userdict(str(userdict))
        _loaded.add(userdict.resolve())
    return jieba


def broken_terms(title: str, userdict: Path | None) -> list[BrokenTerm]:
    jieba = _jieba(userdict)
    out = []
    for term in key_terms(title):
        pieces = tuple(jieba.cut(term, HMM=False))
        if len(pieces) > 1 and any(len(piece) == 1 and piece not in _SINGLE_OK for piece in pieces):
            out.append(BrokenTerm(term, pieces))
    return out
