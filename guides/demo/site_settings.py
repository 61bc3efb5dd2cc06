"""The demo city's site settings (站点设置): its name, phones and the footer items of a government website.

Harmless by the rule of common.py: the phone is under area code 0000, the address under .example, and the
registration numbers use the fictional region 339001 and the province abbreviation 临, which no province has.
The public address is not here: it comes from SITE_URL (bootstrap, migrate), as on any installation.
"""

from .common import DEMO_DOMAIN
from .halls import CIVIC
from .site_pages import SITE_NAME

SITE_SETTINGS = {
    "site_name": SITE_NAME,
    "city_name": "临江市",
    "hotline": "12345",
    "complaint_phone": "0000-12345678",
    "sponsor": "临江市人民政府办公室",
    "site_code": "3390010001",
    "icp_number": "临ICP备00000001号",
    "police_number": "临公网安备 33900102000001号",
    "contact": f"临江市滨江区市民大道100号 · zwfw@{DEMO_DOMAIN}",
    "default_hall": CIVIC,
}

# 热门事项置顶 (search.PopularPin) on the demo city's home page: the items its residents and businesses ask for
# most, pinned per audience by the editors, by exact guide title and in their order. The 全部 list shows both,
# alternating (the home page's own usage ranking follows them once people search).
POPULAR_PINS = {
    "person": [
        "居民身份证换领（有效期满）",
        "社会保障卡补领、换领",
        "住房公积金提取（租房）",
        "出生登记",
        "异地就医备案",
        "居住证申领",
    ],
    "business": [
        "企业设立登记（有限责任公司）",
        "企业变更登记",
        "新办纳税人涉税事项办理",
        "发票领用",
        "用人单位社会保险登记",
        "食品经营许可（新办）",
    ],
}
