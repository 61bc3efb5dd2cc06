"""Turning the raw rows of a file into guide records, reporting every cell that cannot be read."""

import re

from django.utils.translation import gettext as _

from .columns import ADDED_LATER, TABLES, CellError, to_value
from .problems import Problem
from .records import GuideRecord

SCIENTIFIC = re.compile(r"^\d+(\.\d+)?e[+-]?\d+$", re.IGNORECASE)


def _convert(row, columns):
    values, problems = {}, []
    for column in columns:
        if column.key in ADDED_LATER and column.key not in row.values:
            continue  # a file written before the column existed (plan.py keeps the guide's value)
        try:
            values[column.key] = to_value(column, row.values.get(column.key))
        except CellError as error:
            problems.append(Problem(row.location, str(error), column.header))
    code = values.get("item_code") or values.get("guide") or ""
    if SCIENTIFIC.match(code):
        problems.append(
            Problem(
                row.location,
                _("「%(code)s」像是被 Excel 转成了科学计数法：请把这一列设为“文本”后重新填写事项编码") % {"code": code},
                TABLES["guides"][1][0].header,
            )
        )
    return values, problems


def parse(tables):
    """(records, problems) from Tables: one record per guide row, with its material and fee rows attached."""
    records, problems = {}, []
    sheet = TABLES["guides"][0]
    for row in tables.rows["guides"]:
        values, row_problems = _convert(row, TABLES["guides"][1])
        problems += row_problems
        code = values.get("item_code")
        if not code:
            continue
        if code in records:
            message = _("事项编码「%(code)s」重复，已在%(first)s出现") % {"code": code, "first": records[code].location}
            problems.append(Problem(row.location, message, TABLES["guides"][1][0].header))
            continue
        records[code] = GuideRecord(fields=values, location=row.location, complete=not row_problems)
    for name in ("materials", "fees"):
        for row in tables.rows[name]:
            values, row_problems = _convert(row, TABLES[name][1])
            problems += row_problems
            code = values.pop("guide", "")
            if code and code not in records:
                message = _("事项编码「%(code)s」在「%(sheet)s」中没有对应的事项") % {"code": code, "sheet": sheet}
                problems.append(Problem(row.location, message, TABLES[name][1][0].header))
            elif code:
                record = records[code]
                getattr(record, name).append(values)
                getattr(record, f"{name[:-1]}_locations").append(row.location)
                record.complete = record.complete and not row_problems
    return list(records.values()), problems
