"""A small PDF writer for the demo's forms: A4 pages of Chinese text, lines and boxes.

The Chinese font is referenced, not embedded: STSong-Light in the Adobe-GB1 character collection with the
UniGB-UCS2-H encoding is one of the standard CJK fonts of the PDF specification, which viewers draw with an
installed Chinese font (poppler and PDFium pick Noto Sans/Serif CJK SC or the system's Song face). A file is a
few kilobytes and the server needs no font file. The ToUnicode map keeps the text searchable and copyable.
Coordinates are points from the page's top-left corner, as a form is laid out on paper.
"""

import zlib

PAGE_WIDTH, PAGE_HEIGHT = 595, 842  # A4 in points
FONT_NAME = "STSong-Light"
# UniGB-UCS2-H maps U+0020–U+007E to the proportional Latin CIDs 1–95; their widths in STSong-Light's metrics
# (thousandths of an em). Every other character is one em wide.
LATIN_WIDTHS = (
    207, 270, 342, 467, 462, 797, 710, 239, 374, 374, 423, 605, 238, 375, 238, 334, 462, 462, 462, 462, 462, 462,
    462, 462, 462, 462, 238, 238, 605, 605, 605, 344, 748, 684, 560, 695, 739, 563, 511, 729, 793, 318, 312, 666,
    526, 896, 758, 772, 544, 772, 628, 465, 607, 753, 711, 972, 647, 620, 607, 374, 333, 374, 606, 500, 239, 417,
    503, 427, 529, 415, 264, 444, 518, 241, 230, 495, 228, 793, 527, 524, 524, 504, 338, 336, 277, 517, 450, 652,
    466, 452, 407, 370, 258, 370, 605,
)  # fmt: skip


def text_width(text, size):
    """The width in points of `text` at `size`."""
    return sum(LATIN_WIDTHS[ord(char) - 0x20] if 0x20 <= ord(char) < 0x7F else 1000 for char in text) * size / 1000


class Document:
    """Pages drawn one after the other; `to_bytes()` writes the PDF file."""

    def __init__(self, title):
        self.title = title
        self.pages = []
        self.new_page()

    def new_page(self):
        self.pages.append([])

    def _draw(self, operation):
        self.pages[-1].append(operation)

    def text(self, x, y, text, size=10.5):
        """Text whose baseline starts at (x, y)."""
        self._draw(f"BT /F1 {size:g} Tf {x:g} {PAGE_HEIGHT - y:g} Td <{_utf16(text)}> Tj ET")

    def centred_text(self, y, text, size):
        self.text((PAGE_WIDTH - text_width(text, size)) / 2, y, text, size)

    def line(self, x1, y1, x2, y2, width=0.6):
        self._draw(f"{width:g} w {x1:g} {PAGE_HEIGHT - y1:g} m {x2:g} {PAGE_HEIGHT - y2:g} l S")

    def box(self, x, y, width, height, line_width=0.6):
        """A rectangle whose top-left corner is (x, y)."""
        self._draw(f"{line_width:g} w {x:g} {PAGE_HEIGHT - y - height:g} {width:g} {height:g} re S")

    def to_bytes(self):
        objects = [
            "<< /Type /Catalog /Pages 2 0 R >>",
            None,  # the page tree, once the pages' numbers are known
            f"<< /Type /Font /Subtype /Type0 /BaseFont /{FONT_NAME} /Encoding /UniGB-UCS2-H "
            "/DescendantFonts [4 0 R] /ToUnicode 6 0 R >>",
            f"<< /Type /Font /Subtype /CIDFontType0 /BaseFont /{FONT_NAME} "
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> "
            f"/FontDescriptor 5 0 R /DW 1000 /W [1 [{' '.join(map(str, LATIN_WIDTHS))}]] >>",
            f"<< /Type /FontDescriptor /FontName /{FONT_NAME} /Flags 6 /FontBBox [-25 -254 1000 880] "
            "/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>",
            _stream(_identity_to_unicode()),
            f"<< /Title <{_utf16(self.title, bom=True)}> /Producer (Zhinan demo) >>",
        ]
        kids = []
        for operations in self.pages:
            objects.append(_stream("\n".join(operations).encode("ascii")))
            objects.append(
                f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE_WIDTH} {PAGE_HEIGHT}] "
                f"/Resources << /Font << /F1 3 0 R >> >> /Contents {len(objects)} 0 R >>"
            )
            kids.append(f"{len(objects)} 0 R")
        objects[1] = f"<< /Type /Pages /Kids [{' '.join(kids)}] /Count {len(kids)} >>"
        return _file(objects, info=7)


def _utf16(text, bom=False):
    if any(ord(char) > 0xFFFF for char in text):
        raise ValueError(f"UniGB-UCS2-H 不能表示「{text}」中的字符")
    return ("FEFF" if bom else "") + text.encode("utf-16-be").hex().upper()


def _identity_to_unicode():
    """A ToUnicode CMap: each two-byte code is its own UCS-2 character (one range per high byte, as the
    specification wants a range to vary only in its last byte)."""
    ranges = "\n".join(f"<{high:02X}00> <{high:02X}FF> <{high:02X}00>" for high in range(256))
    return (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
        f"256 beginbfrange\n{ranges}\nendbfrange\n"
        "endcmap CMapName currentdict /CMap defineresource pop end end"
    ).encode("ascii")


def _stream(data):
    packed = zlib.compress(data, 9)
    return b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(packed) + packed + b"\nendstream"


def _file(objects, info):
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + (body.encode("ascii") if isinstance(body, str) else body) + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        info,
        xref,
    )
    return bytes(out)
