"""实施主体: the city's departments that handle the demo guides."""

from .common import DEMO_DOMAIN

HOTLINE = "12345"

DEPARTMENTS = [
    {"code": "gongan", "name": "临江市公安局", "short_name": "市公安局", "enquiry_phone": "0000-86100110"},
    {"code": "minzheng", "name": "临江市民政局", "short_name": "市民政局", "enquiry_phone": "0000-86100201"},
    {
        "code": "renshe",
        "name": "临江市人力资源和社会保障局",
        "short_name": "市人力社保局",
        "enquiry_phone": "12333",
    },
    {"code": "yibao", "name": "临江市医疗保障局", "short_name": "市医保局", "enquiry_phone": "0000-86100345"},
    {
        "code": "gongjijin",
        "name": "临江市住房公积金管理中心",
        "short_name": "市公积金中心",
        "enquiry_phone": "12329",
    },
    {
        "code": "ziranziyuan",
        "name": "临江市自然资源和规划局",
        "short_name": "市自然资源规划局",
        "enquiry_phone": "0000-86100520",
    },
    {
        "code": "weijian",
        "name": "临江市卫生健康委员会",
        "short_name": "市卫生健康委",
        "enquiry_phone": "0000-86100612",
    },
    {"code": "canlian", "name": "临江市残疾人联合会", "short_name": "市残联", "enquiry_phone": "0000-86100705"},
    {"code": "jiaoyu", "name": "临江市教育局", "short_name": "市教育局", "enquiry_phone": "0000-86100810"},
    {
        "code": "shichang",
        "name": "临江市市场监督管理局",
        "short_name": "市市场监管局",
        "enquiry_phone": "0000-86100915",
        "complaint_phone": "12315",
    },
    {
        "code": "shuiwu",
        "name": "国家税务总局临江市税务局",
        "short_name": "市税务局",
        "enquiry_phone": "12366",
        "complaint_phone": "0000-86101020",
    },
    {"code": "shengtai", "name": "临江市生态环境局", "short_name": "市生态环境局", "enquiry_phone": "0000-86101130"},
    {
        "code": "zhujian",
        "name": "临江市住房和城乡建设局",
        "short_name": "市住房城乡建设局",
        "enquiry_phone": "0000-86101240",
    },
    {
        "code": "fagai",
        "name": "临江市发展和改革委员会",
        "short_name": "市发展改革委",
        "enquiry_phone": "0000-86101350",
    },
    {
        "code": "xiaofang",
        "name": "临江市消防救援支队",
        "short_name": "市消防救援支队",
        "enquiry_phone": "0000-86101119",
    },
    {"code": "jiaotong", "name": "临江市交通运输局", "short_name": "市交通运输局", "enquiry_phone": "0000-86101460"},
    {"code": "chengguan", "name": "临江市城市管理局", "short_name": "市城管局", "enquiry_phone": "0000-86101570"},
    {"code": "shuili", "name": "临江市水务局", "short_name": "市水务局", "enquiry_phone": "0000-86101680"},
]

for _ordering, _department in enumerate(DEPARTMENTS, start=1):
    _department.setdefault("complaint_phone", HOTLINE)
    _department.setdefault("website", f"https://{_department['code']}.{DEMO_DOMAIN}/")
    _department.setdefault("address", "临江市滨江区市民大道100号市民中心")
    _department["ordering"] = _ordering * 10
