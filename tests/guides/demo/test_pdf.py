"""The demo's PDF writer: a file every reader opens, with Chinese text that reads back."""

import io

import pytest
from pypdf import PdfReader

from guides.demo.pdf import PAGE_WIDTH, Document, text_width


def test_text_width_counts_latin_by_its_metrics_and_chinese_as_one_em():
    assert text_width("表格", 10) == 20
    assert text_width("i", 10) < text_width("W", 10) < 10


def test_a_document_reads_back_with_its_text_title_and_referenced_font():
    pdf = Document("授权委托书（空白表格）")
    pdf.centred_text(60, "授权委托书", 18)
    pdf.box(50, 80, PAGE_WIDTH - 100, 28)
    pdf.text(56, 98, "委托人：王小明 0000-86123456")
    pdf.new_page()
    pdf.text(56, 98, "第二页")
    reader = PdfReader(io.BytesIO(pdf.to_bytes()))
    assert len(reader.pages) == 2
    assert reader.metadata.title == "授权委托书（空白表格）"
    first = reader.pages[0].extract_text()
    assert "授权委托书" in first and "委托人：王小明" in first and "0000-86123456" in first
    assert "第二页" in reader.pages[1].extract_text()
    font = reader.pages[0]["/Resources"]["/Font"]["/F1"]
    assert font["/BaseFont"] == "/STSong-Light" and font["/Encoding"] == "/UniGB-UCS2-H" and "/ToUnicode" in font


def test_characters_outside_ucs2_are_refused():
    pdf = Document("表")
    with pytest.raises(ValueError, match="UniGB-UCS2-H"):
        pdf.text(10, 10, "𠀀")
