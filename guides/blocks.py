"""StreamField blocks for guides."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.struct_block import StructBlockValidationError


class SituationBlock(blocks.StructBlock):
    """情形: one question whose answer changes which materials are needed."""

    question = blocks.CharBlock(label=_("问题"), max_length=100)
    options = blocks.ListBlock(
        blocks.CharBlock(label=_("选项"), max_length=50),
        label=_("选项"),
        min_num=2,
        help_text=_("每个选项在本指南内不能重名；申请材料的“适用情形”填写这里的选项"),
    )

    def clean(self, value):
        value = super().clean(value)
        labels = [label.strip() for label in value["options"]]
        if len(set(labels)) != len(labels):
            raise StructBlockValidationError(block_errors={"options": ValidationError(_("同一问题的选项不能重复"))})
        return value

    class Meta:
        icon = "help"
        label = _("情形问题")
        description = _("一个问题及其选项，例如“由谁办理？本人办理／委托代理人办理”")
        preview_value = {"question": "由谁办理？", "options": ["本人办理", "委托代理人办理"]}
