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
