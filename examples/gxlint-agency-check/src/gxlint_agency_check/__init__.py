"""AGC001 unknown-agency: the agency in the report's title is not one we publish for.

Configure the list in the project's gxlint configuration::

    [tool.gxlint.plugins.agency-check]
    agencies = ["某某市某某局", "某某市人民政府办公室"]

With no list configured the rule finds nothing.
"""

from __future__ import annotations

import re

from gxlint.plugin import hookimpl, rule

PLUGIN = "agency-check"
TITLE = re.compile(r"^\s*(?P<agency>.+?)\s*(?:（|\()?\s*\d{4}\s*年")


class AgencyCheckError(ValueError):
    pass


def agencies(settings) -> list[str]:
    table = (settings.get("plugins") or {}).get(PLUGIN) or {}
    names = table.get("agencies", [])
    if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
        raise AgencyCheckError(f"plugins.{PLUGIN}.agencies must be a list of strings")
    return names


@rule(
    "AGC001",
    name="unknown-agency",
    family="agency",
    severity="error",
    summary="The report's agency is not in the configured list",
    summary_zh="报告的机关不在配置的名单中",
    messages={
        "zh": "标题中的机关“{agency}”不在 agency-check 配置的机关名单中",
        "en": "the agency '{agency}' in the title is not in the agency-check list",
    },
    docs={
        "what": "The agency named in the title (the text before the year) is not one of the configured agencies.",
        "why": "A report copied from another agency's page keeps the other agency's name.",
        "example_bad": "某某县教育局2023年政府信息公开工作年度报告 (list: 某某市某某局)",
        "example_good": "某某市某某局2023年政府信息公开工作年度报告",
        "fix": "Correct the title, or add the agency to [tool.gxlint.plugins.agency-check] agencies.",
    },
)
def unknown_agency(ctx):
    known = agencies(ctx.settings)
    title = ctx.document.title
    if not known or title is None:
        return
    text = title.text.strip()
    match = TITLE.match(text.value)
    if match and match.group("agency") not in known:
        yield ctx.report((text, match.start("agency"), match.end("agency")), agency=match.group("agency"))


@hookimpl
def gxlint_rules():
    return [unknown_agency]


@hookimpl
def gxlint_configure(settings):
    try:
        agencies(settings)
    except AgencyCheckError as error:
        raise ValueError(str(error)) from None
