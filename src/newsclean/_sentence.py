"""What reads as a sentence of prose, asked by the selection and the region choice.

One place for the test: the selection keeps a short lede holding a date
(not a date row), and the region choice takes a one-sentence lead printed
in an element of its own above the story.
"""

from __future__ import annotations

import re

#: A line that ends as a sentence (a closing quote or bracket may follow).
SENTENCE_END = re.compile(r"[.!?。！？][」”\"'）)]?$")

#: A line of at least this many words (or Han characters) ending as a sentence
#: is prose, not a meta row: bylines and date rows are shorter or unpunctuated.
#: Calibrated on the opening rows of zh-news and wcxb-articles.
SENTENCE_WORDS = 8
SENTENCE_CJK = 15
_META_START = re.compile(
    r"(?i)\s*(by\s|作者|记者[:：\s]|記者[:：\s]|来源|來源|文[/／:：]|图[/／:：]|圖[/／:：]|发布|發布|更新"
    r"|编辑|編輯|published|updated|posted|last updated|photo|image)"
)


def is_sentence(text: str) -> bool:
    """A line of prose: it ends as a sentence, has the words of one, and opens
    with no byline or date label (``By …``, ``Updated …``, ``来源：``)."""
    if not SENTENCE_END.search(text) or _META_START.match(text):
        return False
    if text.isascii():
        return text.count(" ") + 1 >= SENTENCE_WORDS
    cjk = sum(1 for ch in text if "\u3400" <= ch <= "\u9fff")
    if cjk >= SENTENCE_CJK and ("，" in text or "," in text):
        return True
    # Latin text with a curly quote, an accent or a dash is not ASCII either.
    return 2 * cjk < len(text) and text.count(" ") + 1 >= SENTENCE_WORDS
