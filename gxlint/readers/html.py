"""The HTML reader: a saved CMS page → the report's blocks, with exact source spans.

Steps: parse with html5lib keeping a source offset per text character
(:mod:`gxlint.readers._html_tree`); collect ``<meta>``, ``<title>``, comments and hidden
link lists; choose the element that holds the report (a known CMS container such as
``div.TRS_Editor``, else the element with the densest non-link text); turn its content into
paragraphs, markup headings (``Heading(level=0)``) and tables; everything else on the page
becomes ``document.furniture``.  Furniture is only what lies outside the report: when a
block outside the chosen container carries a report signal (a standard section heading or
table label, :mod:`gxlint.readers._html_shapes`), a second container holding it is added
(a paginated article) or the container is widened to hold it (a bare document, a Word-saved
page); ``<body>`` itself may be the container (fragments, bare documents), and a page whose
containers hold no report text is read from the markup in its script strings, if any.
The article title, usually outside the container, is put first in ``document.blocks`` so
the structure pass sees it.

Block text joins inline descendants (``报<span>告</span>`` reads ``报告``), collapses runs of
ASCII whitespace to one space (as a browser would; the space keeps the span of the first
whitespace character) and strips them at the ends; U+00A0 and U+3000 are kept.  ``<br>``
ends a paragraph.  ``<pre>`` is not treated specially.  Every walk is iterative, so hostile
nesting cannot exhaust the stack.
"""

from __future__ import annotations

import re
from array import array
from functools import lru_cache
from typing import Iterable

from gxlint.document import LINEAR, Block, Cell, Document, Heading, Paragraph, Source, Span, Table, Text, TextBuilder
from gxlint.errors import InputError
from gxlint.readers import _html_shapes as _shapes
from gxlint.readers.element_limit import check_element_count
from gxlint.readers.merged_copies import fold_merged_copies
from gxlint.readers.table_limit import check_cell_tags
from gxlint.lazy_pattern import lazy_compile

BLOCK_TAGS = frozenset(
    "address article aside blockquote body caption center dd details dialog dir div dl dt "
    "fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 header hgroup hr html legend li "
    "main menu nav ol option p pre section summary table tbody td tfoot th thead tr ul".split()
)
SKIP_TAGS = frozenset(
    "script style noscript template head title iframe object embed svg math select textarea "
    "button input video audio canvas map".split()
)
HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
TABLE_PARTS = frozenset("thead tbody tfoot".split())
MAX_COLSPAN = 200  # report tables have < 20 columns; bounds the work on hostile spans

# CMS containers that hold an article's own content, most specific first.
STRONG_CLASSES = frozenset((
    "trs_editor", "trs_ueditor", "ucapcontent", "ucap-content", "article_content", "article-content",
    "articlecontent", "pages_content", "pages-content", "art_content", "art-content", "news_content",
    "news-content", "detail_content", "detail-content", "zw_content", "wzcon", "zwnr",
    "wordsection1",  # a page saved from Word or WPS: the document's own body
    "rich_media_content",  # a WeChat official account's article (mp.weixin.qq.com)
))
STRONG_IDS = frozenset(("zoom", "ucap-content", "ucapcontent", "article_content", "article-content", "zoomcon",
                        "fontzoom", "zwnr", "art_content", "news_content", "js_content"))
# An article container a page hides only until its script has laid it out (WeChat's
# #js_content comes as style="visibility: hidden" and is shown by script): read, not hidden.
_SHOWN_BY_SCRIPT = lazy_compile(r"^\s*(?:visibility\s*:\s*hidden|opacity\s*:\s*0)\s*;?\s*$", re.IGNORECASE)
WEAK_NAMES = frozenset(("content", "main-content", "main_content", "article", "detail", "zw", "con", "text",
                        "contents", "article_body", "article-body"))
WEAK_TAGS = frozenset(("article", "main"))
_ATTRIBUTELESS_CANDIDATES = WEAK_TAGS | {"ucapcontent"}

_WS_CHANGE = lazy_compile(r"[ \t\n\r\f]{2,}|[\t\n\r\f]")  # the runs _collapse rewrites
_ASCII_WS = " \t\n\r\f"
_BLANKS = dict.fromkeys(map(ord, " \n\t\r\f\xa0\u3000"))  # not counted as text (translate deletes them)
_TITLE_SPLIT = lazy_compile(r"\s*(?:_|——|--|\s-\s|\|)\s*")
_HIDDEN_STYLE = lazy_compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:\.0*)?(?:px|pt|em|rem|%)?\s*(?:;|!|$)",
    re.IGNORECASE,
)
_ABS = lazy_compile(r"position\s*:\s*absolute", re.IGNORECASE)
_FAR_OFFSET = lazy_compile(r"(?:left|top|right|text-indent)\s*:\s*-\s*\d{3,}", re.IGNORECASE)
_ZERO_HEIGHT = lazy_compile(r"(?:^|[;\s])(?:height|width)\s*:\s*0(?:px)?\s*(?:;|!|$)", re.IGNORECASE)
_OVERFLOW_HIDDEN = lazy_compile(r"overflow\s*:\s*hidden", re.IGNORECASE)


# Real CMS pages nest a few dozen elements deep; html5lib's scope checks are quadratic in
# the depth, so a page nested thousands deep would stall a pre-commit hook for a minute.
MAX_NESTING = 1500
_TAG = lazy_compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)|(/>)")
_OPEN_OR_CLOSE = lazy_compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")  # _TAG without the "/>" branch
_SCAN = 65_536
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr p li td th tr option".split())


def nesting_depth(text: str, limit: int = MAX_NESTING) -> int:
    """An estimate of element nesting (stops counting past ``limit``).  A ``/>`` closes the
    element just opened (SVG icons); one inside an attribute value only lowers the estimate."""
    # The matches of _TAG, in order: a tag match never contains ">", so the "/>" matches
    # are exactly the occurrences of "/>" and the tag matches are those of _OPEN_OR_CLOSE
    # between them.  Scanning for them separately is several times faster than one
    # alternation (which must try both branches at every character).
    depth = deepest = 0
    findall = _OPEN_OR_CLOSE.findall
    void = _VOID
    find = text.find
    pos = 0
    while True:
        stop = find("/>", pos)
        end = len(text) if stop == -1 else stop
        while pos < end:
            # at most _SCAN characters' matches in a list at once (a page of 80,000 tags and no
            # "/>" listed them all: 9 MB); cut at a "<", where no match can straddle the cut
            cut = find("<", pos + _SCAN, end)
            cut = end if cut == -1 else cut
            for closing, name in findall(text, pos, cut):
                if closing:
                    if name.lower() not in void:
                        depth = depth - 1 if depth else 0
                elif name.lower() not in void:
                    depth += 1
                    if depth > deepest:
                        deepest = depth
                        if deepest > limit:
                            return deepest
            pos = cut
        if stop == -1:
            return deepest
        depth = depth - 1 if depth else 0
        pos = stop + 2


def _may_nest_deeper(text: str, limit: int) -> bool:
    """False when ``text`` has too few start tags to nest more than ``limit`` deep (every
    level of :func:`nesting_depth` needs a "<" not followed by "/")."""
    return text.count("<") - text.count("</") > limit


def read(source: Source) -> Document:
    from gxlint.readers import _html_tree  # lazy: html5lib only once the page passed the nesting guard

    depth = nesting_depth(source.text) if _may_nest_deeper(source.text, MAX_NESTING) else 0
    if depth > MAX_NESTING:
        raise InputError("GX007", depth=f"{depth}+", limit=MAX_NESTING)
    check_cell_tags(source.text)  # a page of tiny cells is refused before its tree is built (GX025)
    check_element_count(source.text)  # and a page of tiny elements (GX026)
    tree = _html_tree.parse(source.text)
    try:
        return _Reader(source, tree).read()
    finally:
        tree.release()  # freed now, not by the cyclic collector after the rules


# --- helpers -------------------------------------------------------------------------------


def _is_element(node) -> bool:
    return node.is_element


def _classes(element) -> list[str]:
    value = element.attributes.get("class") or ""
    return value.lower().split()


_TITLE_HEADINGS = frozenset(("h1", "h2", "h3"))
# A link to, or an embedding of, a document file: a page that publishes its report as an
# attachment holds only this (GX022 says so instead of passing the page).
_LINK_TARGET = {"a": "href", "iframe": "src", "embed": "src", "object": "data"}
_DOCUMENT_FILE = lazy_compile(r"\.(?:pdf|docx?|wps|ofd|xlsx?|et|zip|rar)(?:$|[?#])", re.IGNORECASE)


def _title_named(attributes) -> bool:
    """A class or id that names a title (``class="article_tit"``, ``id="title"``)."""
    # every "named" class contains "tit": test that before splitting classes
    cls = attributes.get("class")
    if cls and "tit" in cls.lower() and \
            any("title" in c or c.endswith("_tit") or c.endswith("-tit") for c in cls.lower().split()):
        return True
    return "title" in (attributes.get("id") or "").lower()


def _is_hidden(element) -> bool:
    attributes = element.attributes
    if "hidden" in attributes:
        return True
    style = attributes.get("style")
    if not style:
        return False
    return _hides(style)


@lru_cache(maxsize=4096)
def _hides(style: str) -> bool:
    # Cached per style string: pages pasted from Word repeat a few hundred inline styles
    # on thousands of elements, and the case-insensitive searches are the reader's cost.
    if _HIDDEN_STYLE.search(style):
        return True
    if _ABS.search(style) and _FAR_OFFSET.search(style):
        return True
    return bool(_ZERO_HEIGHT.search(style) and _OVERFLOW_HIDDEN.search(style))


def _walk(root):
    """Pre-order elements and text nodes under ``root`` (iterative)."""
    stack = list(reversed(root.childNodes))
    pop = stack.pop
    extend = stack.extend
    while stack:
        node = pop()
        yield node
        if node.is_element and node.childNodes:
            extend(reversed(node.childNodes))


def _describe(element) -> str:
    for cls in element.attributes.get("class", "").split():
        if cls.lower() in STRONG_CLASSES:
            return f"{element.name}.{cls}"
    ident = element.attributes.get("id")
    if ident:
        return f"{element.name}#{ident}"
    classes = element.attributes.get("class", "").split()
    return f"{element.name}.{classes[0]}" if classes else element.name


def _collapse(text: Text) -> Text:
    """Collapse runs of ASCII whitespace to one space and strip them at both ends."""
    value = text.value
    if not value:
        return text
    # Only runs other than a single " " change anything.  They are taken as found, never
    # listed: a <pre> of 300,000 short lines has as many (a list of them took 36 MB).
    if _WS_CHANGE.search(value) is None:
        return text.strip(_ASCII_WS)
    runs = map(_match_span, _WS_CHANGE.finditer(value))
    if text.run_count() == 1:
        return _collapse_one_run(text, runs)
    builder = TextBuilder()
    last = 0
    for i, j in runs:  # each run becomes one space standing where the run began
        builder.add_text(text[last:i])
        builder.add_text(text[i:i + 1], " ")
        last = j
    builder.add_text(text[last:])
    return builder.build().strip(_ASCII_WS)


_match_span = re.Match.span


def _collapse_one_run(text: Text, runs: Iterable[tuple[int, int]]) -> Text:
    """:func:`_collapse` of a text whose offsets are one run (most cells and paragraphs):
    the pieces' offsets by arithmetic, the ends stripped before building rather than after."""
    value = text.value
    lo = len(value) - len(value.lstrip(_ASCII_WS))
    hi = len(value.rstrip(_ASCII_WS))
    if hi <= lo:
        return text[lo:lo]
    _, _, src, width = next(text.runs())
    builder = TextBuilder()
    if width == LINEAR:
        add = builder.add_source
        last = lo
        for i, j in runs:
            if lo <= i and j <= hi:  # the runs at the ends are stripped
                add(value[last:i], src + last)
                add(" ", src + i)
                last = j
        add(value[last:hi], src + last)
    else:  # every character stands for the same span
        pieces = []
        last = lo
        for i, j in runs:
            if lo <= i and j <= hi:
                pieces.append(value[last:i])
                pieces.append(" ")
                last = j
        pieces.append(value[last:hi])
        builder.add_spanning("".join(pieces), src, src + width)
    return builder.build()


# --- the reader ----------------------------------------------------------------------------


class _Reader:
    def __init__(self, source: Source, tree) -> None:
        self.source = source
        self.tree = tree
        self.document = Document(source=source)
        self.hidden: set[int] = set()  # ids of hidden elements (skipped in blocks)
        self.hidden_order: list = []  # the hidden elements in document order
        self.attachment_nodes: list = []  # links to and embeddings of document files, in order
        self.skip: set[int] = set()  # ids of elements read elsewhere (the title)
        self.layout_tables: set[int] = set()  # ids of tables that contain tables
        self.crlf = bool(tree._crlf)  # offsets need mapping back to the original text

    # located text ----------------------------------------------------------------------------
    located: Text | None = None  # set when the tree was parsed from a decoded script string

    def text_of(self, piece: Text) -> Text:
        if self.located is not None:
            return _through(self.located, piece)
        if self.crlf:
            return self.tree.text_to_source(piece)
        return piece  # a Text is never modified: the tree's own is shared

    def raw_text(self, element) -> Text:
        """All text under ``element`` (skipping scripts), joined as is."""
        pieces = []
        for node in _walk(element):
            if node.is_text:
                if not self._inside_skipped(node, element):
                    pieces.append(self.text_of(node.piece))
        return Text.join(pieces)

    def _inside_skipped(self, node, stop) -> bool:
        parent = node.parent
        while parent is not None and parent is not stop:
            if parent.name in SKIP_TAGS:
                return True
            parent = parent.parent
        return False

    # the whole read ----------------------------------------------------------------------------
    def read(self) -> Document:
        document = self.document
        root = self.tree.document
        body = None
        head_title = None
        title_like = self.title_like = []  # (pre-order index, element): find_title's candidates
        attachments: list = self.attachment_nodes  # links to and embeddings of document files
        images: list = []  # <img> elements: inside the report, a table may be a picture (GX023)
        # One pass over the tree (pre-order, as _walk): meta, <title>, hidden elements, tables,
        # <body>, title candidates.
        stack = root.childNodes[::-1]
        pop = stack.pop
        extend = stack.extend
        index = 0
        while stack:
            node = pop()
            if not node.is_element:
                continue
            index += 1
            if node.childNodes:
                extend(reversed(node.childNodes))
            name = node.name
            attributes = node.attributes
            if name in _TITLE_HEADINGS or (attributes and _title_named(attributes)):
                title_like.append((index, node))
            if name == "meta":
                key = attributes.get("name") or attributes.get("property") or attributes.get("http-equiv")
                content = attributes.get("content")
                if key and content is not None and key not in document.meta:
                    document.meta[key] = content
            elif name == "title" and head_title is None:
                head_title = node
            elif name == "body" and body is None:
                body = node
            elif name == "table":
                parent = node.parent
                while parent is not None:
                    if getattr(parent, "name", None) == "table":
                        self.layout_tables.add(id(parent))
                        break
                    parent = parent.parent
            if attributes and _is_hidden(node) and not self._shown_by_script(node):
                self.hidden.add(id(node))
                self.hidden_order.append(node)
            if name == "img":
                images.append(node)
            elif name in _LINK_TARGET and attributes:
                target = attributes.get(_LINK_TARGET[name])
                if target and _DOCUMENT_FILE.search(target):
                    attachments.append(node)
        if head_title is not None:
            document.meta["html_title"] = self.raw_text(head_title).value.strip()
        document.reader_notes["comments"] = [self.text_of(piece) for piece in self.tree.comments]
        document.reader_notes["hidden_links"] = self.hidden_links(root)
        if attachments:
            document.reader_notes["attachments"] = [self.attachment(node) for node in attachments]
        if body is None:
            return document

        container = self.find_container(body)
        containers = self.report_containers(body, container)
        container = containers[0]
        document.reader_notes["content_container"] = " + ".join(
            _describe(c) if c is not body else "body" for c in containers)
        title_element, title_text = self.find_title(body, container, head_title)
        if title_element is not None:
            document.reader_notes["title_element"] = _describe(title_element)
        inside = title_element is not None and any(self._is_descendant(title_element, c) for c in containers)
        if title_text is not None and len(title_text) and not inside:
            document.blocks.append(Paragraph(title_text))
            if title_element is not None:
                self.skip.add(id(title_element))
        self.extract(body, containers)
        pictures = [(self.tag_of(img), (img.attributes.get("src") or "").strip())
                    for img in images if any(self._is_descendant(img, c) for c in containers)]
        if pictures:
            document.reader_notes["pictures"] = pictures
        if not any(_shapes.report_signal(b.text.value) for b in document.blocks if not isinstance(b, Table)):
            self.read_script_markup(root)
        return document

    @staticmethod
    def _is_descendant(node, ancestor) -> bool:
        while node is not None:
            if node is ancestor:
                return True
            node = node.parent
        return False

    # hidden content --------------------------------------------------------------------------
    def hidden_links(self, root) -> list[Text]:
        found: list[Text] = []
        for node in self.hidden_order:  # collected in document order by read()
            if self._has_hidden_ancestor(node):
                continue  # reported with its outermost hidden ancestor
            links = [n for n in _walk(node) if _is_element(n) and n.name == "a"]
            if node.name == "a":
                links.insert(0, node)
            texts = [_collapse(self.raw_text(link)) for link in links] or [_collapse(self.raw_text(node))]
            found.extend(t for t in texts if len(t))
        return found

    def attachment(self, element) -> tuple[Span, str, str, bool]:
        """(where, the file's address, its label, embedded or only linked) of a link to a
        document file or an embedding of one: the label is the link's text, else its
        title, else the address's last part."""
        target = element.attributes.get(_LINK_TARGET[element.name], "").strip()
        text = _collapse(self.raw_text(element)).strip() if element.name == "a" else None
        if text is not None and len(text):
            return text.span(), target, text.value, False
        label = (element.attributes.get("title") or "").strip() or target.rsplit("/", 1)[-1]
        return self.tag_of(element), target, label, element.name != "a"

    def tag_of(self, element) -> Span:
        """The span of an element's start tag in the source (``<img …>``), for findings
        about an element that has no text of its own."""
        after = self.anchor_of(element)
        if after is None:
            return Span(0, 0)
        text = self.source.text
        opening = text.rfind("<", max(0, after.start - 4096), after.start)
        return Span(opening, after.start) if opening != -1 else after

    def _has_hidden_ancestor(self, node) -> bool:
        parent = node.parent
        while parent is not None:
            if id(parent) in self.hidden:
                return True
            parent = parent.parent
        return False

    # the content container ---------------------------------------------------------------------
    def scores(self, body) -> tuple[dict[int, int], dict[int, int]]:
        """Per element: non-whitespace characters of visible text outside links (subtree
        total), and the same counted only on the element's nearest block ancestor."""
        total: dict[int, int] = {}
        own: dict[int, int] = {}
        hidden = self.hidden
        order = []
        stack = [body]
        while stack:
            node = stack.pop()
            order.append(node)
            block = None  # the nearest block ancestor, found once per element
            for child in node.childNodes:
                if child.is_text:
                    value = child.value
                    count = len(value.translate(_BLANKS)) if value.strip() else 0
                    if count:
                        if block is None:
                            block = node
                            while block is not body and block.name not in BLOCK_TAGS:
                                block = block.parent
                        own[id(block)] = own.get(id(block), 0) + count
                        total[id(node)] = total.get(id(node), 0) + count
                elif child.is_element:
                    name = child.name
                    # nothing under a link, a script or a hidden element counts: not walked
                    if name != "a" and name not in SKIP_TAGS and id(child) not in hidden:
                        stack.append(child)
        for node in reversed(order):  # children before parents: sum up
            parent = node.parent
            if parent is not None and node is not body:
                total[id(parent)] = total.get(id(parent), 0) + total.get(id(node), 0)
        self._order = order
        return total, own

    def find_container(self, body):
        total, own = self.scores(body)
        page = total.get(id(body), 0)
        if page == 0:
            return body
        strong, weak = [], []
        for depth_index, node in enumerate(self._order):
            score = total.get(id(node), 0)
            if not score or node is body or id(node) in self.hidden:
                continue
            if not node.attributes and node.name not in _ATTRIBUTELESS_CANDIDATES:
                continue  # no id, no class: only the tag name could make it a candidate
            if self._is_strong(node):
                strong.append(node)
                continue
            classes = _classes(node)
            ident = (node.attributes.get("id") or "").lower()
            if ident in WEAK_NAMES or node.name in WEAK_TAGS or not WEAK_NAMES.isdisjoint(classes):
                weak.append(node)
        # A known container must hold a real share of the page's text, or it is a sidebar.
        for group in (strong, weak):
            viable = [n for n in group if total[id(n)] >= max(200, 0.25 * page) or total[id(n)] >= 0.6 * page]
            if viable:
                best = max(viable, key=lambda n: total[id(n)])
                return self._narrow(best, viable, total)
        # ... unless it holds the report as an attached file (a link's text does not count):
        # then it is the report's place, not the densest part of the site's chrome (GX022)
        for node in self.attachment_nodes:
            parent = node.parent
            while parent is not None and parent is not body:
                if id(parent) not in self.hidden and self._is_strong(parent):
                    return parent
                parent = parent.parent
        return self._densest(body, own, total)

    def _shown_by_script(self, node) -> bool:
        """A CMS's article container whose only style hides it until a script shows it."""
        style = node.attributes.get("style")
        return bool(style) and "hidden" not in node.attributes and _SHOWN_BY_SCRIPT.match(style) is not None \
            and self._is_strong(node)

    @staticmethod
    def _is_strong(node) -> bool:
        """A container a CMS names as the article's (TRS_Editor, #zoom, ucapcontent …)."""
        return (node.name == "ucapcontent" or (node.attributes.get("id") or "").lower() in STRONG_IDS
                or not STRONG_CLASSES.isdisjoint(_classes(node)))

    def _narrow(self, best, candidates, total):
        """Descend to a nested candidate that still holds nearly all the text."""
        while True:
            inner = [n for n in candidates if n is not best and self._is_descendant(n, best)
                     and total[id(n)] >= 0.85 * total[id(best)]]
            if not inner:
                return best
            best = max(inner, key=lambda n: (total[id(n)], self._depth(n)))

    @staticmethod
    def _depth(node) -> int:
        depth = 0
        while node is not None:
            depth += 1
            node = node.parent
        return depth

    def _densest(self, body, own, total):
        """Readability-style fallback: each block's own text credits its parent fully and
        its grandparent by half; data tables count for the block that holds them."""
        score: dict[int, float] = {}
        by_id = {id(n): n for n in self._order}
        for key, count in own.items():
            node = by_id.get(key)
            if node is None:
                continue
            # Text inside a data table belongs to the table's holder.
            table = node
            while table is not None and table is not body and table.name != "table":
                table = table.parent
            if table is not None and table is not body and id(table) not in self.layout_tables:
                node = table
            parent = node.parent if node is not body else body
            score[id(parent)] = score.get(id(parent), 0) + count
            grand = parent.parent if parent is not body and parent.parent is not None else parent
            score[id(grand)] = score.get(id(grand), 0) + count / 2
        if not score:
            return body
        best = max(score, key=lambda k: score[k])
        node = by_id.get(best, body)
        return node if node is not None and _is_element(node) else body

    # the title ---------------------------------------------------------------------------------
    def find_title(self, body, container, head_title):
        meta = {k.lower(): v for k, v in self.document.meta.items()}
        references = []
        for key in ("articletitle", "dc.title", "og:title", "title"):
            if meta.get(key, "").strip():
                references.append(_compact(meta[key]))
        html_title = self.document.meta.get("html_title", "")
        if html_title:
            references.append(_compact(_TITLE_SPLIT.split(html_title.strip())[0]))
            references.append(_compact(html_title))
        references = [r for r in references if r]
        best = None
        best_rank = None
        # the headings and title-named elements inside <body>, in document order (read()
        # collected them in its walk)
        for index, node in self.title_like:
            if id(node) in self.hidden or node is body or not self._is_descendant(node, body):
                continue
            text = self.inline_text(node)
            compact = _compact(text.value)
            if not compact or len(compact) > 200:
                continue
            match = 0
            for ref in references:
                if compact == ref:
                    match = max(match, 3)
                elif len(compact) >= 6 and (compact in ref or ref in compact):
                    match = max(match, 2)
            if not match and not (node.name == "h1" and not references):
                continue
            inside = self._is_descendant(node, container)
            rank = (match, not inside, self._depth(node), -index)
            if best_rank is None or rank > best_rank:
                best, best_rank, best_text = node, rank, text
        if best is not None:
            return best, best_text
        if head_title is not None:
            text = _collapse(self.raw_text(head_title))
            parts = _TITLE_SPLIT.split(text.value, maxsplit=1)
            if parts and len(_compact(parts[0])) >= 6:
                text = _collapse(text[: len(parts[0])])
            return None, text
        return None, None

    def anchor_of(self, element) -> Span | None:
        """The source position of an element's start tag (for empty cells)."""
        pos = element.pos
        if pos is None:
            return None
        if self.located is not None:
            at = self.located.start_at(min(max(pos, 0), len(self.located.value) - 1))
            return Span(at, at + 1)
        if self.tree._crlf:
            pos = self.tree.to_source(array("l", [pos]), array("l", [pos]))[0][0]
        at = max(0, min(pos, len(self.source.text)))
        return Span(at, at + 1 if at < len(self.source.text) else at)

    def inline_text(self, element) -> Text:
        """The text of an element as one line (its paragraphs joined without separator)."""
        out: list[Block] = []
        _Blocks(self, out, None).run(element, include_root=False)
        return Text.join([b.text for b in out])

    # blocks ------------------------------------------------------------------------------------
    def extract(self, body, containers) -> None:
        if containers[0] is body:  # a bare document or a fragment: all of it is the report
            _Blocks(self, self.document.blocks, None).run(body, include_root=False)
            return
        furniture = _Blocks(self, self.document.furniture, container=containers,
                            inside=self.document.blocks)
        furniture.run(body, include_root=False)

    # the report in other shapes ------------------------------------------------------------
    def report_containers(self, body, container) -> list:
        """The container, widened or joined by others until no block outside them carries
        a report signal (a section heading, a standard table label): the report's own
        paragraphs and tables are never page furniture."""
        containers = [container]
        for _ in range(20):  # each round adds or widens one container; pages need one or two
            outside = self._signal_outside(body, containers)
            if outside is None or containers[0] is body:
                return containers
            other = self._candidate_holding(outside, containers)
            if other is not None:
                containers.append(other)
                continue
            # widen the container nearest to the signal to hold it
            nearest = min(containers, key=lambda c: self._depth(c) - self._depth(self._common(c, outside)))
            widened = self._common(nearest, outside)
            containers = [widened] + [c for c in containers if c is not nearest
                                      and not self._is_descendant(c, widened)]
        return containers

    def _signal_outside(self, body, containers):
        """The first block element outside ``containers`` whose own visible text (links
        excluded) carries a report signal."""
        ids = {id(c) for c in containers}
        texts: dict[int, list[str]] = {}
        blocks: dict[int, object] = {}
        order: list[int] = []
        stack = [(body, body)]
        while stack:
            node, block = stack.pop()
            for child in reversed(node.childNodes):
                if child.is_text:
                    if block is not None:
                        key = id(block)
                        if key not in texts:
                            texts[key] = []
                            blocks[key] = block
                            order.append(key)
                        texts[key].append(child.value)
                elif child.is_element:
                    name = child.name
                    if id(child) in ids or name in SKIP_TAGS or id(child) in self.hidden or name == "a":
                        continue
                    stack.append((child, child if name in BLOCK_TAGS else block))
        found = None
        for key in order:
            if _shapes.report_signal("".join(texts[key])):
                element = blocks[key]
                if found is None or self._before(element, found):
                    found = element
        return found

    def _before(self, a, b) -> bool:
        return (a.pos or 0) < (b.pos or 0)

    def _candidate_holding(self, element, containers):
        """A known container (a second ``div.TRS_Editor`` …) around ``element`` that
        neither holds nor lies inside the containers already chosen."""
        node = element.parent
        best = None
        while node is not None and node.is_element and node.name not in ("body", "html"):
            classes = _classes(node)
            ident = (node.attributes.get("id") or "").lower()
            if ident in STRONG_IDS or any(c in STRONG_CLASSES for c in classes) or ident in WEAK_NAMES \
                    or any(c in WEAK_NAMES for c in classes):
                if not any(self._is_descendant(c, node) or self._is_descendant(node, c) for c in containers):
                    best = node
            node = node.parent
        return best

    def _common(self, a, b):
        ancestors = set()
        node = a
        while node is not None:
            ancestors.add(id(node))
            node = node.parent
        node = b
        while node is not None and id(node) not in ancestors:
            node = node.parent
        return node if node is not None else a

    def read_script_markup(self, root) -> None:
        """Pages that render the article with JavaScript: read the markup from the script
        string that holds it, with the span of every character in the file."""
        from gxlint.readers import _html_tree  # lazy: html5lib (see read)

        for node in _walk(root):
            if not (node.is_element and node.name == "script"):
                continue
            pieces = [self.text_of(child.piece) for child in node.childNodes if child.is_text]
            if not pieces:
                continue
            markup = _shapes.script_markup(Text.join(pieces))
            if markup is None:
                continue
            tree = _html_tree.parse(markup.value)
            inner = _Reader(self.source, tree)
            inner.located = markup  # offsets of the inner tree index into markup
            inner_body = next((n for n in _walk(tree.document) if n.is_element and n.name == "body"), None)
            if inner_body is None:
                continue
            for n in _walk(tree.document):
                if n.is_element and n.name == "table":
                    parent = n.parent
                    while parent is not None:
                        if getattr(parent, "name", None) == "table":
                            inner.layout_tables.add(id(parent))
                            break
                        parent = parent.parent
            _Blocks(inner, self.document.blocks, None).run(inner_body, include_root=False)
            tree.release()
            self.document.reader_notes["script_markup"] = Span(markup.start_at(0), markup.end_at(len(markup) - 1))
            return

    def build_table(self, element) -> tuple[Table | None, list[Block]]:
        """A data table's rows and cells (rowspan/colspan expanded), plus its caption."""
        rows_el = []
        before: list[Block] = []
        for child in element.childNodes:
            if not _is_element(child):
                continue
            if child.name == "tr":
                rows_el.append(child)
            elif child.name in TABLE_PARTS:
                rows_el.extend(c for c in child.childNodes if _is_element(c) and c.name == "tr")
            elif child.name == "caption":
                _Blocks(self, before, None).run(child, include_root=False)
        rows: list[list[Cell]] = []
        busy: list[int] = []  # busy[c]: first row index at which column c is free again
        width = 0
        n_rows = len(rows_el)
        for r, tr in enumerate(rows_el):
            row: list[Cell] = []
            col = 0
            for td in tr.childNodes:
                if not _is_element(td) or td.name not in ("td", "th"):
                    continue
                while col < len(busy) and busy[col] > r:
                    col += 1
                colspan = _span_value(td.attributes.get("colspan"), 1, MAX_COLSPAN)
                rowspan = _span_value(td.attributes.get("rowspan"), 1, 65534, zero=n_rows - r)
                rowspan = min(rowspan, n_rows - r)
                if col + colspan > len(busy):
                    busy.extend([0] * (col + colspan - len(busy)))
                busy[col:col + colspan] = [r + rowspan] * colspan
                paragraphs: list[Block] = []
                _Blocks(self, paragraphs, None).run(td, include_root=False)
                # one paragraph (the usual cell): its text as is, no copy
                text = paragraphs[0].text if len(paragraphs) == 1 else Text.join([p.text for p in paragraphs], "\n")
                row.append(Cell(text=text, row=r, col=col, rowspan=rowspan, colspan=colspan,
                                anchor=self.anchor_of(td)))
                col += colspan
                width = max(width, col)
            rows.append(row)
        if width < 2 or not any(len(c.text) for row in rows for c in row):
            return None, before
        rows = fold_merged_copies(rows)  # a grid that writes a merged cell in each column (pandas' to_html)
        line_texts = []
        for row in rows:
            if row:
                line_texts.append(Text.join([c.text for c in row], "\t"))
        table = Table(text=Text.join(line_texts, "\n"), rows=rows, style="html")
        return table, before


def _through(located: Text, piece: Text) -> Text:
    """A piece whose offsets index ``located.value``, mapped to ``located``'s source spans."""
    value = piece.value
    starts, ends = piece.offsets()
    size = len(located.value)
    out_starts = array("l")
    out_ends = array("l")
    for s, e in zip(starts, ends):
        s = min(max(s, 0), size - 1)
        last = min(max(e - 1, s), size - 1)
        out_starts.append(located.start_at(s))
        out_ends.append(located.end_at(last) if e > s else located.start_at(s))
    return Text._trusted(value, out_starts, out_ends)


def _compact(value: str) -> str:
    return "".join(value.split())


def _span_value(raw, default: int, limit: int, zero: int | None = None) -> int:
    if not raw:
        return default
    match = re.match(r"\s*(\d+)", raw)
    if not match:
        return default
    value = int(match.group(1)[:7])
    if value == 0:
        return max(1, zero) if zero is not None else default
    return max(1, min(value, limit))


class _Blocks:
    """Turns a subtree into paragraphs, markup headings and tables (iteratively).

    With ``container`` (one element or a list of disjoint ones), blocks inside them go to
    ``inside`` and the rest to ``out``.
    """

    def __init__(self, reader: _Reader, out: list[Block], container=None, inside: list[Block] | None = None) -> None:
        self.reader = reader
        self.out = out
        self.container = container
        members = container if isinstance(container, list) else ([container] if container is not None else [])
        self.containers = {id(c) for c in members}
        self.inside = inside
        self.target = out
        self.buffer: list[Text] = []
        self.heading = 0

    def flush(self) -> None:
        if not self.buffer:
            return
        buffer = self.buffer
        text = _collapse(buffer[0] if len(buffer) == 1 else Text.join(buffer))
        self.buffer = []
        if not len(text) or text.value.isspace():
            return
        if self.heading:
            self.target.append(Heading(text, level=0))
        else:
            self.target.append(Paragraph(text))

    def run(self, root, include_root: bool = True) -> None:
        reader = self.reader
        hidden = reader.hidden
        skip = reader.skip
        layout_tables = reader.layout_tables
        containers = self.containers
        plain = reader.located is None and not reader.crlf  # a text node's piece is its text
        buffer_text = reader.text_of
        EXIT = object()
        stack: list = [root] if include_root else list(reversed(root.childNodes))
        pop = stack.pop
        push = stack.append
        extend = stack.extend
        while stack:
            node = pop()
            if node is EXIT:
                element = pop()
                name = element.name
                if name in BLOCK_TAGS and self.buffer:
                    self.flush()
                if name in HEADING_TAGS:
                    self.heading -= 1
                if id(element) in containers:
                    self.flush()
                    self.target = self.out
                continue
            if node.is_text:
                self.buffer.append(node.piece if plain else buffer_text(node.piece))
                continue
            if not node.is_element:
                continue  # comments, doctype
            name = node.name
            key = id(node)
            if name in SKIP_TAGS or key in hidden or key in skip:
                continue
            if name == "br":
                self.flush()
                continue
            if name == "table" and key not in layout_tables and self.target is not self.out_or_none():
                table, before = reader.build_table(node)
                if table is not None:
                    self.flush()
                    self.target.extend(before)
                    self.target.append(table)
                    continue
            ends = name in BLOCK_TAGS  # something to do when the element ends
            if ends and self.buffer:
                self.flush()
            if key in containers:
                self.flush()
                self.target = self.inside
                ends = True
            if name in HEADING_TAGS:
                self.heading += 1
                ends = True
            if not ends:  # an inline element
                extend(reversed(node.childNodes))
                continue
            push(node)
            push(EXIT)
            extend(reversed(node.childNodes))
        self.flush()

    def out_or_none(self):
        # Outside the container (page chrome), tables are layout: read their cells as
        # paragraphs.  Without a container (cells, captions) every data table counts.
        return self.out if self.container is not None else None
