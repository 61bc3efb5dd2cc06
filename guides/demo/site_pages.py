"""The fixed pages of the demo site: home, the guide index and the commitments board."""

SITE_NAME = "临江市政务服务办事指南"

HOME = {
    "title": SITE_NAME,
    "slug": "home",
    "intro": "查事项、看材料、知时限，一次告知，少跑快办。",
}

GUIDE_INDEX = {
    "title": "办事指南",
    "slug": "guides",
    "intro": "按部门浏览临江市各部门公布的政务服务事项办事指南。",
}

COMMITMENTS = {
    "title": "办理时限承诺公示",
    "slug": "commitments",
    "intro": "以下数据由已发布的办事指南自动汇总：承诺时限、即办件比例、压缩比、网办深度和跑动次数。",
}
