"""Reading an implementation-list file (XLSX, CSV or JSON) into rows of raw cells, keyed by column key.

Everything about the file itself is checked here: size, emptiness, format, text encoding, sheets and headers.
A file that fails these checks is refused whole (ImportRefused). Cell values are read in parse.py.

Untrusted files cost bounded work (Limits: UPLOAD through the admin, ON_SERVER for the command): a file is at most
`bytes` long and a table `rows` long; an XLSX (a zip) may unpack to at most `unpacked_bytes`, checked on the sizes
the zip declares before openpyxl opens it and again while every member is read (a zip that lies about its sizes is
refused as damaged); JSON may nest only as deep as Python's parser allows. A worksheet is read by its cells, not by
the size its `<dimension>` declares.
"""

import csv
import io
import json
import zipfile
import zlib
from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from openpyxl import load_workbook

from .columns import ADDED_LATER, TABLES
from .formulas import restore
from .problems import ImportRefused, Location, Problem, refuse

MAX_ZIP_MEMBERS = 1000
MAX_LISTED_CELLS = 50
FORMATS = ("xlsx", "csv", "json")
RECORD_TYPE = "记录类型"
BOM = b"\xef\xbb\xbf"
MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much of one file an import reads: its bytes, an XLSX's bytes unpacked, the rows of one table."""

    bytes: int
    unpacked_bytes: int
    rows: int

    def megabytes(self):
        return self.bytes // MIB


# An upload through the admin, read and previewed within a web request: a city's list.
UPLOAD = Limits(bytes=5 * MIB, unpacked_bytes=50 * MIB, rows=20_000)
# A file the operator imports on the server (the import_guides command), such as a province's list: 10,000 guides
# made 8.6 MB of CSV in benchmarks/province.py, more than an upload may be.
ON_SERVER = Limits(bytes=64 * MIB, unpacked_bytes=640 * MIB, rows=400_000)


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


def read(data, filename, fmt=None, limits=UPLOAD):
    """Tables from the bytes of an uploaded or local file, read within `limits`."""
    fmt = format_of(filename, fmt)
    if len(data) > limits.bytes:
        refuse(too_large(limits))
    if not data.strip():
        refuse(_("文件是空的"))
    tables = {"xlsx": _read_xlsx, "csv": _read_csv, "json": _read_json}[fmt](data, limits)
    if not tables.rows["guides"]:
        refuse(_("文件中没有任何事项"))
    return tables


def too_large(limits):
    """The message refusing a file longer than `limits` allow."""
    return _("文件超过 %(mb)s MB，请分批导入") % {"mb": limits.megabytes()}


def _check_row_count(count, limits):
    if count > limits.rows:
        refuse(_("行数超过 %(max)s 行，请分批导入") % {"max": limits.rows})


def _header_map(headers, columns, where):
    """{position: column key} for a header row; refuses unknown, duplicate or missing columns (ADDED_LATER may be
    missing)."""
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
    missing = [column.header for column in columns if column.key not in {*keys.values(), *ADDED_LATER}]
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


def _check_unpacked_size(data, limits):
    """Refuse an XLSX that would unpack to more than `limits` allow (a zip bomb), before openpyxl opens it."""
    most = limits.unpacked_bytes
    too_large = _("Excel 文件解压后超过 %(mb)s MB（可能含有超大的单元格或隐藏内容），请检查后分批导入") % {
        "mb": most // MIB
    }
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if len(members) > MAX_ZIP_MEMBERS or sum(member.file_size for member in members) > most:
                refuse(too_large)
            # The declared sizes may lie: count what each member really unpacks to. (zipfile stops a member at its
            # declared size and then fails its checksum, so a lie ends as BadZipFile below.)
            unpacked = 0
            for member in members:
                with archive.open(member) as stream:
                    while chunk := stream.read(1024 * 1024):
                        unpacked += len(chunk)
                        if unpacked > most:
                            refuse(too_large)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, NotImplementedError, RuntimeError):
        # RuntimeError: an encrypted member; NotImplementedError: a compression zipfile cannot unpack.
        refuse(_("无法作为 Excel 文件（.xlsx）打开：文件已损坏或不是 .xlsx 格式"))


def _read_xlsx(data, limits):
    _check_unpacked_size(data, limits)
    try:
        return _xlsx_tables(data, limits)
    except ImportRefused:
        raise
    except Exception:
        # openpyxl reports a damaged part with whatever exception its parser meets (KeyError, TypeError, a
        # ParseError, …); each means the same to the person who uploaded it.
        refuse(_("无法作为 Excel 文件（.xlsx）打开：文件已损坏或不是 .xlsx 格式"))


def _xlsx_tables(data, limits):
    workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    tables = Tables()
    missing = [sheet for sheet, _columns in TABLES.values() if sheet not in workbook.sheetnames]
    if missing:
        refuse(_("缺少工作表：%(sheets)s") % {"sheets": "、".join(missing)})
    width = max(len(columns) for _sheet, columns in TABLES.values()) + 20
    for table_number, (name, (sheet, columns)) in enumerate(TABLES.items()):
        worksheet = workbook[sheet]
        # In read-only mode openpyxl stops at the rows the sheet's <dimension> declares; a file whose dimension
        # is wrong (written by another program, or on purpose) would lose every row below it without a word.
        worksheet.reset_dimensions()
        rows = worksheet.iter_rows(values_only=True, max_col=width)
        header = next(rows, None) or ()
        keys = _header_map(header, columns, _("「%(sheet)s」表第 1 行") % {"sheet": sheet})
        for number, cells in enumerate(rows, start=2):
            _check_row_count(number - 1, limits)
            if not _is_empty(cells):
                text = _("「%(sheet)s」表第 %(row)s 行") % {"sheet": sheet, "row": number}
                tables.rows[name].append(Row(Location(text, (table_number, number)), _row_values(cells, keys)))
    workbook.close()
    return tables


def _decode_csv(data, tables):
    if data.startswith(BOM):
        # The byte-order mark says UTF-8; bytes that are not (GBK rows pasted into a UTF-8 file) are kept as
        # surrogates so that _undecodable_cells can name each cell they are in.
        return data[len(BOM) :].decode("utf-8", errors="surrogateescape")
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


def _is_undecodable(text):
    return any("\udc80" <= character <= "\udcff" for character in text)


def _column_name(header, position):
    name = header[position].strip() if position < len(header) else ""
    if not name or _is_undecodable(name):
        return _("第 %(number)s 列") % {"number": position + 1}
    return name


def _undecodable_cells(text):
    """Refuse a CSV whose text has bytes that are not UTF-8, naming the row and column of each."""
    if not _is_undecodable(text):
        return
    problems, rows = [], csv.reader(io.StringIO(text, newline=""))
    header = next(rows, [])
    message = _(
        "含有不是 UTF-8 编码的文字（文件开头标明是 UTF-8，这里却像是 GBK）："
        "请在 Excel 中另存为“CSV UTF-8（逗号分隔）”后重新上传"
    )
    for number, cells in enumerate([header, *rows], start=1):
        location = Location(_("第 %(row)s 行") % {"row": number}, (number,))
        problems += [
            Problem(location, message, _column_name(header, position))
            for position, cell in enumerate(cells)
            if _is_undecodable(cell)
        ]
    if len(problems) > MAX_LISTED_CELLS:
        rest = len(problems) - MAX_LISTED_CELLS
        problems = problems[:MAX_LISTED_CELLS]
        problems.append(Problem(problems[-1].location, _("另有 %(count)s 个单元格也是这样") % {"count": rest}))
    raise ImportRefused(problems)


def _read_csv(data, limits):
    tables = Tables()
    text = _decode_csv(data, tables)
    try:
        _undecodable_cells(text)
    except csv.Error as error:
        refuse(_("CSV 格式错误：%(error)s") % {"error": error})
    reader = csv.reader(io.StringIO(text, newline=""))
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
            _check_row_count(number - 1, limits)
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


def _read_json(data, limits):
    try:
        document = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError) as error:
        refuse(_("不是有效的 JSON（UTF-8）文件：%(error)s") % {"error": error})
    except RecursionError:
        refuse(_("JSON 文件嵌套的层数太多，无法读取：实施清单只有 事项 › 材料/收费 两层"))
    if not isinstance(document, dict) or not isinstance(document.get("guides"), list):
        refuse(_('JSON 文件应为 {"guides": [...]} 的形式'))
    _check_row_count(len(document["guides"]), limits)
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
            _check_row_count(len(tables.rows[name]) + len(children[name]), limits)
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
    tables.rows[name].append(
        Row(location, {key: values.get(key) for key in known if key in values or key not in ADDED_LATER})
    )
    return problems
