"""Fixed vocabularies of the national implementation list (see docs/glossary.md)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ItemType(models.TextChoices):
    LICENSING = "licensing", _("行政许可")
    CONFIRMATION = "confirmation", _("行政确认")
    BENEFIT = "benefit", _("行政给付")
    ADJUDICATION = "adjudication", _("行政裁决")
    REWARD = "reward", _("行政奖励")
    OTHER_POWER = "other_power", _("其他行政权力")
    PUBLIC_SERVICE = "public_service", _("公共服务")


class Audience(models.TextChoices):
    PERSON = "person", _("自然人")
    BUSINESS = "business", _("法人")
    BOTH = "both", _("自然人、法人")


class OnlineLevel(models.TextChoices):
    FULL = "full", _("全程网办")
    PARTIAL = "partial", _("部分网办")
    OFFLINE = "offline", _("仅线下办理")


class ServiceScope(models.TextChoices):
    LOCAL = "local", _("受理地办理")
    CITY = "city", _("全市通办")
    PROVINCE = "province", _("全省通办")
    NATIONAL = "national", _("跨省通办")


class MaterialForm(models.TextChoices):
    ORIGINAL = "original", _("原件")
    COPY = "copy", _("复印件")
    BOTH = "both", _("原件和复印件")


class MaterialMedium(models.TextChoices):
    PAPER = "paper", _("纸质")
    ELECTRONIC = "electronic", _("电子")
    EITHER = "either", _("纸质或电子")


class Requirement(models.TextChoices):
    REQUIRED = "required", _("必需")
    DEFERRABLE = "deferrable", _("容缺")
    OPTIONAL = "optional", _("非必需")


class MaterialSource(models.TextChoices):
    APPLICANT = "applicant", _("申请人自备")
    GOVERNMENT = "government", _("政府部门核发")
    INTERMEDIARY = "intermediary", _("中介机构出具")
    OTHER_BODY = "other_body", _("其他单位出具")
    OFFICE = "office", _("窗口领取或网上下载")


class MaterialCategory(models.TextChoices):
    IDENTITY = "identity", _("身份证明")
    HOUSEHOLD = "household", _("户籍与婚姻")
    PROPERTY = "property", _("不动产与财产")
    BUSINESS = "business", _("企业证照")
    APPLICATION = "application", _("申请表格")
    PROOF = "proof", _("证明文书")
    TECHNICAL = "technical", _("技术资料")
    PHOTO = "photo", _("照片")
