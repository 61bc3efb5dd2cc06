"""Blank forms and filled examples for the material library, generated as PDFs and stored as Wagtail documents.

Each form is drawn the same way twice: blank, and filled with the fictional applicant of guides/demo/common.py.
A document is found again by its title and rewritten only when its bytes change, so a second load writes nothing.
"""

import io
from collections import Counter
from dataclasses import dataclass

from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.utils.file import hash_filelike

from .common import DEMO_DOMAIN, SAMPLE
from .pdf import PAGE_HEIGHT, PAGE_WIDTH, Document, text_width

MARGIN = 50
LABEL_WIDTH = 150
ROW_HEIGHT = 28
LINE_HEIGHT = 16
TEXT_SIZE = 10.5
BLANK, EXAMPLE = "空白表格", "示例样表"


@dataclass(frozen=True)
class Field:
    label: str
    sample: str
    options: str = ""  # a choice printed as □ boxes; the sample names the option ticked
    lines: int = 1


@dataclass(frozen=True)
class Form:
    material: str  # the library material this form is the blank of
    file_stem: str
    fields: tuple
    signature: str = "申请人（签名）"
    note: str = ""


def _person(role=""):
    return (
        Field(f"{role}姓名", SAMPLE["name"]),
        Field("证件类型及号码", f"居民身份证 {SAMPLE['id_number']}"),
        Field("联系电话", SAMPLE["phone"]),
    )


FORMS = (
    Form(
        "不动产登记申请书",
        "budongchan-dengji-shenqingshu",
        (
            Field("申请登记事项", "转移登记", "首次登记 转移登记 变更登记 抵押登记 注销登记"),
            Field("不动产坐落", SAMPLE["address"]),
            *_person("权利人"),
            Field("义务人名称", "临江滨江置业有限公司（演示）"),
            Field("登记原因及证明", "买卖；商品房买卖合同（网签备案号 LJ-DEMO-0001）", lines=2),
            Field("申请证书版式", "单一版", "单一版 集成版"),
        ),
        note="同一不动产单元的多个权利人应共同申请；委托代理的另附授权委托书。",
    ),
    Form(
        "授权委托书",
        "shouquan-weituoshu",
        (
            *_person("委托人"),
            Field("受托人姓名", SAMPLE["agent"]),
            Field("受托人证件号码", f"居民身份证 {SAMPLE['agent_id_number']}"),
            Field("委托事项", "代为办理不动产转移登记的申请、缴费和领证", lines=2),
            Field("委托权限", "代为申请、签署申请材料、领取办理结果", lines=2),
            Field("委托期限", "2026 年 11 月 20 日至 2027 年 2 月 19 日"),
        ),
        signature="委托人（签名）",
    ),
    Form(
        "基本养老保险待遇申领表",
        "jiben-yanglao-baoxian-daiyu-shenlingbiao",
        (
            *_person(),
            Field("出生日期", "1966 年 12 月 8 日"),
            Field("退休类别", "正常退休", "正常退休 特殊工种提前退休 因病提前退休"),
            Field("参加工作时间", "1986 年 7 月"),
            Field("最后参保单位", "临江市某某机械有限公司（演示）"),
            Field("待遇发放银行及账号", f"临江农商银行（演示） {SAMPLE['bank_account']}"),
        ),
        note="累计缴费不满15年的，可申请延长缴费或转入城乡居民基本养老保险。",
    ),
    Form(
        "失业登记表",
        "shiye-dengjibiao",
        (
            *_person(),
            Field("常住地址", SAMPLE["address"]),
            Field("原工作单位", "临江市某某贸易有限公司（演示）"),
            Field("终止劳动关系日期", "2026 年 10 月 31 日"),
            Field("失业原因", "劳动合同期满终止", "劳动合同期满终止 单位解除 本人辞职 其他"),
            Field("求职意向", "仓储物流管理，希望参加叉车操作培训", lines=2),
        ),
    ),
    Form(
        "住房公积金提取申请表",
        "zhufang-gongjijin-tiqu-shenqingbiao",
        (
            *_person("职工"),
            Field("个人公积金账号", SAMPLE["fund_account"]),
            Field("提取原因", "购买自住住房", "购买自住住房 离休、退休 租赁住房 其他"),
            Field("提取金额（元）", "86,000.00"),
            Field("收款银行及账号", f"临江农商银行（演示） {SAMPLE['bank_account']}"),
        ),
        signature="职工（签名）",
    ),
    Form(
        "个体工商户注销登记申请书",
        "getigongshanghu-zhuxiao-dengji-shenqingshu",
        (
            Field("个体工商户名称", "临江市滨江区小明便利店（演示）"),
            Field("统一社会信用代码", SAMPLE["credit_code"]),
            *_person("经营者"),
            Field("经营场所", SAMPLE["address"]),
            Field("注销原因", "经营者决定停止经营", "决定停止经营 被吊销营业执照 其他"),
            Field("债权债务清理情况", "已清理完毕，无未结清的债权债务和税款", lines=2),
        ),
        signature="经营者（签名）",
    ),
    Form(
        "中国公民出入境证件申请表",
        "chu-rujing-zhengjian-shenqingbiao",
        (
            *_person(),
            Field("户籍所在地", "临江市滨江区"),
            Field("申请证件", "往来港澳通行证", "普通护照 往来港澳通行证 往来台湾通行证"),
            Field("签注种类", "个人旅游", "团队旅游 个人旅游 探亲 商务"),
            Field("紧急联系人及电话", f"{SAMPLE['agent']} {SAMPLE['agent_phone']}"),
        ),
    ),
)


def attachments():
    """{material name: {"blank_form": title, "example": title}} for the library rows that have a form."""
    return {form.material: {"blank_form": _title(form, BLANK), "example": _title(form, EXAMPLE)} for form in FORMS}


def render(form, filled):
    """The PDF of `form`, blank or filled with the sample applicant."""
    kind = EXAMPLE if filled else BLANK
    pdf = Document(_title(form, kind))
    pdf.centred_text(64, form.material, 18)
    pdf.centred_text(86, f"临江市政务服务（演示）  {kind}", 9)
    if filled:
        pdf.text(MARGIN, 108, "以下内容均为虚构的填写示例，请按本人实际情况填写。", 9)
    y = 118
    for field in form.fields:
        y = _row(pdf, y, field, filled)
    y += 36
    pdf.text(MARGIN, y, f"{form.signature}：{SAMPLE['name'] if filled else ''}")
    pdf.text(PAGE_WIDTH - MARGIN - 170, y, "日期：2026 年 11 月 20 日" if filled else "日期：      年    月    日")
    if form.note:
        pdf.text(MARGIN, y + 32, f"说明：{form.note}", 9)
    pdf.centred_text(PAGE_HEIGHT - 40, f"本表样式仅供演示，不具法律效力  zwfw.{DEMO_DOMAIN}", 8)
    return pdf.to_bytes()


def load():
    """Create or update the forms' documents; returns how many were created, updated and left unchanged."""
    model = get_document_model()
    tally = Counter()
    for form in FORMS:
        for filled, kind in ((False, BLANK), (True, EXAMPLE)):
            data = render(form, filled)
            title = _title(form, kind)
            document = model.objects.filter(title=title).first() or model(title=title)
            if document.pk and document.file_hash == hash_filelike(io.BytesIO(data)):
                tally["unchanged"] += 1
                continue
            tally["updated" if document.pk else "created"] += 1
            document.file.save(f"{form.file_stem}-{'example' if filled else 'blank'}.pdf", ContentFile(data), False)
            document._set_document_file_metadata()
            document.save()
    return tally


def _title(form, kind):
    return f"{form.material}（{kind}）"


def _row(pdf, y, field, filled):
    """One labelled row of the form's table; returns where the next row starts."""
    value_x = MARGIN + LABEL_WIDTH
    value_width = PAGE_WIDTH - MARGIN - value_x
    if field.options:
        value = "  ".join(
            ("√" if filled and option == field.sample else "□") + option for option in field.options.split()
        )
        lines = _wrap(value, value_width - 12)
    else:
        lines = _wrap(field.sample, value_width - 12) if filled else []
    height = ROW_HEIGHT + LINE_HEIGHT * (max(field.lines, len(lines)) - 1)
    pdf.box(MARGIN, y, LABEL_WIDTH, height)
    pdf.box(value_x, y, value_width, height)
    pdf.text(MARGIN + 6, y + 18, field.label, TEXT_SIZE)
    for index, line in enumerate(lines):
        pdf.text(value_x + 6, y + 18 + index * LINE_HEIGHT, line, TEXT_SIZE)
    return y + height


def _wrap(text, width):
    """`text` cut into lines no wider than `width` points."""
    lines, line = [], ""
    for char in text:
        if text_width(line + char, TEXT_SIZE) > width:
            lines.append(line)
            line = ""
        line += char
    return [*lines, line] if line else lines
