"""主题: browse guides by theme. Guides name their topics by title."""

TOPICS = [
    {"title": "户籍证件", "audience": "person", "intro": "身份证、户口、护照、驾驶证等证件的办理。"},
    {"title": "婚姻生育", "audience": "person", "intro": "结婚登记、新生儿出生医学证明和落户。"},
    {
        "title": "社会保障与就业",
        "audience": "person",
        "intro": "社会保险、社会保障卡、失业保险、就业援助和社会救助。",
    },
    {"title": "医疗卫生", "audience": "person", "intro": "医保参保、异地就医、残疾人和老年人服务。"},
    {"title": "住房和不动产", "audience": "both", "intro": "不动产登记、住房公积金提取。"},
    {"title": "教育入学", "audience": "person", "intro": "义务教育阶段入学登记。"},
    {
        "title": "开办企业与经营许可",
        "audience": "business",
        "intro": "企业和个体工商户登记、公章、发票，以及开业前需要取得的经营许可。",
    },
    {
        "title": "工程建设与环保",
        "audience": "business",
        "intro": "项目备案、规划许可、施工许可、排污和排水许可。",
    },
]
