"""``gxlint --show-tables``: the recognised tables as JSON or as rich tables."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from gxlint.analysis import analyse
from gxlint.tables.templates import APPEAL_GROUPS, template_for
from gxlint.tables.describe import describe, problem_record

if TYPE_CHECKING:  # pragma: no cover
    from rich.console import Console

    from gxlint.document import Document
    from gxlint.tables.model import RecognisedTable

def report_identity(document: "Document") -> tuple[str | None, str | None, int | None]:
    """(title, agency, year) as the rules see them (:attr:`Analysis.facts`)."""
    facts = analyse(document).facts
    title = document.title.text.value.strip() or None if document.title is not None else None
    agency = facts.agency if facts.agency and not facts.agency.startswith(("我", "本")) else None  # 我局 is no name
    return title, agency, facts.year


def tables_to_json(document: "Document") -> dict[str, Any]:
    title, agency, year = report_identity(document)
    tables = {}
    for table in analyse(document).tables:
        tables[table.kind] = {
            "template": table.template,
            "cells": {key: value.number for key, value in table.cells.items()},
            # what could not be aligned, each with its place (readable, never a repr)
            "problems": [problem_record(p, table, document.source) for p in table.problems],
        }
    return {
        "path": document.path,
        "report": {"title": title, "agency": agency, "year": year},
        "tables": tables,
    }


def _format(value) -> str:
    if value is None:
        return "—"
    if value.number is None:
        return f"[red]{value.problem or '?'}[/red]"
    text = str(value.number)  # exact: money keeps all its decimals (5949.088667)
    return f"[yellow]{text}[/yellow]" if value.problem else text


def _rich_table(table: "RecognisedTable"):
    # lazy: rich only for the console table; --show-tables --format json or csv needs none of it
    from rich import box
    from rich.table import Table as RichTable

    template = template_for(table)
    names = {"active": "表二 主动公开", "requests": "表三 依申请", "appeals": "表四 复议诉讼"}

    # A light box: 表三 has eight columns of CJK headers and must fit an 80-column terminal.
    out = RichTable(title=f"{names.get(table.kind, table.kind)} ({table.template})", show_lines=False,
                    box=box.SIMPLE_HEAD, collapse_padding=True, pad_edge=False)
    if table.kind == "active":
        out.add_column("信息内容", overflow="fold")
        out.add_column("values", overflow="fold")
        for spec in template.data_rows():
            row = table.rows.get(spec.key)
            cells = []
            for column in template.columns_of(spec):
                value = table.cells.get(f"{spec.key}.{column.key}")
                cells.append(f"{column.label}: {_format(value)}")
            out.add_row(spec.label if row else f"[dim]{spec.label}[/dim]", "  ".join(cells))
        return out
    columns = table.columns or [c.key for c in template.columns]
    labels = {c.key: c.label for c in template.columns + template.optional_columns}
    # The row label matters most to a reader: let it wrap instead of being cut to "一、本 …".
    out.add_column("", min_width=12, ratio=1, overflow="fold")
    short = {"public_interest": "公益组织", "legal_services": "法律服务", "legal_persons": "法人小计"}
    for key in columns:
        out.add_column(short.get(key) or labels.get(key, key), justify="right", overflow="fold")
    if table.kind == "appeals":
        for group, label in APPEAL_GROUPS:
            out.add_row(label, *[_format(table.cells.get(f"{group}.{c}")) for c in columns])
        return out
    for spec in template.rows:
        key = spec.key if spec.role == "data" else spec.subtotal
        if key is None or (spec.role != "data" and key not in table.rows):
            continue
        out.add_row(spec.label, *[_format(table.cells.get(f"{key}.{c}")) for c in columns])
    return out


def render_tables(document: "Document", console: Console) -> None:
    """Print the recognised tables, then what could not be aligned, with positions."""
    from rich.markup import escape  # lazy: see _rich_table (cell texts may hold [brackets])

    title, agency, year = report_identity(document)
    console.print(f"[bold]{document.path}[/bold]  {agency or '?'} {year or '?'}")
    found = False
    for table in analyse(document).tables:
        found = True
        console.print(_rich_table(table))
        for problem in table.problems:
            line, column = document.source.position(problem.span.start)
            text = escape(describe(problem, table, document.source))
            console.print(f"  {line}:{column} [magenta]{problem.kind}[/magenta] {text}")
        for label, span in table.signatures_2019:
            line, column = document.source.position(span.start)
            console.print(f"  {line}:{column} [magenta]2019-layout[/magenta] {label}")
        # where each flagged cell is (a blank column is one finding; its cells are here)
        flagged: dict[str, list[str]] = {}
        for key, value in table.cells.items():
            if value.problem:
                line, column = document.source.position(value.span.start)
                flagged.setdefault(value.problem, []).append(f"{line}:{column} {key}")
        for problem, places in flagged.items():
            console.print(f"  [magenta]{problem}[/magenta] ({len(places)}): {escape(', '.join(places))}")
    if not found:
        console.print("[dim]no standard tables recognised[/dim]")
