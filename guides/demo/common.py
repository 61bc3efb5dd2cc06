"""Small helpers shared by the demo guide modules, and what makes the demo's values harmless.

Every demo value that looks like a real one is fictional by construction, so that none can belong to anyone:
- phone numbers use the area code 0000, which no place in China has (national hotlines such as 12345 and
  12333 are the real ones, and meant);
- web addresses are under the reserved top-level domain .example (RFC 2606);
- the 统一社会信用代码 in item codes use the region 339001, which no county has;
- the applicant filled into the sample forms (SAMPLE) is invented: identity numbers in the region 339001,
  accounts starting with 0000, phones under 0000.
tests/guides/demo/test_demo.py checks the phones and addresses of everything the demo loads, the sample forms'
text included.
"""

DEMO_DOMAIN = "linjiang.example"
ONLINE = f"https://zwfw.{DEMO_DOMAIN}/bs/"

# 实施主体统一社会信用代码 (fictional), the first 18 characters of every item code.
CREDIT_CODES = {
    "gongan": "11339001MB1A00011K",
    "minzheng": "11339001MB1A00022D",
    "renshe": "11339001MB1A00033X",
    "yibao": "11339001MB1A00044N",
    "gongjijin": "12339001MB1A00055R",
    "ziranziyuan": "11339001MB1A00066P",
    "weijian": "11339001MB1A00077H",
    "canlian": "13339001MB1A00088C",
    "jiaoyu": "11339001MB1A00099W",
    "shichang": "11339001MB1A00101T",
    "shuiwu": "11339001MB1A00112G",
    "shengtai": "11339001MB1A00123L",
    "zhujian": "11339001MB1A00134E",
    "fagai": "11339001MB1A00145Q",
    "xiaofang": "11339001MB1A00156U",
    "jiaotong": "11339001MB1A00167Y",
    "chengguan": "11339001MB1A00178B",
    "shuili": "11339001MB1A00189J",
}

# The fictional applicant of the filled sample forms (guides/demo/documents.py).
SAMPLE = {
    "name": "王小明",
    "id_number": "339001196612080019",
    "phone": "0000-86123456",
    "address": "临江市滨江区江景路88号3幢2单元1201室",
    "agent": "李小红",
    "agent_id_number": "339001199003150026",
    "agent_phone": "0000-86654321",
    "bank_account": "0000 0000 1234 5678",
    "fund_account": "0000012345678",
    "credit_code": "92339001MA0000001X",
}

ITEM_TYPE_DIGIT = {
    "licensing": "1",
    "confirmation": "7",
    "benefit": "3",
    "other_power": "9",
    "public_service": "4",
}


BUSINESS_ITEM = "A001"


def item_code(department, item_type, serial):
    """A national-format implementation code: credit code + basic code (type + item) + business item."""
    return f"{CREDIT_CODES[department]}{ITEM_TYPE_DIGIT[item_type]}000{serial:03d}{BUSINESS_ITEM}"


def basic_code(implementation_code):
    """The catalogue's basic code (目录编码) inside an implementation code made by `item_code`."""
    return implementation_code[len(next(iter(CREDIT_CODES.values()))) : -len(BUSINESS_ITEM)]


def ask(question, *options):
    """One 情形 question in the `situations` StreamField's raw form."""
    return {"type": "situation", "value": {"question": question, "options": list(options)}}


def shared_row(notes, applies_to="", **identity):
    """A material row the office obtains itself by data sharing (免提交): electronic, nothing to bring.

    `identity` is `material=<library name>` or `name=<free name>`.
    """
    row = {**identity, "medium": "electronic", "requirement": "optional", "exempt_by_data_sharing": True}
    return {**row, "notes": notes, **({"applies_to": applies_to} if applies_to else {})}


# The two rows every guide adds when an agent may act for the applicant (option label "委托代理人办理").
BY_AGENT = [
    {"material": "授权委托书", "applies_to": "委托代理人办理"},
    {"material": "代理人居民身份证", "applies_to": "委托代理人办理"},
]
