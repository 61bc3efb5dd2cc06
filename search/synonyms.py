"""Everyday words citizens type, grouped with the official terms they mean.

Each group is a set of equivalent terms: a query containing any of them also searches for the others.
Editors add groups through the 同义词 snippet, or accept a group the searches propose (a query that found nothing,
then one that found guides: search/clicks.py); these defaults always apply.
"""

import re

from guides.text import NAME_SEPARATORS

MAX_GROUP_LENGTH = 300  # Synonym.terms

DEFAULT_SYNONYM_GROUPS = (
    "开公司、注册公司、办营业执照、企业设立登记、公司设立登记、设立登记",
    "营业执照、执照",
    "公司注销、关公司、企业注销登记、注销登记",
    "公司变更、企业变更登记、变更登记",
    "个体户、个体工商户",
    "房产证、房本、产权证、不动产证、不动产权证书、不动产登记",
    "过户、房屋过户、转移登记",
    "低保、最低生活保障",
    "特困、特困人员救助供养",
    "社保、社会保险",
    "社保转移、社保关系转移、社会保险关系转移",
    "社保卡、社会保障卡",
    "医保、医疗保险、基本医疗保险",
    "养老金、养老保险、基本养老保险",
    "公积金、住房公积金",
    "失业金、失业保险金",
    "身份证、居民身份证",
    "户口、户籍",
    "户口本、户口簿、居民户口簿",
    "上户口、户口登记、出生登记",
    "迁户口、户口迁移、户籍迁移",
    "结婚证、结婚登记",
    "离婚、离婚登记",
    "出生证、出生医学证明",
    "准生证、生育登记、生育服务登记",
    "驾照、驾驶证、机动车驾驶证",
    "换驾照、驾驶证换证",
    "护照、普通护照、出入境证件",
    "港澳通行证、往来港澳通行证",
    "居住证、居住登记",
    "退休、退休审批、办理退休",
    "残疾证、残疾人证",
    "老年证、老年人优待证",
    "食品许可证、食品经营许可证",
    "健康证、健康证明",
    "无犯罪证明、无犯罪记录证明",
    "学籍、入学、义务教育入学",
    "工伤、工伤认定",
    "死亡证明、居民死亡医学证明",
    "车牌、上牌、机动车注册登记",
    "税务登记、办税、纳税",
    "发票、申领发票",
)


def as_term(query):
    """A normalised query as one synonym term: a query typed in words, or with commas, is still one term."""
    return re.sub(r"\s+", "", NAME_SEPARATORS.sub("", query))


def accepted_group(groups, failed, better):
    """Where an accepted proposal goes: (key, terms) of the first of `groups` ({key: [terms]}, the editors' groups)
    that has `better` or `failed`, with the other added; or (None, [better, failed]) for a new group (also when
    the one found would grow too long). (key, terms) unchanged when a group already has both."""
    failed, better = as_term(failed), as_term(better)
    for key, terms in groups.items():
        if failed in terms or better in terms:
            extended = list(dict.fromkeys([*terms, better, failed]))
            if len("、".join(extended)) <= MAX_GROUP_LENGTH:
                return key, extended
    return None, [better, failed]
