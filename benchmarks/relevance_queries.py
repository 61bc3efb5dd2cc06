"""Labelled queries for benchmarks/relevance.py, on the demo content (`manage.py load_demo`).

Each entry: (kind, what a citizen types, the guide titles that are a right answer). Kinds: everyday words,
pinyin, initials, typos (mostly homophones), traditional characters, several words.
"""

COMPANY = "企业设立登记（有限责任公司）"
SOLE_TRADER = "个体工商户设立登记"
FIRST_PROPERTY = "不动产首次登记（国有建设用地上房屋所有权）"
MORTGAGE = "不动产抵押登记（首次）"
RESALE = "不动产转移登记（二手房买卖）"
ID_CARD = "居民身份证换领（有效期满）"
HOUSEHOLD_MOVE = "户口迁移（市内迁入）"
BIRTH_REGISTRATION = "出生登记"
DRIVING_LICENCE = "机动车驾驶证有效期满换证"
PASSPORT = "普通护照签发"
WELFARE = "最低生活保障申请"
MARRIAGE = "结婚登记（内地居民）"
BIRTH_CERTIFICATE = "出生医学证明签发"
PENSION_TRANSFER = "社会保险关系转移接续（企业职工基本养老保险）"
UNEMPLOYMENT = "失业保险金申领"
SOCIAL_CARD = "社会保障卡申领"
MEDICAL_ELSEWHERE = "异地就医备案"
MEDICAL_INSURANCE = "城乡居民基本医疗保险参保登记"
HOUSING_FUND = "住房公积金提取（租房）"
FOOD = "食品经营许可（新办）"
PHARMACY = "药品零售企业经营许可（新办）"
SCHOOL = "义务教育阶段新生入学登记"
DISABILITY = "残疾人证办理（新办）"
PROPERTY = (FIRST_PROPERTY, MORTGAGE, RESALE)

QUERIES = [
    # everyday words
    ("everyday", "开公司", (COMPANY,)),
    ("everyday", "注册公司", (COMPANY,)),
    ("everyday", "办营业执照", (COMPANY, SOLE_TRADER)),
    ("everyday", "个体户", (SOLE_TRADER,)),
    ("everyday", "关公司", ("企业注销登记",)),
    ("everyday", "换法人", ("企业变更登记",)),
    ("everyday", "开饭店", (FOOD,)),
    ("everyday", "开药店", (PHARMACY,)),
    ("everyday", "领发票", ("发票领用",)),
    ("everyday", "刻章", ("公章刻制备案",)),
    ("everyday", "消防检查", ("公众聚集场所投入使用、营业前消防安全检查",)),
    ("everyday", "开工证", ("建筑工程施工许可证核发",)),
    ("everyday", "规划证", ("建设工程规划许可证核发",)),
    ("everyday", "立项", ("企业投资项目备案",)),
    ("everyday", "广告牌", ("户外广告设施设置审批",)),
    ("everyday", "提公积金", (HOUSING_FUND,)),
    ("everyday", "房产证", (RESALE, FIRST_PROPERTY)),
    ("everyday", "二手房过户", (RESALE,)),
    ("everyday", "房屋抵押", (MORTGAGE,)),
    ("everyday", "换身份证", (ID_CARD,)),
    ("everyday", "迁户口", (HOUSEHOLD_MOVE,)),
    ("everyday", "上户口", (BIRTH_REGISTRATION,)),
    ("everyday", "换驾照", (DRIVING_LICENCE,)),
    ("everyday", "办护照", (PASSPORT,)),
    ("everyday", "低保", (WELFARE,)),
    ("everyday", "临时救助", ("临时救助申请",)),
    ("everyday", "结婚证", (MARRIAGE,)),
    ("everyday", "出生证", (BIRTH_CERTIFICATE,)),
    ("everyday", "老年证", ("老年人优待证办理",)),
    ("everyday", "残疾证", (DISABILITY,)),
    ("everyday", "社保转移", (PENSION_TRANSFER,)),
    ("everyday", "失业金", (UNEMPLOYMENT,)),
    ("everyday", "社保卡", (SOCIAL_CARD,)),
    ("everyday", "医保参保", (MEDICAL_INSURANCE,)),
    ("everyday", "身份证", (ID_CARD,)),
    # pinyin
    ("pinyin", "shebao", (PENSION_TRANSFER, SOCIAL_CARD)),
    ("pinyin", "dibao", (WELFARE,)),
    ("pinyin", "huzhao", (PASSPORT,)),
    ("pinyin", "gongjijin", (HOUSING_FUND,)),
    ("pinyin", "shenfenzheng", (ID_CARD,)),
    ("pinyin", "jiehun", (MARRIAGE,)),
    ("pinyin", "kaigongsi", (COMPANY,)),
    ("pinyin", "fapiao", ("发票领用",)),
    ("pinyin", "kezhang", ("公章刻制备案",)),
    ("pinyin", "qian hukou", (HOUSEHOLD_MOVE,)),
    # initials
    ("initials", "bdcdj", PROPERTY),
    ("initials", "sfz", (ID_CARD,)),
    ("initials", "gjj", (HOUSING_FUND,)),
    ("initials", "sbk", (SOCIAL_CARD,)),
    ("initials", "jhdj", (MARRIAGE,)),
    ("initials", "yyzz", (COMPANY, SOLE_TRADER)),
    ("initials", "sgxkz", ("建筑工程施工许可证核发",)),
    # typos
    ("typo", "房产正", (RESALE, FIRST_PROPERTY)),
    ("typo", "身分证", (ID_CARD,)),
    ("typo", "公积金提去", (HOUSING_FUND,)),
    ("typo", "护找", (PASSPORT,)),
    ("typo", "低报", (WELFARE,)),
    ("typo", "营业执找", (COMPANY, SOLE_TRADER)),
    ("typo", "结婚登计", (MARRIAGE,)),
    ("typo", "残疾正", (DISABILITY,)),
    # traditional characters
    ("traditional", "護照", (PASSPORT,)),
    ("traditional", "結婚登記", (MARRIAGE,)),
    ("traditional", "營業執照", (COMPANY, SOLE_TRADER)),
    ("traditional", "身份證", (ID_CARD,)),
    ("traditional", "醫保", (MEDICAL_INSURANCE, MEDICAL_ELSEWHERE)),
    ("traditional", "戶口遷移", (HOUSEHOLD_MOVE,)),
    ("traditional", "駕駛證", (DRIVING_LICENCE,)),
    # several words
    ("several words", "二手房 过户", (RESALE,)),
    ("several words", "身份证 到期 换", (ID_CARD,)),
    ("several words", "公积金 租房 提取", (HOUSING_FUND,)),
    ("several words", "新生儿 上户口", (BIRTH_REGISTRATION,)),
    ("several words", "开餐饮店 许可", (FOOD,)),
    ("several words", "外地 看病 备案", (MEDICAL_ELSEWHERE,)),
    ("several words", "失业 领钱", (UNEMPLOYMENT,)),
    ("several words", "怎么办理结婚登记", (MARRIAGE,)),
    ("several words", "孩子 出生 证明", (BIRTH_CERTIFICATE,)),
    ("several words", "公司 改名字", ("企业变更登记",)),
    ("several words", "小孩 上学 报名", (SCHOOL,)),
]
