"""The standard tables 二, 三 and 四 as data (2021 layout and the outdated 2019 layout).

Everything here comes from the national format (see ``annual-report-format.md``):
every row and column with its canonical key and label, the label variants real reports
use, and the arithmetic relations R1–R5.  The recogniser and the totals rules read
these tables instead of re-deriving them.

Label patterns are regular expressions matched on the *compact matching view* of the
text (:attr:`gxlint.document.Text.compact`): Simplified characters, ASCII punctuation
``():,;``, no whitespace, pinyin annotations removed.  So ``（三）不予公開`` and
``(三) 不予公开`` both read ``(三)不予公开``; the patterns therefore only spell out what
the view does not fold: typos, truncations, older wordings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Iterable, Literal

from gxlint.lazy_pattern import lazy_compile
from gxlint.regex_cache import compile_pattern

if TYPE_CHECKING:  # pragma: no cover
    from gxlint.tables.model import RecognisedTable

ValueKind = Literal["count", "money", "signed"]


@dataclass(frozen=True)
class Column:
    """A column of a standard table: its key, label and the spellings it may be written in."""
    key: str
    label: str
    kind: ValueKind = "count"
    # header spellings (compact view) other than ``label``, e.g. wrapped ``本年新``
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class RowSpec:
    """One labelled line of a template.

    ``role`` is ``"data"`` (carries one value per column), ``"group"`` (a group label
    such as ``（三）不予公开``: no values in the official layout, but a report may give
    it a subtotal row, stored under ``subtotal``) or ``"marker"`` (a block heading such
    as ``第二十条第（一）项``: never carries values; it only bounds the previous row).

    ``patterns`` are the canonical spellings, ``variants`` the tolerated deviations
    (typos, older wordings): a match through a variant is reported as
    ``label-variant``.  ``cursor_only`` patterns are too generic to be searched out of
    order (``总计`` is also a column header).
    """

    key: str
    label: str
    patterns: tuple[str, ...]
    variants: tuple[str, ...] = ()
    role: Literal["data", "group", "marker"] = "data"
    columns: tuple[Column, ...] | None = None  # None: the table's columns
    subtotal: str | None = None  # key of a group's subtotal row, if a report has one
    cursor_only: tuple[str, ...] = ()

    @cached_property
    def regexes(self) -> tuple[tuple[re.Pattern[str], bool, bool], ...]:
        """(compiled pattern, is_variant, cursor_only) in the order to try them."""
        out = [(compile_pattern(p), False, False) for p in self.patterns]
        out += [(compile_pattern(p), True, False) for p in self.variants]
        out += [(compile_pattern(p), True, True) for p in self.cursor_only]
        return tuple(out)


@dataclass(frozen=True)
class Relation:
    """An arithmetic identity of a table, as data.

    ``axis`` says how it is instantiated:

    * ``"column"``: for every column ``c``: ``sum(left rows).c == sum(right rows).c``;
    * ``"row"``: for every data row ``r``: ``sum(r.left columns) == sum(r.right columns)``;
    * ``"group"``: for every group prefix ``g``: ``sum(g.left) == sum(g.right)`` (table 四).

    ``optional`` relations apply only when all their keys were recognised (a subtotal
    row or column that most reports do not have).
    """

    name: str
    description: str
    axis: Literal["column", "row", "group"]
    left: tuple[str, ...]
    right: tuple[str, ...]
    groups: tuple[str, ...] = ()  # for axis="group"
    optional: bool = False


@dataclass(frozen=True)
class Equation:
    """One concrete instance of a relation: ``sum(left) == sum(right)`` over cell keys."""

    relation: Relation
    left: tuple[str, ...]
    right: tuple[str, ...]

    def evaluate(self, table: "RecognisedTable") -> tuple[int | float, int | float] | None:
        """(left sum, right sum), or None when a cell is missing or not a number."""
        sums = []
        for side in (self.left, self.right):
            total: int | float = 0
            for key in side:
                number = table.number(key)
                if number is None:
                    return None
                total += number
            sums.append(total)
        return sums[0], sums[1]


@dataclass(frozen=True)
class Template:
    """A standard table's layout in one era: its rows, columns and the arithmetic between them."""
    kind: str  # "active" | "requests" | "appeals"
    layout: str  # "2021" | "2019"
    title: str
    rows: tuple[RowSpec, ...]
    columns: tuple[Column, ...] = ()
    relations: tuple[Relation, ...] = ()
    optional_columns: tuple[Column, ...] = ()

    def row(self, key: str) -> RowSpec | None:
        for spec in self.rows:
            if spec.key == key:
                return spec
        return None

    def data_rows(self) -> list[RowSpec]:
        return [r for r in self.rows if r.role == "data"]

    def columns_of(self, row: RowSpec) -> tuple[Column, ...]:
        return row.columns if row.columns is not None else self.columns

    def cell_keys(self) -> list[str]:
        """Every canonical cell key of the template, in reading order."""
        keys = []
        for row in self.data_rows():
            keys += [f"{row.key}.{c.key}" for c in self.columns_of(row)]
        return keys

    def value_kind(self, key: str) -> ValueKind:
        for row in self.rows:
            for column in self.columns_of(row) + self.optional_columns:
                if key == f"{row.key}.{column.key}" or key == f"{row.subtotal}.{column.key}":
                    return column.kind
        return "count"

    def equations(self, table: "RecognisedTable") -> list[Equation]:
        """The relations instantiated for a recognised table's rows and columns.

        Optional relations are instantiated only when their keys are present, so a
        rule can check every equation it gets.
        """
        columns = table.columns or [c.key for c in self.columns]
        out: list[Equation] = []
        for relation in self.relations:
            if relation.axis == "column":
                for column in columns:
                    left = tuple(f"{r}.{column}" for r in relation.left)
                    right = tuple(f"{r}.{column}" for r in relation.right)
                    out.append(Equation(relation, left, right))
            elif relation.axis == "row":
                for row in table.rows:
                    left = tuple(f"{row}.{c}" for c in relation.left)
                    right = tuple(f"{row}.{c}" for c in relation.right)
                    out.append(Equation(relation, left, right))
            else:
                for group in relation.groups:
                    left = tuple(f"{group}.{c}" for c in relation.left)
                    right = tuple(f"{group}.{c}" for c in relation.right)
                    out.append(Equation(relation, left, right))
        return [
            eq
            for eq in out
            if not eq.relation.optional or all(k in table.cells for k in eq.left + eq.right)
        ]


# --- building blocks ---------------------------------------------------------------------

# Numbering that may precede a label; the recogniser extends a label match backwards
# over it so the digit of ``2.重复申请`` is never read as the previous row's value.
NUMBERING_BEFORE = lazy_compile(
    r"(?:[一二三四五六七八九十]{1,2}[、.,]|\([一二三四五六七八九十]{1,2}\)|[一二三四五六七八九十]\)|\d[.、,])$"
)

# 2021 table 二 --------------------------------------------------------------------------
C_ISSUED = Column("issued", "本年制发件数")
C_REPEALED = Column("repealed", "本年废止件数")
C_IN_FORCE = Column("in_force", "现行有效件数")
C_DECISIONS = Column("decisions", "本年处理决定数量")
C_AMOUNT = Column("amount", "本年收费金额（单位：万元）", "money")


def _article(item: str) -> str:
    # 第二十条第（一）项; spaces dropped by the view; the closing 项 may be lost to pinyin.
    return rf"第二十条第\({item}\)项?"


ACTIVE_2021 = Template(
    kind="active",
    layout="2021",
    title="主动公开政府信息情况",
    rows=(
        RowSpec("article_20_1", "第二十条第（一）项", (_article("一"),), role="marker"),
        RowSpec("regulations", "规章", ("规章",), columns=(C_ISSUED, C_REPEALED, C_IN_FORCE)),
        RowSpec(
            "normative_documents",
            "行政规范性文件",
            ("行政规范性文件",),
            # the 2019 wording and the Taiwan vocabulary of converted pages
            variants=("规范性文件", "行政规范性档案", "规范性档案"),
            columns=(C_ISSUED, C_REPEALED, C_IN_FORCE),
        ),
        RowSpec("article_20_5", "第二十条第（五）项", (_article("五"),), role="marker"),
        RowSpec("licensing", "行政许可", ("行政许可",), columns=(C_DECISIONS,)),
        RowSpec("article_20_6", "第二十条第（六）项", (_article("六"),), role="marker"),
        RowSpec("penalties", "行政处罚", ("行政处罚",), columns=(C_DECISIONS,)),
        RowSpec("coercion", "行政强制", ("行政强制",), columns=(C_DECISIONS,)),
        RowSpec("article_20_8", "第二十条第（八）项", (_article("八"),), role="marker"),
        RowSpec(
            "fees",
            "行政事业性收费",
            ("行政事业性收费",),
            variants=("事业性收费",),
            columns=(C_AMOUNT,),
        ),
    ),
)

# 2019 table 二 --------------------------------------------------------------------------
C_MADE = Column("made", "本年新制作数量", variants=("本年新制作", "新制作数量"))
C_PUBLISHED = Column("published", "本年新公开数量", variants=("本年新公开", "新公开数量"))
C_TOTAL_PUBLISHED = Column("total_published", "对外公开总数量")
C_PREVIOUS = Column("previous", "上一年项目数量")
C_CHANGE = Column("change", "本年增/减", "signed")
C_DECISIONS_2019 = Column("decisions", "处理决定数量")
C_ITEMS = Column("items", "采购项目数量")
C_PROCUREMENT_AMOUNT = Column("amount", "采购总金额", "money")

_COLS_2019_1 = (C_MADE, C_PUBLISHED, C_TOTAL_PUBLISHED)
_COLS_2019_56 = (C_PREVIOUS, C_CHANGE, C_DECISIONS_2019)

ACTIVE_2019 = Template(
    kind="active",
    layout="2019",
    title="主动公开政府信息情况",
    rows=(
        RowSpec("article_20_1", "第二十条第（一）项", (_article("一"),), role="marker"),
        RowSpec("regulations", "规章", ("规章",), columns=_COLS_2019_1),
        RowSpec(
            "normative_documents",
            "规范性文件",
            ("规范性文件",),
            variants=("规范性档案",),
            columns=_COLS_2019_1,
        ),
        RowSpec("article_20_5", "第二十条第（五）项", (_article("五"),), role="marker"),
        RowSpec("licensing", "行政许可", ("行政许可",), columns=_COLS_2019_56),
        RowSpec(
            "other_services",
            "其他对外管理服务事项",
            ("其他对外管理服务事项",),
            variants=("其他对外管理服务",),
            columns=_COLS_2019_56,
        ),
        RowSpec("article_20_6", "第二十条第（六）项", (_article("六"),), role="marker"),
        RowSpec("penalties", "行政处罚", ("行政处罚",), columns=_COLS_2019_56),
        RowSpec("coercion", "行政强制", ("行政强制",), columns=_COLS_2019_56),
        RowSpec("article_20_8", "第二十条第（八）项", (_article("八"),), role="marker"),
        RowSpec(
            "fees",
            "行政事业性收费",
            ("行政事业性收费",),
            variants=("事业性收费",),
            columns=(C_PREVIOUS, C_CHANGE),
        ),
        RowSpec("article_20_9", "第二十条第（九）项", (_article("九"),), role="marker"),
        RowSpec(
            "procurement",
            "政府集中采购",
            ("政府集中采购",),
            variants=("集中采购",),
            columns=(C_ITEMS, C_PROCUREMENT_AMOUNT),
        ),
    ),
)

# Labels that exist only in the 2019 table 二 (compact view).  ``采购项目数量`` is
# often damaged (seed 001: ``采購項渴�``), so its first half counts too.
SIGNATURES_2019: tuple[tuple[str, str], ...] = (
    ("本年新制作数量", r"本年新制作(?:数量)?"),
    ("本年新公开数量", r"本年新公开(?:数量)?"),
    ("对外公开总数量", r"对外公开总数量"),
    ("上一年项目数量", r"上一年项目数量"),
    ("本年增/减", r"本年增/?减"),
    ("其他对外管理服务事项", r"其他对外管理服务事项"),
    ("第二十条第（九）项", r"第二十条第\(九\)项?"),
    ("政府集中采购", r"政府集中采购"),
    ("采购项目数量", r"采购项目数量|采购项目|采购总金额"),
)
SIGNATURE_REGEXES = tuple((label, lazy_compile(p)) for label, p in SIGNATURES_2019)

# table 三 --------------------------------------------------------------------------------
REQUEST_COLUMNS = (
    Column("natural_person", "自然人"),
    Column("commercial", "商业企业"),
    Column("research", "科研机构"),
    Column("public_interest", "社会公益组织"),
    Column("legal_services", "法律服务机构"),
    Column("other_org", "其他"),
    Column("total", "总计"),
)
APPLICANT_COLUMNS = tuple(c.key for c in REQUEST_COLUMNS[:6])
ORGANISATION_COLUMNS = APPLICANT_COLUMNS[1:]
LEGAL_PERSONS = Column("legal_persons", "法人或其他组织")


def _group(key: str, label: str, core: str, subtotal: str | None) -> RowSpec:
    return RowSpec(key, label, (core,), role="group", subtotal=subtotal)


# Sub-item labels are matched on their core words; numbering (1. / 1、) before them is
# absorbed by NUMBERING_BEFORE.
_REQUEST_ROWS_HEAD = (
    RowSpec(
        "received",
        "一、本年新收政府信息公开申请数量",
        (r"本年新收政府信息公开申请数量",),
        variants=(r"本年(?:度)?新收(?:到)?(?:政府)?信息公开申请(?:数量|数|件数)?",),
    ),
    RowSpec(
        "carried_over",
        "二、上年结转政府信息公开申请数量",
        (r"上年结转政府信息公开申请数量",),
        variants=(r"上(?:一)?年(?:度)?结转(?:政府)?信息公开申请(?:数量|数|件数)?",),
    ),
    _group("results", "三、本年度办理结果", r"本年度办理结果", None),
    RowSpec("granted", "（一）予以公开", (r"予以公开",)),
    RowSpec(
        "partly_granted",
        "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
        (r"部分公开\(区分处理的,只计这一情形,不计其他情形\)",),
        # the explanation is often shortened or lost; it is part of the label
        variants=(r"部分公开(?:\([^()]{0,30}\)?)?",),
    ),
    _group("refused", "（三）不予公开", r"不予公开", "refused"),
    RowSpec("refused.state_secret", "1.属于国家秘密", (r"属于国家秘密",), variants=(r"国家秘密",)),
    RowSpec(
        "refused.prohibited_by_law",
        "2.其他法律行政法规禁止公开",
        (r"其他法律行政法规禁止公开",),
        # 淮安 reports copy the typo 其他法律行政止公开 year to year
        variants=(r"其他法律(?:、)?行政(?:法规)?(?:禁)?止公开", r"法律行政法规禁止公开"),
    ),
    RowSpec(
        "refused.security_stability",
        "3.危及“三安全一稳定”",
        (r"危及“三安全一稳定”",),
        variants=(r"危及[\"'“”]?三安全一稳定[\"'“”]?",),
    ),
    RowSpec("refused.third_party", "4.保护第三方合法权益", (r"保护第三方合法权益",)),
    RowSpec(
        "refused.internal_affairs",
        "5.属于三类内部事务信息",
        (r"属于三类内部事务信息",),
        variants=(r"三类内部事务信息",),
    ),
    RowSpec(
        "refused.process_information",
        "6.属于四类过程性信息",
        (r"属于四类过程性信息",),
        variants=(r"四类过程性信息",),
    ),
    RowSpec(
        "refused.enforcement_files",
        "7.属于行政执法案卷",
        (r"属于行政执法案卷",),
        variants=(r"行政执法案卷",),
    ),
    RowSpec(
        "refused.query_matters",
        "8.属于行政查询事项",
        (r"属于行政查询事项",),
        variants=(r"行政查询事项",),
    ),
    _group("unavailable", "（四）无法提供", r"无法提供", "unavailable"),
    RowSpec(
        "unavailable.not_held",
        "1.本机关不掌握相关政府信息",
        (r"本机关不掌握相关政府信息",),
        variants=(r"不掌握相关政府信息",),
    ),
    RowSpec(
        "unavailable.needs_creation",
        "2.没有现成信息需要另行制作",
        (r"没有现成信息需要另行制作",),
        variants=(r"没有现成信息",),
    ),
    RowSpec(
        "unavailable.unclear",
        "3.补正后申请内容仍不明确",
        (r"补正后申请内容仍不明确",),
        variants=(r"申请内容仍不明确",),
    ),
    _group("not_processed", "（五）不予处理", r"不予处理", "not_processed"),
    RowSpec(
        "not_processed.petition",
        "1.信访举报投诉类申请",
        (r"信访举报投诉类申请",),
        variants=(r"信访举报投诉类",),
    ),
    RowSpec("not_processed.duplicate", "2.重复申请", (r"重复申请",)),
    RowSpec(
        "not_processed.publication",
        "3.要求提供公开出版物",
        (r"要求提供公开出版物",),
        variants=(r"公开出版物",),
    ),
    RowSpec(
        "not_processed.excessive",
        "4.无正当理由大量反复申请",
        (r"无正当理由大量反复申请",),
        variants=(r"大量反复申请",),
    ),
    RowSpec(
        "not_processed.reconfirm",
        "5.要求行政机关确认或重新出具已获取信息",
        (r"要求行政机关确认或重新出具已获取信息",),
        variants=(r"确认或重新出具已获取信息",),
    ),
)

_REQUEST_ROWS_OTHER_2021 = (
    _group("other", "（六）其他处理", r"其他处理", "other"),
    RowSpec(
        "other.no_correction",
        "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        (r"申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",),
        variants=(r"无正当理由逾期不补正[、,]?(?:行政机关不再处理其(?:政府信息公开)?申请)?",),
    ),
    RowSpec(
        "other.fee_unpaid",
        "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        (r"申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",),
        variants=(r"逾期未按收费通知要求缴纳费用[、,]?(?:行政机关不再处理其(?:政府信息公开)?申请)?",),
    ),
    # bare 其他 is also a column header: only with its numbering, or in order (after the
    # fee row) as a label directly followed by its numbers (labels without ordinals)
    RowSpec("other.other", "3.其他", (r"3[.、,]其他",), cursor_only=(r"其他(?=[0-9])",)),
)

_REQUEST_ROWS_TAIL = (
    RowSpec(
        "total_processed",
        "（七）总计",
        (r"\(七\)总计",),
        variants=(r"七\)总计", r"\(七\)合计"),
        cursor_only=(r"总计",),
    ),
    RowSpec(
        "carried_forward",
        "四、结转下年度继续办理",
        (r"结转下年度继续办理",),
        variants=(r"结转下(?:一)?年度(?:继续)?办理", r"转下(?:一)?年度(?:继续)?办理"),
    ),
)

_R1 = Relation(
    "R1",
    "本年新收 + 上年结转 = （七）总计 + 结转下年度",
    "column",
    ("received", "carried_over"),
    ("total_processed", "carried_forward"),
)
_R3 = Relation("R3", "总计 = 各类申请人之和", "row", ("total",), APPLICANT_COLUMNS)
_R3_LEGAL = Relation(
    "R3", "法人或其他组织 = 五类法人之和", "row", ("legal_persons",), ORGANISATION_COLUMNS, optional=True
)
_OUTCOMES_HEAD = (
    "granted",
    "partly_granted",
    "refused.state_secret",
    "refused.prohibited_by_law",
    "refused.security_stability",
    "refused.third_party",
    "refused.internal_affairs",
    "refused.process_information",
    "refused.enforcement_files",
    "refused.query_matters",
    "unavailable.not_held",
    "unavailable.needs_creation",
    "unavailable.unclear",
    "not_processed.petition",
    "not_processed.duplicate",
    "not_processed.publication",
    "not_processed.excessive",
    "not_processed.reconfirm",
)
_OTHER_2021 = ("other.no_correction", "other.fee_unpaid", "other.other")


def _subtotal_relations(other: tuple[str, ...]) -> tuple[Relation, ...]:
    groups = {
        "refused": [k for k in _OUTCOMES_HEAD if k.startswith("refused.")],
        "unavailable": [k for k in _OUTCOMES_HEAD if k.startswith("unavailable.")],
        "not_processed": [k for k in _OUTCOMES_HEAD if k.startswith("not_processed.")],
    }
    if len(other) > 1:
        groups["other"] = list(other)
    return tuple(
        Relation("R4", f"小计 {name} = 其下各项之和", "column", (name,), tuple(keys), optional=True)
        for name, keys in groups.items()
    )


REQUESTS_2021 = Template(
    kind="requests",
    layout="2021",
    title="收到和处理政府信息公开申请情况",
    rows=_REQUEST_ROWS_HEAD + _REQUEST_ROWS_OTHER_2021 + _REQUEST_ROWS_TAIL,
    columns=REQUEST_COLUMNS,
    optional_columns=(LEGAL_PERSONS,),
    relations=(
        _R1,
        Relation("R2", "（七）总计 = 各办理结果之和", "column", ("total_processed",), _OUTCOMES_HEAD + _OTHER_2021),
        _R3,
        _R3_LEGAL,
    )
    + _subtotal_relations(_OTHER_2021),
)

# 2019: （六）其他处理 is one data row, key ``other``.
REQUESTS_2019 = Template(
    kind="requests",
    layout="2019",
    title="收到和处理政府信息公开申请情况",
    rows=_REQUEST_ROWS_HEAD
    + (RowSpec("other", "（六）其他处理", (r"其他处理",)),)
    + _REQUEST_ROWS_TAIL,
    columns=REQUEST_COLUMNS,
    optional_columns=(LEGAL_PERSONS,),
    relations=(
        _R1,
        Relation("R2", "（七）总计 = 各办理结果之和", "column", ("total_processed",), _OUTCOMES_HEAD + ("other",)),
        _R3,
        _R3_LEGAL,
    )
    + _subtotal_relations(("other",)),
)

# table 四 --------------------------------------------------------------------------------
APPEAL_GROUPS = (
    ("review", "行政复议"),
    ("suit_direct", "未经复议直接起诉"),
    ("suit_after_review", "复议后起诉"),
)
APPEAL_OUTCOMES = (
    Column("upheld", "结果维持"),
    Column("corrected", "结果纠正"),
    Column("other", "其他结果"),
    Column("pending", "尚未审结"),
    Column("total", "总计"),
)
# Header labels that carry no column of their own (compact view).
APPEAL_GROUP_LABELS = (
    r"未经复议直接起诉",
    r"复议后起诉",
    r"行政复议",
    r"行政诉讼",
)
APPEAL_KEYS = tuple(f"{g}.{o.key}" for g, _ in APPEAL_GROUPS for o in APPEAL_OUTCOMES)

APPEALS = Template(
    kind="appeals",
    layout="2021",
    title="政府信息公开行政复议、行政诉讼情况",
    rows=tuple(
        RowSpec(group, label, (label,), columns=APPEAL_OUTCOMES) for group, label in APPEAL_GROUPS
    ),
    columns=APPEAL_OUTCOMES,
    relations=(
        Relation(
            "R5",
            "总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结",
            "group",
            ("total",),
            ("upheld", "corrected", "other", "pending"),
            groups=tuple(g for g, _ in APPEAL_GROUPS),
        ),
    ),
)

TEMPLATES: dict[tuple[str, str], Template] = {
    ("active", "2021"): ACTIVE_2021,
    ("active", "2019"): ACTIVE_2019,
    ("requests", "2021"): REQUESTS_2021,
    ("requests", "2019"): REQUESTS_2019,
    ("appeals", "2021"): APPEALS,
    ("appeals", "2019"): APPEALS,  # table 四 did not change
}


# How messages name each table, by canonical kind (表二 is the proactive-disclosure table).
TABLE_NUMBERS = {"active": "二", "requests": "三", "appeals": "四"}
TABLE_NAMES = {kind: f"表{number}" for kind, number in TABLE_NUMBERS.items()}
TABLE_NAMES_EN = {
    "active": "table 二 (proactive disclosure)",
    "requests": "table 三 (requests)",
    "appeals": "table 四 (reviews and lawsuits)",
}


def template(kind: str, layout: str = "2021") -> Template:
    return TEMPLATES[(kind, layout)]


def template_for(table: "RecognisedTable") -> Template:
    """The template a recognised table was read with (for rules: equations, labels)."""
    return TEMPLATES[(table.kind, table.template)]


def all_cell_keys(kind: str, layout: str = "2021") -> list[str]:
    return template(kind, layout).cell_keys()


def row_label(kind: str, key: str, layout: str = "2021") -> str:
    """The official label of a row key (``refused.third_party`` → ``4.保护第三方合法权益``)."""
    spec = template(kind, layout).row(key)
    if spec is not None:
        return spec.label
    for spec in template(kind, layout).rows:
        if spec.subtotal == key:
            return spec.label
    return key


def iter_relations(kind: str, layout: str = "2021") -> Iterable[Relation]:
    return template(kind, layout).relations
