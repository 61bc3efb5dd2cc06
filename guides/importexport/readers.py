"""Reading an implementation-list file (XLSX, CSV or JSON) into rows of raw cells, keyed by column key.

Everything about the file itself is checked here: size, emptiness, format, text encoding, sheets and headers.
A file that fails these checks is refused whole (ImportRefused). Cell values are read in parse.py.
"""

import csv
import io
import json
import zipfile
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .columns import TABLES
from .formulas import restore
from .problems import ImportRefused, Location, Problem, refuse

MAX_BYTES = 5 * 1024 * 1024
MAX_ROWS = 20000
FORMATS = ("xlsx", "csv", "json")
RECORD_TYPE = "记录类型"


@dataclass(frozen=True)
class Row:
    location: str
    values: dict


@dataclass
class Tables:
    """Rows per table ("guides", "materials", "fees"), plus notes about how the file was read."""

    rows: dict = field(default_factory=lambda: {name: [] for name in TABLES})
    notes: list = field(default_factory=list)


def format_of(filename, fmt=None):
    fmt = (fmt or filename.rsplit(".", 1)[-1]).lower()
    if fmt not in FORMATS:
        refuse(_("不支持的文件类型「%(type)s」：请上传 .xlsx、.csv 或 .json 文件") % {"type": fmt})
    return fmt


def read(data, filename, fmt=None):
    """Tables from the bytes of an uploaded or local file."""
    fmt = format_of(filename, fmt)
    if len(data) > MAX_BYTES:
        refuse(_("文件超过 %(mb)s MB，请分批导入") % {"mb": MAX_BYTES // (1024 * 1024)})
    if not data.strip():
        refuse(_("文件是空的"))
    tables = {"xlsx": _read_xlsx, "csv": _read_csv, "json": _read_json}[fmt](data)
    if not tables.rows["guides"]:
        refuse(_("文件中没有任何事项"))
    return tables


def _check_row_count(count):
    if count > MAX_ROWS:
        refuse(_("行数超过 %(max)s 行，请分批导入") % {"max": MAX_ROWS})


def _header_map(headers, columns, where):
    """{position: column key} for a header row; refuses unknown, duplicate or missing columns."""
    by_header = {column.header: column for column in columns}
    problems, keys = [], {}
    for position, header in enumerate(headers):
        header = str(header or "").strip()
        if not header:
            continue
        if header not in by_header:
            problems.append(Problem(where, _("未知的列「%(header)s」") % {"header": header}))
        elif by_header[header].key in keys.values():
            problems.append(Problem(where, _("列「%(header)s」出现了两次") % {"header": header}))
        else:
            keys[position] = by_header[header].key
    missing = [column.header for column in columns if column.key not in keys.values()]
    if missing:
        problems.append(Problem(where, _("缺少列：%(columns)s") % {"columns": "、".join(missing)}))
    if problems:
        raise ImportRefused(problems)
    return keys


def _row_values(cells, keys):
    """A tabular row's cells by column key, each as the text it stands for (formulas.restore)."""
    return {key: restore(cells[position]) if position < len(cells) else None for position, key in keys.items()}


def _is_empty(cells):
    return all(cell is None or not str(cell).strip() for cell in cells)


def _read_xlsx(data):
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, OSError):
        refuse(_("无法作为 Excel 文件（.xlsx）打开：文件已损坏或不是 .xlsx 格式"))
    tables = Tables()
    missing = [sheet for sheet, _columns in TABLES.values() if sheet not in workbook.sheetnames]
    if missing:
        refuse(_("缺少工作表：%(sheets)s") % {"sheets": "、".join(missing)})
    width = max(len(columns) for _sheet, columns in TABLES.values()) + 20
    for table_number, (name, (sheet, columns)) in enumerate(TABLES.items()):
        rows = workbook[sheet].iter_rows(values_only=True, max_col=width)
        header = next(rows, None) or ()
        keys = _header_map(header, columns, _("「%(sheet)s」表第 1 行") % {"sheet": sheet})
        for number, cells in enumerate(rows, start=2):
            _check_row_count(number - 1)
            if not _is_empty(cells):
                text = _("「%(sheet)s」表第 %(row)s 行") % {"sheet": sheet, "row": number}
                tables.rows[name].append(Row(Location(text, (table_number, number)), _row_values(cells, keys)))
    workbook.close()
    return tables


def _decode_csv(data, tables):
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        refuse(_("无法识别文件的文字编码：请在 Excel 中另存为“CSV UTF-8（逗号分隔）”"))
    tables.notes.append(_("文件按 GBK（GB18030）编码读取，这是 Excel 中文版保存 CSV 的默认编码"))
    return text


def _read_csv(data):
    tables = Tables()
    reader = csv.reader(io.StringIO(_decode_csv(data, tables), newline=""))
    try:
        header = next(reader, [])
        type_position = [cell.strip() for cell in header].index(RECORD_TYPE) if RECORD_TYPE in header else None
        if type_position is None:
            refuse(_("第 1 行缺少列「%(column)s」（填写 事项、材料 或 收费）") % {"column": RECORD_TYPE})
        _check_csv_headers(header)
        types = {sheet: name for name, (sheet, _columns) in TABLES.items()}
        key_maps = {name: _csv_keys(header, columns, type_position) for name, (_sheet, columns) in TABLES.items()}
        problems = []
        for number, cells in enumerate(reader, start=2):
            _check_row_count(number - 1)
            if _is_empty(cells):
                continue
            location = Location(_("第 %(row)s 行") % {"row": number}, (number,))
            kind = cells[type_position].strip() if type_position < len(cells) else ""
            if kind not in types:
                problems.append(
                    Problem(location, _("记录类型应为 事项、材料 或 收费，现为「%(value)s」") % {"value": kind})
                )
                continue
            tables.rows[types[kind]].append(Row(location, _row_values(cells, key_maps[types[kind]])))
    except csv.Error as error:
        refuse(_("CSV 格式错误：%(error)s") % {"error": error})
    if problems:
        raise ImportRefused(problems)
    return tables


def _csv_keys(header, columns, type_position):
    """The positions of one record type's columns in the shared CSV header (other tables' columns ignored)."""
    own = {column.header for column in columns}
    cleaned = [cell if cell.strip() in own else "" for cell in header]
    return _header_map(cleaned, columns, _("第 1 行"))


def _check_csv_headers(header):
    known = {column.header for _sheet, table in TABLES.values() for column in table} | {RECORD_TYPE}
    unknown = [cell.strip() for cell in header if cell.strip() and cell.strip() not in known]
    if unknown:
        refuse(_("第 1 行有未知的列：%(columns)s") % {"columns": "、".join(f"「{cell}」" for cell in unknown)})


def _read_json(data):
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        refuse(_("不是有效的 JSON（UTF-8）文件：%(error)s") % {"error": error})
    if not isinstance(document, dict) or not isinstance(document.get("guides"), list):
        refuse(_('JSON 文件应为 {"guides": [...]} 的形式'))
    _check_row_count(len(document["guides"]))
    tables, problems = Tables(), []
    for number, guide in enumerate(document["guides"], start=1):
        location = Location(_("第 %(number)s 条事项") % {"number": number}, (number,))
        if not isinstance(guide, dict):
            problems.append(Problem(location, _("应为一个对象")))
            continue
        children = {name: guide.get(name, []) for name in ("materials", "fees")}
        fields = {key: value for key, value in guide.items() if key not in children}
        problems += _json_row(tables, "guides", location, fields)
        for table_number, (name, label) in enumerate((("materials", _("材料")), ("fees", _("收费项目"))), start=1):
            if not isinstance(children[name], list):
                problems.append(Problem(location, _("“%(key)s”应为列表") % {"key": name}))
                continue
            _check_row_count(len(tables.rows[name]) + len(children[name]))
            for index, child in enumerate(children[name], start=1):
                text = _("%(guide)s的第 %(index)s 项%(label)s") % {"guide": location, "index": index, "label": label}
                where = Location(text, (number, table_number, index))
                if not isinstance(child, dict):
                    problems.append(Problem(where, _("应为一个对象")))
                    continue
                problems += _json_row(tables, name, where, {**child, "guide": guide.get("item_code")})
    if problems:
        raise ImportRefused(problems)
    return tables


def _json_row(tables, name, location, values):
    columns = TABLES[name][1]
    known = {column.key for column in columns}
    problems = [Problem(location, _("未知的字段「%(key)s」") % {"key": key}) for key in values if key not in known]
    tables.rows[name].append(Row(location, {key: values.get(key) for key in known}))
    return problems
