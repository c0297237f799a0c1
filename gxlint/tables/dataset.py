"""``gxlint --show-tables --format csv`` / ``jsonl``: every recognised cell, long form.

One row per cell of the three standard tables of every file, so a province's figures
load into pandas or a spreadsheet in one step.  Columns:

=============  ========================================================================
``path``       the file as given on the command line
``agency``     the agency, from the report's title
``year``       the report year, from the title (else the statistics period)
``table``      ``active`` (表二), ``requests`` (表三) or ``appeals`` (表四)
``row_key``    canonical row key (``received``, ``refused.state_secret``, ``review``)
``column_key`` canonical column key (``natural_person``, ``total``, ``in_force``)
``value``      the number read; empty (CSV) / null (JSON) when the cell is blank or
               could not be read as a number
``raw_text``   the cell as written (``00``, ``/``, ``1?``, empty for a blank cell)
``line``       1-based line of the cell in the file
``column``     1-based column of the cell
``template``   the table's layout, ``2021`` or ``2019`` (keys differ between them)
``problem``    why the cell is not a clean number (``blank``, ``slash``,
               ``leading-zero``, ``not-a-number`` …), empty when it is
=============  ========================================================================

Keys are those of :mod:`gxlint.tables.templates`.  A value is kept when its intended
number is clear (``00`` → 0, ``1?`` → 1) and ``problem`` says the cell was malformed.
"""

from __future__ import annotations

import csv
import json
from typing import Any, Iterable, Iterator, TextIO

COLUMNS = ("path", "agency", "year", "table", "row_key", "column_key", "value", "raw_text", "line", "column",
           "template", "problem")


def records(facts_list: Iterable[Any]) -> Iterator[dict[str, Any]]:
    for facts in facts_list:
        for cell in facts.cells:
            yield {
                "path": facts.path, "agency": facts.agency, "year": facts.year, "table": cell.table,
                "row_key": cell.row_key, "column_key": cell.column_key, "value": cell.value,
                "raw_text": cell.raw_text, "line": cell.line, "column": cell.column,
                "template": facts.templates.get(cell.table, ""), "problem": cell.problem,
            }


def write_csv(facts_list: Iterable[Any], stream: TextIO) -> None:
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    for record in records(facts_list):
        writer.writerow(["" if record[c] is None else record[c] for c in COLUMNS])


def write_jsonl(facts_list: Iterable[Any], stream: TextIO) -> None:
    for record in records(facts_list):
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")
