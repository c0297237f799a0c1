"""Plausibility of table figures for the kind of body reporting (totals family, GX207+).

Part of the totals plugin (:mod:`gxlint_plugins.totals` registers it).

* GX207 表二 规章 > 0 reported by a body that cannot make 规章 (a 镇/乡/街道, a county or a
  city district, or a department of one).  Only 国务院部门 and the governments of provinces,
  autonomous regions, municipalities, 设区的市 and 自治州 may make 规章 (立法法 arts. 91, 93).
  A 县级市 cannot either, but its name (``X市人民政府``) looks like a 设区的市's, so names
  ending in 市 are never reported; neither is any body whose kind the title does not show.
"""

from __future__ import annotations

import re
from typing import Iterator

from gxlint.plugin import Context, Diagnostic, lazy_compile, rule

# --- what kind of body a name denotes ---------------------------------------------------------

_GOV = r"(?:人民政府|政府)?"
# Levels that cannot make 规章, as the *last* administrative unit of the name.
_TOWN_RE = lazy_compile(r"(?:镇|乡|街道|苏木)(?:人民政府|政府|办事处|党委|党委政府|党委和政府)?$")
_TOWN_DEPT_RE = lazy_compile(r"(?:镇|乡|街道)(?:办事处)?.{0,12}(?:办公室|综合办|中心|站|所|办)$")
# ``区`` units that are not city districts (an autonomous region is a province).
_SPECIAL_DISTRICT = ("自治区", "新区", "开发区", "实验区", "高新区", "示范区", "园区", "经济区", "合作区", "试验区",
                     "保税区", "管理区", "风景区", "度假区", "林区", "矿区", "特区", "行政区")
_DEPT_SUFFIX = r"(?:局|委员会|委|办公室|办|中心|所|站|队|署|院)"
_COUNTY_RE = lazy_compile(rf"(?<=[\u3400-\u9fff])(?:县|旗){_GOV}$")
_COUNTY_DEPT_RE = lazy_compile(rf"(?<=[\u3400-\u9fff])(?:县|旗)(?![域级乡])(?:人民政府|政府)?[\u3400-\u9fff]{{0,14}}?{_DEPT_SUFFIX}$")
_DISTRICT_RE = lazy_compile(rf"^(?P<head>[\u3400-\u9fff]*?区){_GOV}(?P<dept>[\u3400-\u9fff]{{0,14}}?{_DEPT_SUFFIX})?$")

KIND_ZH = {"town": "乡镇、街道", "county": "县级政府", "county-department": "县级政府部门",
           "district": "市辖区政府", "district-department": "市辖区政府部门"}
KIND_EN = {"town": "a town, township or sub-district", "county": "a county government",
           "county-department": "a department of a county", "district": "a city district government",
           "district-department": "a department of a city district"}


def regulation_maker(agency: str) -> str | None:
    """The kind of a body that may NOT make 规章 (a key of :data:`KIND_ZH`), else ``None``.

    ``None`` means "may make 规章, or cannot tell": the rule stays silent then.
    """
    name = re.sub(r"[^\u3400-\u9fff]", "", agency or "")
    if len(name) < 2 or name.startswith(("我", "本")):
        return None
    if _TOWN_RE.search(name) or (_TOWN_DEPT_RE.search(name) and re.search(r"[镇乡]|街道", name)):
        return "town"
    if _COUNTY_RE.search(name):
        return "county"
    if _COUNTY_DEPT_RE.search(name):
        # 县 must be an administrative unit, not part of a word (县域…): require a place before it
        return "county-department"
    m = _DISTRICT_RE.match(name)
    if m:
        head = m.group("head")
        if head.endswith(_SPECIAL_DISTRICT) or len(head) < 2:
            return None
        return "district-department" if m.group("dept") else "district"
    return None


# --- GX207 --------------------------------------------------------------------------------------

_COLUMN_ZH = {"issued": "本年制发", "repealed": "本年废止", "in_force": "现行有效",
              "made": "本年新制作", "published": "本年新公开", "total_published": "对外公开总数量"}


@rule("GX207")
def regulations_implausible(ctx: Context) -> Iterator[Diagnostic]:
    table = ctx.tables.active
    if table is None:
        return
    cells = [(key.split(".", 1)[1], value) for key, value in table.cells.items()
             if key.startswith("regulations.") and value.number is not None]
    nonzero = [(col, v) for col, v in cells if v.number and v.number > 0 and col in _COLUMN_ZH]
    if not nonzero:
        return
    agency = ctx.facts.agency
    kind = regulation_maker(agency)
    if kind is None:
        return
    agency = re.sub(r"\s+", "", agency)
    figures_zh = "、".join(f"{_COLUMN_ZH[c]} {v.number:g}" for c, v in nonzero)
    figures_en = ", ".join(f"{_COLUMN_ZH[c]} {v.number:g}" for c, v in nonzero)
    first = nonzero[0][1]
    yield ctx.report(first.span, agency=agency, kind_zh=KIND_ZH[kind], kind_en=KIND_EN[kind],
                     figures_zh=figures_zh, figures_en=figures_en)

