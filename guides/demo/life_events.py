"""一件事一次办: life events as step-by-steps of guides. Guides are named by their exact titles.

Each row's `logic` says how it joins the row before (guides.steps): "number" starts the next step, "and" is
needed in the same step as well, "or" is an alternative within the same step. Deadlines count from the
event's `event_name` (出生登记: within a month of the birth, 户口登记条例 第七条; 参保: within 90 days).
"""

LIFE_EVENTS = [
    {
        "title": "新生儿出生一件事",
        "audience": "person",
        "event_name": "孩子出生",
        "intro": "孩子出生后，出生医学证明、落户、医保参保、社保卡申领一次申请、并联办理，"
        "父母在“临江政务”App填一张表，结果统一邮寄到家。",
        "bundle": [
            {"guide": "出生医学证明签发", "logic": "number", "note": "出院前在出生医院办理，信息共享给后续事项"},
            {
                "guide": "出生登记",
                "logic": "number",
                "note": "凭电子出生医学证明网上申报，户口簿本人页邮寄",
                "deadline_amount": 1,
                "deadline_unit": "month",
            },
            {
                "guide": "城乡居民基本医疗保险参保登记",
                "logic": "number",
                "note": "出生90天内参保缴费，自出生之日起享受待遇",
                "deadline_amount": 90,
                "deadline_unit": "day",
            },
            {"guide": "社会保障卡申领", "logic": "and", "note": "落户后自动发起首次申领，卡片邮寄到家"},
        ],
    },
    {
        "title": "开办餐饮店一件事",
        "audience": "business",
        "event_name": "领取营业执照",
        "intro": "开一家餐馆需要的营业执照、食品经营许可、消防检查、排水许可、户外招牌等事项，"
        "一张表单申报、一个窗口受理，符合告知承诺条件的当场发证。",
        "bundle": [
            {"guide": "个体工商户设立登记", "logic": "number", "note": "以个体工商户形式经营的办理"},
            {"guide": "企业设立登记（有限责任公司）", "logic": "or", "note": "以公司形式开办的办理"},
            {"guide": "公章刻制备案", "logic": "number", "note": "首套印章免费刻制", "optional": True},
            {"guide": "发票领用", "logic": "and", "note": "登记后即可获得数电发票开票额度"},
            {"guide": "食品经营许可（新办）", "logic": "number", "note": "从事餐饮服务必须取得，开业前办妥"},
            {
                "guide": "公众聚集场所投入使用、营业前消防安全检查",
                "logic": "number",
                "note": "营业面积较大的餐饮场所在营业前办理",
                "optional": True,
            },
            {
                "guide": "城镇污水排入排水管网许可",
                "logic": "and",
                "note": "向市政管网排放餐饮污水的办理，实行告知承诺",
                "optional": True,
            },
            {
                "guide": "户外广告设施设置审批",
                "logic": "and",
                "note": "设置店招以外的户外广告设施时办理",
                "optional": True,
            },
        ],
    },
    {
        "title": "退休一件事",
        "audience": "person",
        "event_name": "退休",
        "intro": (
            "临近退休时，把养老保险关系归集、退休和养老金申领、公积金提取、异地就医备案和老年人优待证一并办好，"
            "少跑腿、不遗漏。"
        ),
        "bundle": [
            {
                "guide": "社会保险关系转移接续（企业职工基本养老保险）",
                "logic": "number",
                "note": "在多地参保的，退休前将养老保险关系归集到待遇领取地",
                "optional": True,
            },
            {
                "guide": "企业职工退休及基本养老金申领",
                "logic": "number",
                "note": "达到退休年龄的，由单位或本人申请办理退休，次月起按月领取基本养老金",
            },
            {
                "guide": "住房公积金提取（离休、退休）",
                "logic": "number",
                "note": "退休后可一次性提取住房公积金账户余额并销户",
                "optional": True,
            },
            {
                "guide": "异地就医备案",
                "logic": "number",
                "note": "退休后到外地随子女居住的，办理异地长期居住备案",
                "optional": True,
            },
            {"guide": "老年人优待证办理", "logic": "and", "note": "年满60周岁即可申领"},
        ],
    },
]
