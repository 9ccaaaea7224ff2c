"""One read of a parsed spaCy Doc that every extractor of the pass shares.

:class:`DocView` calls ``doc.to_array`` once for the union of the attributes
the extractors read (:data:`ATTRS`) and derives from it the doc's text, each
token's character ``start``/``end``, signed heads, children, sentence bounds and,
when first asked for, lists of strings. ``corpus.analyze_doc`` builds one per
article and hands it to every extractor::

    view = DocView(doc)
    view.span(0, 12)        # (first token, end token) of characters 0:12, as doc.char_span(..., "expand")
    view.span_text(0, 2)    # doc[0:2].text
    view.sent_bounds        # [(start, end)] token ranges of doc.sents

Building a Token or a Span costs more than reading these lists, which is why
the extractors walk the view rather than the Doc.
"""

from __future__ import annotations

import bisect
from functools import cached_property

import numpy as np
from spacy.attrs import (
    DEP,
    ENT_ID,
    ENT_TYPE,
    HEAD,
    IDX,
    IS_PUNCT,
    IS_QUOTE,
    IS_SPACE,
    IS_STOP,
    LEMMA,
    LENGTH,
    LOWER,
    ORTH,
    POS,
    SENT_START,
    SPACY,
    TAG,
)
from spacy.parts_of_speech import NAMES as POS_NAMES
from spacy.tokens import Doc

#: Every attribute an extractor reads, in the column order of :attr:`DocView.array`.
ATTRS = (ORTH, SPACY, IDX, LENGTH, SENT_START, LOWER, LEMMA, POS, TAG, DEP, HEAD, ENT_TYPE, ENT_ID,
         IS_PUNCT, IS_SPACE, IS_STOP, IS_QUOTE)
_COLUMN = {attr: k for k, attr in enumerate(ATTRS)}


class DocView:
    """Token arrays, character offsets and sentence bounds of one ``doc``, read once.

    ``array`` holds :data:`ATTRS` (one row per token, as ``doc.to_array`` gives them;
    read a few with :meth:`column` or :meth:`columns`). ``text`` is ``doc.text``;
    ``starts``/``ends`` (numpy) and ``start_list``/``end_list`` the tokens' character
    offsets; ``head`` the index of each token's head (itself for a root). The lists
    are shared by every reader: do not change them.
    """

    def __init__(self, doc: Doc):
        self.doc = doc
        self.n = n = len(doc)
        self.strings = doc.vocab.strings
        self.array = doc.to_array(list(ATTRS)) if n else np.zeros((0, len(ATTRS)), dtype="uint64")
        # ``doc.text``, joined from the token strings and spaces (Doc.text makes a Token of each)
        parts = [""] * (2 * n)
        parts[0::2] = [self.strings[orth] for orth in self.array[:, 0].tolist()]
        parts[1::2] = np.where(self.array[:, 1] == 1, " ", "").tolist()
        self.text = "".join(parts)
        offsets = self.array[:, 2:4].astype("int64")
        self.starts, self.ends = offsets[:, 0], offsets[:, 0] + offsets[:, 1]
        self.start_list, self.end_list = self.starts.tolist(), self.ends.tolist()
        # HEAD holds the head's offset from the token, as an unsigned int: read back as signed
        self.head_array = np.arange(n) + self.column(HEAD).astype("int64")
        self.head = self.head_array.tolist()

    def __len__(self) -> int:
        return self.n

    def column(self, attr: int) -> np.ndarray:
        """The values of one attribute of :data:`ATTRS` (a view into :attr:`array`)."""
        return self.array[:, _COLUMN[attr]]

    def columns(self, attrs: list[int]) -> np.ndarray:
        """A copy of the columns of ``attrs``, in that order (as ``doc.to_array(attrs)`` gives them)."""
        return self.array[:, [_COLUMN[a] for a in attrs]]

    # ---- characters

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        """``(first token, end token)`` of ``doc.char_span(start, end, alignment_mode="expand")``, or None."""
        if not (0 <= start < len(self.text) and 0 < end <= len(self.text)) or not self.n:
            return None
        # the token holding a character: a token's trailing space belongs to it, as in Doc.char_span
        first = bisect.bisect_right(self.start_list, start) - 1
        if start == self.end_list[first]:  # ... but a span starting there starts after it
            first += 1
        return first, bisect.bisect_right(self.start_list, end - 1)

    def span_text(self, start: int, end: int) -> str:
        """``doc[start:end].text``: the text from the first token's start to the last one's end."""
        return self.text[self.start_list[start]:self.end_list[end - 1]]

    def text_of(self, i: int) -> str:
        """``doc[i].text``."""
        return self.text[self.start_list[i]:self.end_list[i]]

    # ---- sentences

    @cached_property
    def sent_bounds(self) -> list[tuple[int, int]]:
        """``(start, end)`` token ranges of ``doc.sents`` (which raises for a doc without sentence starts)."""
        doc = self.doc
        if not self.n or "sents" in doc.user_hooks or not doc.has_annotation("SENT_START"):
            return [(sent.start, sent.end) for sent in doc.sents]
        starts = np.flatnonzero(self.column(SENT_START)[1:] == 1) + 1
        cuts = [0, *starts.tolist(), self.n]
        return list(zip(cuts[:-1], cuts[1:], strict=True))

    # ---- the parse

    @cached_property
    def children(self) -> list[list[int]]:
        """Each token's children, in text order (as ``Token.children``)."""
        children: list[list[int]] = [[] for _ in range(self.n)]
        for i, h in enumerate(self.head):
            if h != i:
                children[h].append(i)
        return children

    @cached_property
    def dep(self) -> list[str]:
        """``Token.dep_`` of every token."""
        return self._names(DEP, self.strings.__getitem__)

    @cached_property
    def pos(self) -> list[str]:
        """``Token.pos_`` of every token."""
        return self._names(POS, POS_NAMES.__getitem__)

    def _names(self, attr: int, name) -> list[str]:
        ids = self.column(attr).tolist()
        names = {k: name(k) for k in set(ids)}
        return [names[k] for k in ids]

    # ---- strings of a few tokens (most are never read: looked up on demand)

    @cached_property
    def lower_ids(self) -> list[int]:
        return self.column(LOWER).tolist()

    @cached_property
    def lemma_ids(self) -> list[int]:
        return self.column(LEMMA).tolist()

    @cached_property
    def tag_ids(self) -> list[int]:
        return self.column(TAG).tolist()

    def lower(self, i: int) -> str:
        """``doc[i].lower_``."""
        return self.strings[self.lower_ids[i]]

    def lemma(self, i: int) -> str:
        """``doc[i].lemma_``."""
        return self.strings[self.lemma_ids[i]]

    def tag(self, i: int) -> str:
        """``doc[i].tag_``."""
        return self.strings[self.tag_ids[i]]

    @cached_property
    def punct(self) -> list[bool]:
        """``Token.is_punct`` of every token."""
        return self.column(IS_PUNCT).astype(bool).tolist()

    def punct_or_space(self, i: int) -> bool:
        """``doc[i].is_punct or doc[i].is_space``."""
        return bool(self.array[i, _COLUMN[IS_PUNCT]] or self.array[i, _COLUMN[IS_SPACE]])

    def is_alpha(self, i: int) -> bool:
        """``doc[i].is_alpha``."""
        return self.doc[i].is_alpha


def view_of(doc_or_view: Doc | DocView) -> DocView:
    """``doc_or_view`` itself if it is a :class:`DocView`, else a new one of the Doc (for the callers
    that hold a Doc: tests, evaluation scripts)."""
    return doc_or_view if isinstance(doc_or_view, DocView) else DocView(doc_or_view)
