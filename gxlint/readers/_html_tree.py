"""html5lib, with a source position for every character of text.

html5lib does not track positions, so this module adds three small pieces:

* an input stream that knows the absolute offset of its read pointer (html5lib reads in
  chunks and ``unget`` may prepend to a chunk; both are accounted for);
* a tokenizer whose token queue stamps every token with that offset when it is queued,
  then *verifies* each text token against the source: the token's data must be found
  at the place it came from, otherwise it came from an entity (``&nbsp;``: each produced
  character spans the whole entity) or was rewritten by the parser (U+0000 → U+FFFD),
  in which case its characters get empty spans at the nearest verified position;
* a light tree builder whose text nodes keep, per character, the span it came from (as a
  :class:`~gxlint.document.Text`, whose offset map is runs, not per-character arrays),
  even when the parser joins tokens or moves text elsewhere (foster parenting in tables).

CR LF and lone CR are folded to LF *before* parsing, exactly as html5lib would; offsets are
mapped back to the original text when the tree is finished (:func:`parse`).
"""

from __future__ import annotations

import bisect
from array import array
from collections import deque
from functools import lru_cache
from sys import intern
from types import MappingProxyType
from typing import Any, Iterator, Union

from html5lib import html5parser
from html5lib._inputstream import HTMLUnicodeInputStream
from html5lib._tokenizer import HTMLTokenizer
from html5lib.constants import asciiUpper2Lower, namespaces, spaceCharacters, tokenTypes
from html5lib.treebuilders import base

from gxlint.document import _RUN_CODE, Text, TextBuilder, past_crlf
from gxlint.lazy_pattern import lazy_compile

_CHARACTERS = tokenTypes["Characters"]
_SPACE = tokenTypes["SpaceCharacters"]
_COMMENT = tokenTypes["Comment"]
_START = tokenTypes["StartTag"]
_TEXT_TYPES = (_CHARACTERS, _SPACE)
_TAG_TYPES = (_START, tokenTypes["EndTag"], tokenTypes["Doctype"])
_TEXT_KINDS = frozenset(_TEXT_TYPES)
_TAG_KINDS = frozenset(_TAG_TYPES)
_HTML_NS = namespaces["html"]
_END = tokenTypes["EndTag"]

# The plain tags, matched whole (just after the "<") by one regex instead of html5lib's
# character-by-character states: a name, then attributes each after whitespace, valued
# "…", '…' or unquoted, then ">" or "/>".  Anything the states would treat specially (an
# entity, NUL, a quote or "<" in a name or unquoted value, a stray "/", "=>", the tag not
# finished in the stream's current chunk) does not match and goes the slow way, so the
# tokens are exactly those the states would produce.
_WS = "\t\n\f\r "
_ATTRIBUTE = (rf"[^{_WS}/>=\"'<\x00]+"
              rf"(?:[{_WS}]*=[{_WS}]*(?:\"[^\"&\x00]*\"|'[^'&\x00]*'|[^{_WS}&>\"'=<`\x00]+))?")
# (the attributes taken possessively: giving one back never lets the tag's end match, and
# the regex engine kept a backtracking point for each, 100 MiB for a tag of 250,000)
_PLAIN_START_TAG = lazy_compile(rf"([a-zA-Z][^{_WS}/>\x00]*)((?:[{_WS}]+{_ATTRIBUTE})*+)[{_WS}]*(/?)>")
_PLAIN_ATTRIBUTE = lazy_compile(
    rf"[{_WS}]+([^{_WS}/>=\"'<\x00]+)"
    rf"(?:[{_WS}]*=[{_WS}]*(?:\"([^\"&\x00]*)\"|'([^'&\x00]*)'|([^{_WS}&>\"'=<`\x00]+)))?")
_PLAIN_END_TAG = lazy_compile(rf"/([a-zA-Z][^{_WS}/>\x00]*)>")
# Text tokens as html5lib's data state reads them: a run of spaces, or text up to "&", "<", NUL.
_SPACE_CHARACTERS = frozenset(_WS)
_SPACES = lazy_compile(rf"[{_WS}]+")
_PLAIN_TEXT = lazy_compile(r"[^&<\x00]+")
_queue_append = deque.append  # a fast token is stamped where it is made

# A run of text with its offsets in the parsed (CR LF folded) text.
Piece = Text
# What html5lib puts in a tree: one of the node classes below; a token is html5lib's dict.
Node = Union["Element", "TextNode", "CommentNode", "Doctype"]
Token = dict[str, Any]


def _exact(value: str, start: int) -> Piece:
    return Text.verbatim(value, start)


def _same(value: str, start: int, end: int) -> Piece:
    return Text.spanning(value, start, end)


def _join(pieces: list[Piece]) -> Piece:
    return pieces[0] if len(pieces) == 1 else Text.join(pieces)


# --- stream and tokenizer --------------------------------------------------------------


class _Stream(HTMLUnicodeInputStream):
    """An input stream that knows the absolute offset of the next character."""

    def __init__(self, source: str) -> None:
        super().__init__(source)
        self.reportCharacterErrors = None  # only feeds parse errors we never read

    def reset(self) -> None:
        super().reset()
        self.base = 0  # offset of chunk[0] in the whole text

    def readChunk(self, chunkSize=None):  # noqa: N802 (html5lib's name)
        # Chunks concatenate to the whole text (no CR is left to fold), so the next
        # chunk starts where this one ends.
        self.base += self.chunkSize
        return super().readChunk(chunkSize)

    def unget(self, char):
        if char is not None and self.chunkOffset == 0:
            self.base -= 1  # html5lib prepends the character to the chunk
        super().unget(char)

    def offset(self) -> int:
        return self.base + self.chunkOffset

    def position(self):
        # html5lib asks for (line, col) on every parse error, which costs a scan of the
        # chunk; nobody reads those errors here.
        return (0, 0)


class _Queue(deque):
    """The tokenizer's token queue: stamps every token with the stream offset."""

    def __init__(self, stream: _Stream) -> None:
        super().__init__()
        self.stream = stream

    def append(self, token) -> None:  # type: ignore[override]
        token["_at"] = self.stream.base + self.stream.chunkOffset
        super().append(token)


class _Tokenizer(HTMLTokenizer):
    def __init__(self, stream, parser=None, *, text: str, **kwargs) -> None:
        # html5lib's tokenizer makes its own stream (a copy of the page, four bytes a
        # character); ours replaces it, so give it nothing to copy
        super().__init__("", parser=parser, **kwargs)
        self.stream = _Stream(stream)
        self.text = text
        self.last_end = 0  # end of the last verified token: lower bound for the next
        self.current = None
        # the located pieces of the text tokens since the last tag or comment token, and of
        # those before it (see _Pieces)
        self.run: list | None = None
        self.prev_run: list | None = None

    def __iter__(self) -> Iterator[dict]:
        self.tokenQueue = queue = _Queue(self.stream)
        popleft = queue.popleft
        # The stream's error list stays empty: reportCharacterErrors is off.
        while self.state():
            while queue:
                token = popleft()
                kind = token["type"]
                if kind in _TAG_KINDS:  # the most common tokens first
                    at = token["_at"]
                    if at > self.last_end:
                        self.last_end = at
                    if self.run is not None:
                        self.prev_run, self.run = self.run, None
                    elif self.prev_run is not None:
                        self.prev_run = None
                elif kind in _TEXT_KINDS:
                    piece = token["_piece"] = self._locate(token["data"], token["_at"])
                    run = self.run
                    if run is None:
                        self.run = [piece]
                    else:
                        run.append(piece)
                        if len(run) == _JOIN_EVERY:
                            _fold(run)
                elif kind == _COMMENT:
                    token["_piece"] = self._locate_comment(token["data"], token["_at"])
                    if self.run is not None:
                        self.prev_run, self.run = self.run, None
                    elif self.prev_run is not None:
                        self.prev_run = None
                else:
                    continue  # parse errors: html5lib only logs them
                self.current = token
                yield token

    def dataState(self):  # noqa: N802 (html5lib's name)
        stream = self.stream
        offset = stream.chunkOffset
        if offset < stream.chunkSize:
            chunk = stream.chunk
            if chunk[offset] == "<":  # straight on to the tag (html5lib's would only switch state)
                stream.chunkOffset = offset + 1
                return self.tagOpenState()
            # a text token, when it ends inside this chunk (else charsUntil reads on)
            if chunk[offset] in _SPACE_CHARACTERS:
                kind, match = _SPACE, _SPACES.match(chunk, offset)
            else:
                kind, match = _CHARACTERS, _PLAIN_TEXT.match(chunk, offset)
            if match is not None and match.end() < stream.chunkSize:
                end = stream.chunkOffset = match.end()
                _queue_append(self.tokenQueue, {"type": kind, "data": match.group(), "_at": stream.base + end})
                return True
        return super().dataState()

    def tagOpenState(self):  # noqa: N802 (html5lib's name)
        stream = self.stream
        chunk = stream.chunk
        offset = stream.chunkOffset
        if chunk.startswith("/", offset):  # an end tag (a start tag's name starts with a letter)
            match = _PLAIN_END_TAG.match(chunk, offset)
            if match is None:
                return super().tagOpenState()
            token = {"type": _END, "name": intern(match.group(1).translate(asciiUpper2Lower)), "data": [],
                     "selfClosing": False}
        else:
            match = _PLAIN_START_TAG.match(chunk, offset)
            if match is None:
                return super().tagOpenState()
            name, attributes, solidus = match.groups()
            # what the attribute states and emitCurrentToken make of them: names
            # lower-cased, the first of duplicate attributes wins
            data = {}
            if attributes:
                # at most one of the three value groups took part (the others are "")
                for key, double, single, bare in _PLAIN_ATTRIBUTE.findall(attributes):
                    key = key.translate(asciiUpper2Lower)
                    if key not in data:
                        data[key] = double or single or bare
            token = {"type": _START, "name": intern(name.translate(asciiUpper2Lower)), "data": data,
                     "selfClosing": bool(solidus), "selfClosingAcknowledged": False}
        end = stream.chunkOffset = match.end()
        token["_at"] = stream.base + end  # as _Queue.append stamps it, without its frame
        self.currentToken = token
        _queue_append(self.tokenQueue, token)
        self.state = self.dataState
        return True

    def _locate(self, data: str, at: int) -> Piece:
        text = self.text
        lo = min(self.last_end, at)
        n = len(data)
        start = at - n
        if start >= lo and text.startswith(data, start):
            self.last_end = at
            return _exact(data, start)
        # A character the tokenizer queued before ungetting its successor ("<" that
        # opens no tag), or text whose end we over-shot by one.
        found = text.rfind(data, lo, at + 1)
        if found != -1:
            self.last_end = found + n
            return _exact(data, found)
        amp = text.find("&", lo, at)
        if amp != -1:
            # An entity, possibly followed by literal characters the tokenizer read while
            # looking for the longest entity name (``&notit;`` → "¬it;").
            tail = 0
            while tail < n and at - tail - 1 > amp and data[n - 1 - tail] == text[at - tail - 1]:
                tail += 1
            head = n - tail
            if head == 0:  # everything matched literally after the "&": not an entity
                self.last_end = at
                return _exact(data, at - n)
            pieces = [_same(data[:head], amp, at - tail)]
            if tail:
                pieces.append(_exact(data[head:], at - tail))
            self.last_end = at
            return _join(pieces)
        # Rewritten by the parser (U+0000 → U+FFFD): no source character to point at.
        return _same(data, lo, lo)

    def _locate_comment(self, data: str, at: int) -> Piece:
        text = self.text
        lo = min(self.last_end, at)
        self.last_end = max(self.last_end, at)
        found = text.rfind(data, lo, at) if data else -1
        if found != -1:
            return _exact(data, found)
        # Parser-rewritten comment data: keep the characters that still match.
        start = text.find("<!", lo, at)
        start = start + 4 if start != -1 else lo
        return _same(data, start, start)


@lru_cache(maxsize=None)
def _in_table_text_phase(base: type) -> type:
    """html5lib's phase for text inside a table (foster-parented when the next tag comes),
    keeping the text's strings instead of its tokens: it kept every token until the next
    tag, and a 120 KB run of ``&amp;`` in a table is 40,000 of them (14 MiB).  Only the
    token's string is read (``flushCharacters`` joins them); the strings are joined every
    :data:`_JOIN_EVERY` as the pieces of a text node are."""

    class InTableTextPhase(base):  # type: ignore[misc, valid-type]
        __slots__ = ("loose",)  # strings kept since the last join

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.loose = 0

        def processCharacters(self, token):  # noqa: N802 (html5lib's name)
            if token["data"] != "\u0000":  # as html5lib's: a NUL is dropped
                self._keep(token["data"])

        def processSpaceCharacters(self, token):  # noqa: N802
            self._keep(token["data"])

        def _keep(self, data: str) -> None:
            kept = self.characterTokens
            kept.append(data)
            self.loose += 1
            if self.loose == _JOIN_EVERY:
                kept[-_JOIN_EVERY:] = ["".join(kept[-_JOIN_EVERY:])]
                self.loose = 0

        def flushCharacters(self):  # noqa: N802
            data = "".join(self.characterTokens)
            if any([item not in spaceCharacters for item in data]):
                token = {"type": _CHARACTERS, "data": data}
                self.parser.phases["inTable"].insertText(token)
            elif data:
                self.tree.insertText(data)
            self.characterTokens = []
            self.loose = 0

    return InTableTextPhase


class _Parser(html5parser.HTMLParser):
    def __init__(self, text: str) -> None:
        super().__init__(tree=TreeBuilder, namespaceHTMLElements=False)
        self._text = text
        self.tree.parser = self
        phases = self.phases
        phases["inTableText"] = _in_table_text_phase(type(phases["inTableText"]))(self, self.tree)

    def _parse(self, stream, innerHTML=False, container="div", scripting=False, **kwargs):
        self.innerHTMLMode = innerHTML
        self.container = container
        self.scripting = scripting
        self.tokenizer = _Tokenizer(stream, parser=self, text=self._text, **kwargs)
        self.reset()
        self.mainLoop()  # a str input never asks for a re-parse with another encoding

    def parseError(self, errorcode="XXX-undefined-error", datavars=None):  # noqa: N802
        pass  # never strict; the error list is not used


# --- the tree --------------------------------------------------------------------------


# An element costs a few hundred bytes against four of "<br>" in the file; these shave what
# every element repeated (a 360 KB page of <br> took 33 MiB): the name tuple, an empty
# attribute dict, an empty child list, a list for html5lib's unused flags, the lower-cased
# tag name (interned).
_NO_ATTRIBUTES: Any = MappingProxyType({})
_GROWING = frozenset({"html", "body"})
_NO_CHILDREN: Any = ()


@lru_cache(maxsize=512)
def _name_tuple(namespace: str, name: str) -> tuple[str, str]:
    return (namespace, name)


class Element:
    """An element; ``pos`` is the offset just after its start tag (None if implied)."""

    __slots__ = ("name", "namespace", "nameTuple", "attributes", "childNodes", "parent", "_flags", "pos")

    is_text = False
    is_comment = False
    is_element = True

    def __init__(self, name: str, namespace: str | None = None) -> None:
        self.name = name
        self.namespace = namespace
        self.nameTuple = _name_tuple(_HTML_NS if namespace is None else namespace, name)
        # html5lib adds attributes only to <html> and <body> (from a repeated tag); every
        # other element without attributes shares one read-only empty mapping
        self.attributes: dict = {} if name in _GROWING else _NO_ATTRIBUTES
        self.childNodes: list = _NO_CHILDREN  # a list from the first child on
        self.parent: Element | None = None
        self._flags = None  # html5lib's own nodes keep a list here that nothing reads
        self.pos: int | None = None

    def __repr__(self) -> str:
        return f"<{self.name}>"

    def appendChild(self, node: Node) -> None:  # noqa: N802
        node.parent = self
        if self.childNodes:
            self.childNodes.append(node)
        else:
            self.childNodes = [node]

    def insertText(self, data: str, insertBefore: Node | None = None, piece: Piece | None = None) -> None:  # noqa: N802
        if piece is None:
            piece = _same(data, 0, 0)
        children = self.childNodes
        if insertBefore is None:
            if children and children[-1].is_text:
                children[-1].add(piece)
            else:
                self.appendChild(TextNode(piece))
            return
        index = children.index(insertBefore)
        if index and children[index - 1].is_text:
            children[index - 1].add(piece)
        else:
            node = TextNode(piece)
            node.parent = self
            children.insert(index, node)

    def insertBefore(self, node: Node, refNode: Node) -> None:  # noqa: N802
        index = self.childNodes.index(refNode)
        node.parent = self
        self.childNodes.insert(index, node)

    def removeChild(self, node: Node) -> None:  # noqa: N802
        if self.childNodes:
            try:
                self.childNodes.remove(node)
            except ValueError:
                pass
        node.parent = None

    def reparentChildren(self, newParent: Element) -> None:  # noqa: N802
        for child in self.childNodes:
            newParent.appendChild(child)
        self.childNodes = _NO_CHILDREN

    def cloneNode(self) -> "Element":  # noqa: N802
        clone = Element(self.name, self.namespace)
        clone.attributes = dict(self.attributes)
        return clone

    def hasContent(self) -> bool:  # noqa: N802
        return bool(self.childNodes)


# Text between two tags is read as a run of text tokens, one piece each (gxlint.document's
# Text), that go to a text node and to the tokenizer's run.  Mostly one or two; but a
# paragraph of 40,000 entities is 40,000 pieces, a Text, an int and often a string of its
# own each (100-200 bytes, and html5lib's token, 200 more, was kept in the run until the
# next tag).  So a text node of several pieces keeps them as runs (_Pieces), and a run's
# list of pieces is folded into one _Pieces every _JOIN_EVERY pieces.
_JOIN_EVERY = 256


class _Pieces(TextBuilder):
    """Located pieces of text in order, kept as runs: one that continues the last run costs
    nothing, any other three numbers; the strings are joined every :data:`_JOIN_EVERY`."""

    __slots__ = ("_loose",)

    def __init__(self, piece: Piece) -> None:
        super().__init__()
        self._loose = 0
        self.add(piece)

    def add(self, piece: Piece) -> None:
        self.add_text(piece)
        self._loose += 1
        if self._loose == _JOIN_EVERY:
            parts = self._parts
            parts[-_JOIN_EVERY:] = ["".join(parts[-_JOIN_EVERY:])]
            self._loose = 0

    def text(self) -> Piece:
        """The pieces so far as one text (the builder may go on growing)."""
        return Text._runs("".join(self._parts), array(_RUN_CODE, self._at), array(_RUN_CODE, self._src),
                          array(_RUN_CODE, self._wid))


def _fold(run: list) -> None:
    """Fold a run's pieces into its first item, a :class:`_Pieces`."""
    first, pieces = run[0], run[1:]
    if type(first) is not _Pieces:
        first = _Pieces(first)
    for piece in pieces:
        first.add(piece)
    run[:] = [first]


def _run_text(run: list) -> Piece:
    """A run's pieces joined."""
    first = run[0]
    if type(first) is _Pieces:
        return Text.join([first.text(), *run[1:]])
    return _join(run)


class TextNode:
    """A text node: one located piece, or several (``_Pieces``) until the text is read."""

    __slots__ = ("_piece", "_pieces", "parent")

    is_text = True
    is_comment = False
    is_element = False
    name = "#text"

    def __init__(self, piece: Piece) -> None:
        self._piece: Piece | None = piece
        self._pieces: _Pieces | None = None
        self.parent: Element | None = None

    def add(self, piece: Piece) -> None:
        if self._pieces is None:
            self._pieces = _Pieces(self._piece)
            self._piece = None
        self._pieces.add(piece)

    @property
    def piece(self) -> Piece:
        if self._pieces is not None:
            self._piece = self._pieces.build()
            self._pieces = None
        return self._piece

    @property
    def value(self) -> str:
        return self.piece.value


class CommentNode:
    __slots__ = ("piece", "parent")

    is_text = False
    is_comment = True
    is_element = False
    name = "#comment"

    def __init__(self, piece: Piece) -> None:
        self.piece = piece
        self.parent: Element | None = None


class DocumentNode(Element):
    __slots__ = ()

    def __init__(self) -> None:
        super().__init__("#document")


class Doctype:
    __slots__ = ("parent",)
    is_text = False
    is_comment = False
    is_element = False
    name = "#doctype"

    def __init__(self, name: str, publicId: str | None, systemId: str | None) -> None:  # noqa: N803
        self.parent: Element | None = None


class TreeBuilder(base.TreeBuilder):
    documentClass = DocumentNode
    elementClass = Element
    commentClass = CommentNode
    doctypeClass = Doctype

    parser: _Parser

    def reset(self) -> None:
        super().reset()
        self.comments: list[Piece] = []

    def createElement(self, token: Token) -> Element:  # noqa: N802
        element = Element(token["name"], token.get("namespace", self.defaultNamespace))
        if token["data"] or element.name in _GROWING:
            element.attributes = token["data"]
        element.pos = token.get("_at")
        return element

    def elementInScope(self, target: "Element | str | tuple[str, str]", variant: str | None = None) -> bool:  # noqa: N802
        """html5lib's scope check (asked at most start and end tags), without its per-node
        tests of which kind of target it was given."""
        boundaries, invert = base.listElementsMap[variant]
        if hasattr(target, "nameTuple"):
            for node in reversed(self.openElements):
                if node == target:
                    return True
                if invert ^ (node.nameTuple in boundaries):
                    return False
        else:
            if isinstance(target, str):
                target = (_HTML_NS, target)
            if invert:
                for node in reversed(self.openElements):
                    name = node.nameTuple
                    if name == target:
                        return True
                    if name not in boundaries:
                        return False
            else:
                for node in reversed(self.openElements):
                    name = node.nameTuple
                    if name == target or name in boundaries:
                        return name == target
        raise AssertionError("html5lib: no scope boundary on the stack of open elements")

    def insertElementNormal(self, token: Token) -> Element:  # noqa: N802
        element = self.createElement(token)
        self.openElements[-1].appendChild(element)
        self.openElements.append(element)
        return element

    def insertComment(self, token: Token, parent: Element | None = None) -> None:  # noqa: N802
        if parent is None:
            parent = self.openElements[-1]
        piece = token.get("_piece")
        if piece is None:
            piece = _same(token["data"], 0, 0)
        self.comments.append(piece)
        parent.appendChild(CommentNode(piece))

    def _piece_for(self, data: str) -> Piece:
        """The located characters behind ``data``, which the parser took from the text
        tokens just seen: usually the current token, else the tail of the current run
        (a token split after ``<pre>``), else the whole previous run (table text the
        parser buffered and flushes when the next tag arrives)."""
        tokenizer = self.parser.tokenizer
        current = tokenizer.current
        if current is not None and current["type"] in _TEXT_TYPES and current["data"] == data:
            return current["_piece"]
        for run in (tokenizer.run, tokenizer.prev_run):
            if run is None:
                continue
            joined = _run_text(run)
            if joined.value.endswith(data):
                return joined[len(joined) - len(data):]
        at = tokenizer.last_end
        return _same(data, at, at)

    def insertText(self, data: str, parent: Element | None = None) -> None:  # noqa: N802
        piece = self._piece_for(data)
        if parent is None:
            parent = self.openElements[-1]
        if not self.insertFromTable or self.openElements[-1].name not in base.tableInsertModeElements:
            parent.insertText(data, piece=piece)
        else:
            parent, insert_before = self.getTableMisnestedNodePosition()
            parent.insertText(data, insert_before, piece=piece)


# --- entry point -----------------------------------------------------------------------

_CR = lazy_compile(r"\r\n?")


class Tree:
    """The parsed document plus the offset map back to the original text."""

    def __init__(self, document: DocumentNode, comments: list[Piece], crlf: list[int]) -> None:
        self.document = document
        self.comments = comments
        self._crlf = crlf  # normalised offsets of LFs that stand for CR LF

    def to_source(self, starts: array, ends: array) -> tuple[array, array]:
        """Map normalised offsets to offsets in the original text (only CR LF differs)."""
        if not self._crlf:
            return starts, ends
        crlf = self._crlf
        left = bisect.bisect_left
        return (array("l", [s + left(crlf, s) for s in starts]),
                array("l", [e + left(crlf, e) for e in ends]))

    def release(self) -> None:
        """Cut every node's link to its parent.  Parent and child point at each other, so
        without this only the cyclic collector frees a read page, often after the rules
        have run: a 500 KB page of table cells kept 25 MB of nodes alive to the end."""
        stack: list = [self.document]
        pop = stack.pop
        extend = stack.extend
        while stack:
            node = pop()
            node.parent = None
            if node.is_element and node.childNodes:  # (text nodes have no childNodes slot)
                extend(node.childNodes)

    def text_to_source(self, text: Text) -> Text:
        """A piece's text with offsets in the original text."""
        return past_crlf(text, self._crlf)


def parse(text: str) -> Tree:
    crlf: list[int] = []
    if "\r" in text:
        # Fold line ends ourselves so the parser's text and ours agree offset for offset;
        # remember where each CR LF collapsed to one character.
        shift = 0
        for match in _CR.finditer(text):
            if match.end() - match.start() == 2:
                crlf.append(match.start() - shift)
                shift += 1
        text = _CR.sub("\n", text)
    parser = _Parser(text)
    document = parser.parse(text)
    tree = Tree(document, parser.tree.comments, crlf)
    # The parser, its phases, tokenizer and tree builder point at each other (and through
    # the tokenizer at a copy of the page, four bytes a character): drop them now rather
    # than when the cyclic collector comes by.  The tokenizer holds itself too (its state
    # is one of its own bound methods), so it is emptied as well.
    tokenizer = parser.__dict__.get("tokenizer")
    if tokenizer is not None:
        tokenizer.__dict__.clear()
    parser.__dict__.clear()
    return tree
