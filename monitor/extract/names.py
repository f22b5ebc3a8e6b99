"""Person-name boundaries checked against a word segmenter's dictionary (jieba).

Why: the signature rules find a name by its surname and by lists of words that end a name; a run of
common words that starts with a surname character passes them ('许多委员都有共鸣' read as post '许多委员',
name '都有共'; '关键字：' read as a name). jieba's dictionary (about 350,000 words with frequencies and
part-of-speech tags; MIT licence, pure Python, kept since 2012, the segmenter most Chinese projects use)
says where the words of the sentence run. A name is no name when the dictionary's best segmentation
of the words around it has a word running across its start or its end ('共鸣' across the end of
'都有共'), or when the name is itself one common word that is not a person's name ('关键字').

Only candidate names are checked, each on a window of a few characters around it, with the
dictionary's maximum-probability path (no HMM): about 15 µs a name. jieba's part-of-speech tagger
(``jieba.posseg``, HMM for unknown words) is not used: ~0.5 ms a short sentence, 20-30 ms on
traditional text, too slow for the extractor's 100 pages/s. The dictionary is loaded on the first
check (~0.5 s CPU once per process), never for pages with no candidate signature.
"""

from __future__ import annotations

import logging
import threading
from functools import lru_cache

__all__ = ["crosses_words", "is_common_word"]

_WINDOW = 4  # characters of context on each side: enough for a two- to four-character word across a boundary
_MIN_COMMON = 20  # a dictionary word at least this frequent, tagged other than a name, is no person's name
# A character next to the name this frequent as a word on its own ('在', '说', '和', '的') is read as that word,
# even where the dictionary knows the name's edge character with it as a word ('朱鼎健在会后': '健在', r99)
_STANDALONE = 20_000
_lock = threading.Lock()


@lru_cache(maxsize=1)
def _dictionary():  # type: ignore[no-untyped-def]
    """jieba's default tokenizer with its dictionary loaded, and the word-to-tag table."""
    import jieba
    import jieba.posseg

    jieba.setLogLevel(logging.WARNING)  # jieba logs its dictionary loading at INFO through its own handler
    with _lock:
        jieba.dt.initialize()
    return jieba.dt, jieba.posseg.dt.word_tag_tab


def _words(text: str) -> list[str]:
    tokenizer, _ = _dictionary()
    return list(tokenizer.cut(text, HMM=False))


def is_common_word(name: str) -> bool:
    """`name` is one frequent dictionary word whose tag is not a person's name ('关键字', '同时')."""
    tokenizer, tags = _dictionary()
    return tokenizer.FREQ.get(name, 0) >= _MIN_COMMON and not tags.get(name, "").startswith("nr")


def crosses_words(text: str, start: int, end: int) -> bool:
    """A word of the dictionary's segmentation of the text around `text[start:end]` runs across
    its start or its end: the span is not a whole name ('都有共' in '许多委员都有共鸣')."""
    tokenizer, _ = _dictionary()
    lo, hi = max(0, start - _WINDOW), min(len(text), end + _WINDOW)
    position = lo
    for word in _words(text[lo:hi]):
        after = position + len(word)
        if len(word) > 1 and ((position < start < after and tokenizer.FREQ.get(text[start - 1], 0) < _STANDALONE)
                              or (position < end < after and tokenizer.FREQ.get(text[end], 0) < _STANDALONE)):
            return True
        position = after
    return False
