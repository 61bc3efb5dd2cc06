"""材料库: materials shared by many demo guides. Guides refer to them by name."""

from .documents import attachments


def _m(name, category, source, issuing_body="", description="", electronic_certificate=False):
    return {
        "name": name,
        "category": category,
        "source": source,
        "issuing_body": issuing_body,
        "description": description,
        "electronic_certificate": electronic_certificate,
    }


GOV, SELF, OFFICE, OTHER, AGENCY = "government", "applicant", "office", "other_body", "intermediary"

MATERIALS = [
    # 身份证明
    _m("居民身份证", "identity", GOV, "公安机关", "在有效期内的居民身份证，可出示电子身份证", True),
    _m("代理人居民身份证", "identity", GOV, "公安机关", "委托他人办理时，受托人的有效居民身份证", True),
    _m("法定代表人身份证件", "identity", GOV, "公安机关", "法定代表人（负责人）的居民身份证或护照", True),
    _m("授权委托书", "proof", SELF, "", "写明委托事项、权限和期限，由委托人签名或盖章"),
    _m("社会保障卡", "identity", GOV, "人力资源社会保障部门", "实体社会保障卡或电子社保卡", True),
    _m("机动车驾驶证", "identity", GOV, "公安机关交通管理部门", "原机动车驾驶证，可使用电子驾驶证", True),
    _m("普通护照", "identity", GOV, "公安机关出入境管理机构", "原持有的普通护照"),
    # 户籍与婚姻
    _m("居民户口簿", "household", GOV, "公安机关", "户主页和本人页", True),
    _m("结婚证", "household", GOV, "婚姻登记机关", "", True),
    _m("离婚证", "household", GOV, "婚姻登记机关", "或人民法院生效的离婚判决书、调解书", True),
    _m("出生医学证明", "household", OTHER, "助产机构", "新生儿的《出生医学证明》", True),
    _m("居住证", "household", GOV, "公安机关", "在有效期内的本市居住证", True),
    _m("预防接种证", "proof", OTHER, "接种单位", "儿童预防接种证，入学时查验"),
    _m("无配偶及无禁婚亲属关系声明书", "application", OFFICE, "婚姻登记机关", "当事人在婚姻登记员面前现场签字"),
    # 照片
    _m("近期免冠彩色照片", "photo", SELF, "", "近6个月内正面免冠彩色照片，白色背景"),
    _m("二寸近期半身免冠合影照片", "photo", SELF, "", "红色背景双人合影，3张"),
    _m("出入境证件数码照片回执", "photo", OTHER, "具有资质的照相机构", "照相机构出具的带编号回执，或在受理点现场拍照"),
    # 不动产与财产
    _m("不动产权证书", "property", GOV, "不动产登记机构", "或不动产登记证明、原房屋所有权证", True),
    _m("不动产登记申请书", "application", OFFICE, "不动产登记机构", "可在窗口领取或网上填写"),
    _m("存量房买卖合同", "property", SELF, "", "经网签备案的存量房买卖合同"),
    _m("抵押合同", "property", SELF, "", "抵押人与抵押权人签订的抵押合同"),
    _m("主债权合同", "property", SELF, "", "借款合同等主债权合同"),
    _m("住房租赁合同", "property", SELF, "", "经登记备案的住房租赁合同"),
    _m("国有建设用地使用权出让合同", "property", GOV, "自然资源主管部门", "及土地出让价款缴纳凭证"),
    _m("房屋测绘报告", "technical", AGENCY, "具有测绘资质的机构", "房屋实测面积成果报告"),
    _m("建设工程竣工验收备案证明", "proof", GOV, "住房城乡建设主管部门", "", True),
    _m("完税凭证", "proof", GOV, "税务部门", "契税等税款缴纳凭证，可由税务部门共享推送", True),
    # 企业证照
    _m("营业执照", "business", GOV, "市场监督管理部门", "在有效期内的营业执照，可使用电子营业执照", True),
    _m("公司登记（备案）申请书", "application", OFFICE, "市场监督管理部门", "通过企业开办一网通办平台填报后打印"),
    _m("个体工商户登记（备案）申请书", "application", OFFICE, "市场监督管理部门"),
    _m("公司章程", "business", SELF, "", "全体股东签署的公司章程"),
    _m("股东会决议", "business", SELF, "", "依照公司章程作出的股东会决议或股东决定"),
    _m("住所（经营场所）使用证明", "property", SELF, "", "自有房产提供产权证明，租赁房屋提供租赁协议"),
    _m(
        "外国投资者主体资格证明",
        "business",
        OTHER,
        "投资者所在国主管机关",
        "经所在国公证并经中国使领馆认证或办理附加证明书",
    ),
    _m("清算报告", "business", SELF, "", "清算组出具，全体投资人签字确认"),
    _m("执业药师注册证", "proof", GOV, "药品监督管理部门", "", True),
    _m("告知承诺书", "application", OFFICE, "", "按统一格式签署，承诺符合条件并承担不实承诺的法律责任"),
    # 申请表格
    _m("居民身份证申领登记表", "application", OFFICE, "公安机关", "在受理窗口现场填写并签名"),
    _m("社会救助申请书", "application", OFFICE, "乡镇人民政府（街道办事处）", "写明家庭基本情况和申请理由"),
    _m("家庭经济状况核对授权书", "application", OFFICE, "民政部门", "共同生活家庭成员均须签字"),
    _m("食品经营许可申请书", "application", OFFICE, "市场监督管理部门"),
    _m("药品经营许可证申请表", "application", OFFICE, "药品监督管理部门"),
    _m("建筑工程施工许可证申请表", "application", OFFICE, "住房城乡建设主管部门"),
    _m("建设工程规划许可证申请表", "application", OFFICE, "自然资源和规划主管部门"),
    _m("排污许可证申请表", "application", OFFICE, "生态环境主管部门", "通过全国排污许可证管理信息平台填报"),
    _m("公共场所卫生许可申请书", "application", OFFICE, "卫生健康主管部门"),
    _m("残疾人证申请表", "application", OFFICE, "残疾人联合会"),
    _m("户外广告设施设置申请表", "application", OFFICE, "城市管理部门"),
    _m("排水许可申请表", "application", OFFICE, "城镇排水主管部门"),
    _m("道路货物运输经营申请表", "application", OFFICE, "交通运输主管部门"),
    # 证明文书
    _m("解除或终止劳动合同证明", "proof", OTHER, "用人单位", "写明解除或终止劳动合同的日期和原因"),
    _m("参保缴费凭证", "proof", GOV, "社会保险经办机构", "参保人员基本养老保险参保缴费凭证", True),
    _m("残疾评定表", "proof", OTHER, "指定评残医疗机构", "由残联指定的医疗机构评定医师填写"),
    _m("疾病诊断证明", "proof", OTHER, "二级及以上医疗机构"),
    _m("转诊转院证明", "proof", OTHER, "参保地定点医疗机构"),
    _m("机动车驾驶人身体条件证明", "proof", OTHER, "医疗机构", "县级或部队团级以上医疗机构出具，6个月内有效", True),
    _m("从业人员健康证明", "proof", OTHER, "具备资质的体检机构", "直接为顾客服务的从业人员健康合格证明", True),
    _m("中标通知书", "proof", OTHER, "招标人", "依法必须招标的项目提供；直接发包的提供直接发包批准手续"),
    _m("建筑工程施工合同", "proof", SELF, "", "建设单位与施工单位签订的施工合同"),
    _m("建设工程规划许可证", "proof", GOV, "自然资源和规划主管部门", "", True),
    _m("环境影响评价文件批复", "proof", GOV, "生态环境主管部门", "或环境影响登记表备案回执", True),
    _m("专职工作人员学历证明", "proof", SELF, "", "专职工作人员的学历证书或职业资格证书", True),
    # 技术资料
    _m("经营场所平面布局图", "technical", SELF, "", "标明功能区、设备布局和操作流程"),
    _m("建设工程设计方案总平面图", "technical", AGENCY, "具有相应资质的设计单位", "加盖设计单位出图章"),
    _m("施工图设计文件审查合格书", "technical", AGENCY, "施工图审查机构", "已实行数字化联合审图的由系统共享", True),
    _m("公共场所卫生检测报告", "technical", AGENCY, "具备资质的检测机构", "空气、微小气候、水质、采光照明等检测"),
    _m("户外广告设计效果图", "technical", SELF, "", "标明设施的位置、尺寸、材质、照明方式"),
    _m("排水管网图纸及说明", "technical", SELF, "", "内部排水管网、专用检测井、污水排放口位置和口径的图纸及说明"),
    _m("污水水质水量检测报告", "technical", AGENCY, "具备计量认证资质的检测机构"),
    _m("道路运输车辆行驶证", "proof", GOV, "公安机关交通管理部门", "拟投入车辆的机动车行驶证", True),
    # 补充（指南扩充）
    _m("中国公民出入境证件申请表", "application", OFFICE, "公安机关出入境管理机构", "可在受理点自助填表机填写"),
    _m("离婚协议书", "proof", SELF, "", "写明双方自愿离婚的意思表示以及对子女抚养、财产和债务处理的一致意见"),
    _m("基本养老保险待遇申领表", "application", OFFICE, "社会保险经办机构", "网上申领的在线填写，无需打印"),
    _m("失业登记表", "application", OFFICE, "公共就业服务机构"),
    _m("基本医疗保险参保凭证", "proof", GOV, "医疗保障经办机构", "原参保地开具的参保缴费凭证", True),
    _m("住房公积金提取申请表", "application", OFFICE, "住房公积金管理中心", "网上提取的在线填写"),
    _m("商品房买卖合同", "property", SELF, "", "经网签备案的商品房买卖合同（预售或现售）"),
    _m("个体工商户注销登记申请书", "application", OFFICE, "市场监督管理部门"),
    _m("食品经营许可证", "business", GOV, "市场监督管理部门", "在有效期内的食品经营许可证正、副本", True),
    _m("特种设备使用登记表", "application", OFFICE, "特种设备安全监督管理部门", "一式两份，加盖使用单位公章"),
    _m("建设工程消防验收申请表", "application", OFFICE, "住房城乡建设主管部门", "通过工程建设项目审批管理系统填报"),
]

# The library rows whose blank form and filled example guides/demo/documents.py generates.
_FORMS = attachments()
for _row in MATERIALS:
    _row.update(_FORMS.get(_row["name"], {}))
