"""Labelled queries for benchmarks/relevance.py, on the demo content (`manage.py load_demo`).

Each entry: (kind, what a citizen types, the guide titles that are a right answer). Kinds: everyday words,
pinyin, initials, typos (mostly homophones), traditional characters, several words; and, in SENTENCE_QUERIES
(written before any tuning for them, issue 16): whole sentences, situations described in everyday words, and
shorthand (initials mixed with words). When issue 16 added guides, the original queries that name a thing
(身份证, 社保卡, 公积金, 房产证, 驾驶证, 医保, shebao) gained the new guides about that thing as right answers too.
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
COMPANY_CHANGE = "企业变更登记"
COMPANY_CLOSE = "企业注销登记"
CROWD_FIRE_CHECK = "公众聚集场所投入使用、营业前消防安全检查"
EMERGENCY_AID = "临时救助申请"
ELDERLY_CARD = "老年人优待证办理"
# Guides added with issue 16.
ID_LOST = "居民身份证补领"
RESIDENCE_PERMIT = "居住证申领"
HK_MACAO = "往来港澳通行证及签注签发"
LICENCE_LOST = "机动车驾驶证补领"
DIVORCE = "离婚登记（内地居民）"
BIRTH_SERVICE = "生育登记"
OLD_AGE_ALLOWANCE = "高龄津贴申领"
MEDICAL_TRANSFER = "基本医疗保险关系转移接续"
RETIREMENT = "企业职工退休及基本养老金申领"
UNEMPLOYMENT_REGISTRATION = "失业登记"
MATERNITY = "生育津贴申领"
CARD_REPLACEMENT = "社会保障卡补领、换领"
FLEXIBLE_WORKER = "灵活就业人员参保登记"
CHRONIC_ILLNESS = "门诊慢特病待遇认定"
FUND_PURCHASE = "住房公积金提取（购买自住住房）"
FUND_RETIREMENT = "住房公积金提取（离休、退休）"
NEW_FLAT = "不动产转移登记（新建商品房）"
MORTGAGE_RELEASE = "不动产抵押注销登记"
SOLE_TRADER_CLOSE = "个体工商户注销登记"
FOOD_RENEWAL = "食品经营许可（延续）"
NEW_TAXPAYER = "新办纳税人涉税事项办理"
EMPLOYER_INSURANCE = "用人单位社会保险登记"
SPECIAL_EQUIPMENT = "特种设备使用登记"
FIRE_ACCEPTANCE = "建设工程消防验收"
ISSUE_16_GUIDES = {
    ID_LOST,
    RESIDENCE_PERMIT,
    HK_MACAO,
    LICENCE_LOST,
    DIVORCE,
    BIRTH_SERVICE,
    OLD_AGE_ALLOWANCE,
    MEDICAL_TRANSFER,
    RETIREMENT,
    UNEMPLOYMENT_REGISTRATION,
    MATERNITY,
    CARD_REPLACEMENT,
    FLEXIBLE_WORKER,
    CHRONIC_ILLNESS,
    FUND_PURCHASE,
    FUND_RETIREMENT,
    NEW_FLAT,
    MORTGAGE_RELEASE,
    SOLE_TRADER_CLOSE,
    FOOD_RENEWAL,
    NEW_TAXPAYER,
    EMPLOYER_INSURANCE,
    SPECIAL_EQUIPMENT,
    FIRE_ACCEPTANCE,
}
PROPERTY = (FIRST_PROPERTY, MORTGAGE, RESALE, NEW_FLAT, MORTGAGE_RELEASE)
HOUSING_FUNDS = (HOUSING_FUND, FUND_PURCHASE, FUND_RETIREMENT)

QUERIES = [
    # everyday words
    ("everyday", "开公司", (COMPANY,)),
    ("everyday", "注册公司", (COMPANY,)),
    ("everyday", "办营业执照", (COMPANY, SOLE_TRADER)),
    ("everyday", "个体户", (SOLE_TRADER,)),
    ("everyday", "关公司", (COMPANY_CLOSE,)),
    ("everyday", "换法人", (COMPANY_CHANGE,)),
    ("everyday", "开饭店", (FOOD,)),
    ("everyday", "开药店", (PHARMACY,)),
    ("everyday", "领发票", ("发票领用",)),
    ("everyday", "刻章", ("公章刻制备案",)),
    ("everyday", "消防检查", (CROWD_FIRE_CHECK,)),
    ("everyday", "开工证", ("建筑工程施工许可证核发",)),
    ("everyday", "规划证", ("建设工程规划许可证核发",)),
    ("everyday", "立项", ("企业投资项目备案",)),
    ("everyday", "广告牌", ("户外广告设施设置审批",)),
    ("everyday", "提公积金", HOUSING_FUNDS),
    ("everyday", "房产证", (RESALE, FIRST_PROPERTY, NEW_FLAT)),
    ("everyday", "二手房过户", (RESALE,)),
    ("everyday", "房屋抵押", (MORTGAGE,)),
    ("everyday", "换身份证", (ID_CARD,)),
    ("everyday", "迁户口", (HOUSEHOLD_MOVE,)),
    ("everyday", "上户口", (BIRTH_REGISTRATION,)),
    ("everyday", "换驾照", (DRIVING_LICENCE,)),
    ("everyday", "办护照", (PASSPORT,)),
    ("everyday", "低保", (WELFARE,)),
    ("everyday", "临时救助", (EMERGENCY_AID,)),
    ("everyday", "结婚证", (MARRIAGE,)),
    ("everyday", "出生证", (BIRTH_CERTIFICATE,)),
    ("everyday", "老年证", (ELDERLY_CARD,)),
    ("everyday", "残疾证", (DISABILITY,)),
    ("everyday", "社保转移", (PENSION_TRANSFER,)),
    ("everyday", "失业金", (UNEMPLOYMENT,)),
    ("everyday", "社保卡", (SOCIAL_CARD, CARD_REPLACEMENT)),
    ("everyday", "医保参保", (MEDICAL_INSURANCE,)),
    ("everyday", "身份证", (ID_CARD, ID_LOST)),
    # pinyin
    ("pinyin", "shebao", (PENSION_TRANSFER, SOCIAL_CARD, CARD_REPLACEMENT, FLEXIBLE_WORKER, EMPLOYER_INSURANCE)),
    ("pinyin", "dibao", (WELFARE,)),
    ("pinyin", "huzhao", (PASSPORT,)),
    ("pinyin", "gongjijin", HOUSING_FUNDS),
    ("pinyin", "shenfenzheng", (ID_CARD, ID_LOST)),
    ("pinyin", "jiehun", (MARRIAGE,)),
    ("pinyin", "kaigongsi", (COMPANY,)),
    ("pinyin", "fapiao", ("发票领用",)),
    ("pinyin", "kezhang", ("公章刻制备案",)),
    ("pinyin", "qian hukou", (HOUSEHOLD_MOVE,)),
    # initials
    ("initials", "bdcdj", PROPERTY),
    ("initials", "sfz", (ID_CARD, ID_LOST)),
    ("initials", "gjj", HOUSING_FUNDS),
    ("initials", "sbk", (SOCIAL_CARD, CARD_REPLACEMENT)),
    ("initials", "jhdj", (MARRIAGE,)),
    ("initials", "yyzz", (COMPANY, SOLE_TRADER)),
    ("initials", "sgxkz", ("建筑工程施工许可证核发",)),
    # typos
    ("typo", "房产正", (RESALE, FIRST_PROPERTY, NEW_FLAT)),
    ("typo", "身分证", (ID_CARD, ID_LOST)),
    ("typo", "公积金提去", HOUSING_FUNDS),
    ("typo", "护找", (PASSPORT,)),
    ("typo", "低报", (WELFARE,)),
    ("typo", "营业执找", (COMPANY, SOLE_TRADER)),
    ("typo", "结婚登计", (MARRIAGE,)),
    ("typo", "残疾正", (DISABILITY,)),
    # traditional characters
    ("traditional", "護照", (PASSPORT,)),
    ("traditional", "結婚登記", (MARRIAGE,)),
    ("traditional", "營業執照", (COMPANY, SOLE_TRADER)),
    ("traditional", "身份證", (ID_CARD, ID_LOST)),
    ("traditional", "醫保", (MEDICAL_INSURANCE, MEDICAL_ELSEWHERE, MEDICAL_TRANSFER)),
    ("traditional", "戶口遷移", (HOUSEHOLD_MOVE,)),
    ("traditional", "駕駛證", (DRIVING_LICENCE, LICENCE_LOST)),
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
    ("several words", "公司 改名字", (COMPANY_CHANGE,)),
    ("several words", "小孩 上学 报名", (SCHOOL,)),
]

# Whole sentences, situations and shorthand as citizens type them, labelled before search was tuned for them.
SENTENCE_QUERIES = [
    # whole sentences
    ("sentence", "身份证丢了怎么办", (ID_LOST,)),
    ("sentence", "身份证丢了去哪里补办", (ID_LOST,)),
    ("sentence", "刚买了新房子要办什么证", (NEW_FLAT,)),
    ("sentence", "开发商交房后怎么办房产证", (NEW_FLAT,)),
    ("sentence", "我要退休了去哪里申请养老金", (RETIREMENT,)),
    ("sentence", "到了退休年龄怎么领养老金", (RETIREMENT,)),
    ("sentence", "开饭店需要什么手续", (FOOD, SOLE_TRADER)),
    ("sentence", "孩子出生后要办哪些事", (BIRTH_REGISTRATION, BIRTH_CERTIFICATE)),
    ("sentence", "换工作了医保怎么转", (MEDICAL_TRANSFER,)),
    ("sentence", "从外地调到临江工作医保关系怎么转过来", (MEDICAL_TRANSFER,)),
    ("sentence", "退休了怎么把公积金取出来", (FUND_RETIREMENT,)),
    ("sentence", "买房可以用公积金吗", (FUND_PURCHASE,)),
    ("sentence", "房贷还清了怎么去掉抵押", (MORTGAGE_RELEASE,)),
    ("sentence", "社保卡丢了怎么补", (CARD_REPLACEMENT,)),
    ("sentence", "驾照丢了怎么补办", (LICENCE_LOST,)),
    ("sentence", "外地人在临江怎么办居住证", (RESIDENCE_PERMIT,)),
    ("sentence", "我想去香港旅游要办什么证", (HK_MACAO,)),
    ("sentence", "出国旅游要办什么证件", (PASSPORT,)),
    ("sentence", "我们要离婚去哪里办", (DIVORCE,)),
    ("sentence", "协议离婚需要带什么材料", (DIVORCE,)),
    ("sentence", "生孩子能领多少生育津贴", (MATERNITY,)),
    ("sentence", "被公司辞退了怎么领失业金", (UNEMPLOYMENT, UNEMPLOYMENT_REGISTRATION)),
    ("sentence", "失业了要去哪里登记", (UNEMPLOYMENT_REGISTRATION,)),
    ("sentence", "没有单位怎么自己交社保", (FLEXIBLE_WORKER,)),
    ("sentence", "家里老人八十岁了有什么补贴", (OLD_AGE_ALLOWANCE,)),
    ("sentence", "高血压糖尿病看门诊能报销吗", (CHRONIC_ILLNESS,)),
    ("sentence", "去外地看病怎么报销", (MEDICAL_ELSEWHERE,)),
    ("sentence", "个体户不干了怎么注销", (SOLE_TRADER_CLOSE,)),
    ("sentence", "食品经营许可证快到期了怎么办", (FOOD_RENEWAL,)),
    ("sentence", "新开的公司第一次怎么报税", (NEW_TAXPAYER,)),
    ("sentence", "公司刚成立要去税务局办什么", (NEW_TAXPAYER,)),
    ("sentence", "公司招了员工怎么交社保", (EMPLOYER_INSURANCE,)),
    ("sentence", "小区新装的电梯要办什么登记", (SPECIAL_EQUIPMENT,)),
    ("sentence", "房子盖好了消防验收找谁", (FIRE_ACCEPTANCE,)),
    ("sentence", "商场开业前要做消防检查吗", (CROWD_FIRE_CHECK,)),
    ("sentence", "新生儿上户口要带什么", (BIRTH_REGISTRATION,)),
    ("sentence", "宝宝的出生证明在哪里办", (BIRTH_CERTIFICATE,)),
    ("sentence", "开个小超市要办什么证", (SOLE_TRADER, FOOD)),
    ("sentence", "开一家药店需要什么条件", (PHARMACY,)),
    ("sentence", "在外地交的养老保险怎么转回来", (PENSION_TRANSFER,)),
    ("sentence", "残疾人可以办什么证", (DISABILITY,)),
    # situations described in everyday words
    ("situation", "身份证被偷了", (ID_LOST,)),
    ("situation", "买的商品房办产权证", (NEW_FLAT,)),
    ("situation", "房贷还完了", (MORTGAGE_RELEASE,)),
    ("situation", "社保卡坏了", (CARD_REPLACEMENT,)),
    ("situation", "驾驶证弄丢了", (LICENCE_LOST,)),
    ("situation", "没有本地户口孩子上学", (SCHOOL, RESIDENCE_PERMIT)),
    ("situation", "怀孕了要登记", (BIRTH_SERVICE,)),
    ("situation", "产假工资怎么领", (MATERNITY,)),
    ("situation", "自由职业者交养老保险", (FLEXIBLE_WORKER,)),
    ("situation", "老人满七十岁坐公交免费", (ELDERLY_CARD,)),
    ("situation", "慢性病门诊报销", (CHRONIC_ILLNESS,)),
    ("situation", "店铺关门了营业执照怎么处理", (SOLE_TRADER_CLOSE, COMPANY_CLOSE)),
    ("situation", "餐馆许可证到期续期", (FOOD_RENEWAL,)),
    ("situation", "工厂新装了锅炉", (SPECIAL_EQUIPMENT,)),
    ("situation", "家里生活困难能申请什么补助", (WELFARE, EMERGENCY_AID)),
    ("situation", "突发重病家里没钱了", (EMERGENCY_AID,)),
    ("situation", "搬家了户口怎么迁", (HOUSEHOLD_MOVE,)),
    ("situation", "身份证快过期了", (ID_CARD,)),
    ("situation", "二手房买卖过户流程", (RESALE,)),
    ("situation", "公司要换个地址", (COMPANY_CHANGE,)),
    ("situation", "去澳门要签注", (HK_MACAO,)),
    ("situation", "用公积金付首付", (FUND_PURCHASE,)),
    # shorthand: initials, and initials mixed with words; single everyday words the issue found wanting
    ("shorthand", "sb", (PENSION_TRANSFER, SOCIAL_CARD, CARD_REPLACEMENT)),
    ("shorthand", "sfz补办", (ID_LOST,)),
    ("shorthand", "yb转移", (MEDICAL_TRANSFER,)),
    ("shorthand", "gjj 买房提取", (FUND_PURCHASE,)),
    ("shorthand", "jsz补办", (LICENCE_LOST,)),
    ("everyday", "退休", (RETIREMENT,)),
    ("everyday", "商品房", (NEW_FLAT,)),
    ("everyday", "港澳通行证", (HK_MACAO,)),
    ("everyday", "居住证", (RESIDENCE_PERMIT,)),
]

# Held out (issue 16, third pass): written and committed before the misses above were worked on, by someone who
# had not read the guides' texts for them; never tuned on. The six misses of the set above are reported apart.
ISSUE_16_MISSES = [
    query
    for query in SENTENCE_QUERIES
    if query[1]
    in {
        "开个小超市要办什么证",
        "店铺关门了营业执照怎么处理",
        "在外地交的养老保险怎么转回来",
        "自由职业者交养老保险",
        "老人满七十岁坐公交免费",
        "没有本地户口孩子上学",
    }
]
HELD_OUT_QUERIES = [
    ("sentence", "开奶茶店要办哪些证", (FOOD, SOLE_TRADER)),
    ("sentence", "公司不想开了怎么关掉", (COMPANY_CLOSE,)),
    ("sentence", "换了城市工作养老保险怎么办", (PENSION_TRANSFER,)),
    ("sentence", "送外卖的怎么自己买社保", (FLEXIBLE_WORKER,)),
    ("sentence", "孩子要上小学了怎么报名", (SCHOOL,)),
    ("sentence", "结婚要带什么证件", (MARRIAGE,)),
    ("sentence", "护照过期了怎么重新办", (PASSPORT,)),
    ("sentence", "驾照到期了去哪里换", (DRIVING_LICENCE,)),
    ("sentence", "租房子住能不能取公积金", (HOUSING_FUND,)),
    ("sentence", "准备要二胎需要登记吗", (BIRTH_SERVICE,)),
    ("sentence", "丢了工作每个月能领多少钱", (UNEMPLOYMENT,)),
    ("sentence", "爸妈跟我去外地住看病怎么报", (MEDICAL_ELSEWHERE,)),
    ("sentence", "开公司要多少天能拿到执照", (COMPANY,)),
    ("sentence", "公司的法人代表换人了要办什么", (COMPANY_CHANGE,)),
    ("sentence", "开了个体户怎么领发票", ("发票领用",)),
    ("sentence", "刻公章要去哪里备案", ("公章刻制备案",)),
    ("situation", "开药房要什么许可", (PHARMACY,)),
    ("situation", "家里有残疾人怎么办残疾证", (DISABILITY,)),
    ("situation", "房子抵押贷款", (MORTGAGE,)),
    ("situation", "新房交钥匙后办证", (NEW_FLAT,)),
    ("situation", "孩子刚出生上医保", (MEDICAL_INSURANCE,)),
    ("situation", "社保卡消磁了读不出来", (CARD_REPLACEMENT,)),
    ("situation", "身份证到期换新证", (ID_CARD,)),
    ("situation", "家里收入低吃不上饭", (WELFARE, EMERGENCY_AID)),
    ("situation", "店门口挂广告牌", ("户外广告设施设置审批",)),
    ("situation", "饭店的污水排到下水道", ("城镇污水排入排水管网许可",)),
    ("situation", "开职业中介所", ("人力资源服务许可",)),
    ("situation", "货车跑运输要办证", ("道路货物运输经营许可",)),
    ("situation", "宾馆开业卫生许可", ("公共场所卫生许可",)),
    ("shorthand", "gjj租房提取", (HOUSING_FUND,)),
]
