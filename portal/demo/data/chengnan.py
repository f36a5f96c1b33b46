"""Chengnan (国网天津城南公司): 让新能源汽车不再充电难, 2021-01 … 2021-12.

From the seed: the 津门湖 integrated charging service centre; the "4+1" win-win system joining the
government (发改委, streets), charging-point operators and EV owners; co-operation with 国网电商,
国网电动, 国网信产, 国网英大; an industry alliance with 特斯拉 and 蔚来; the "一带一路" joint laboratory
with 中国能源研究会, 天津大学 and 中汽研; the new-energy "百家讲坛"; the platform of 2.7万 charging
facilities and ~15万 EVs; and the 2022 Spring-Festival free off-peak charging worth 17.09万 yuan.

Illustrative: operator and dealer names, people, dates, places and every count the seed does not give.
The charging volumes (400万 kWh, 20万 sessions) are the charging programme's own computed figures and
are not typed in here.
"""

from __future__ import annotations

from portal.demo.data.schema import (
    ActivitySpec,
    AgreementSpec,
    MeetingSpec,
    OrgSpec,
    PersonSpec,
    StaffNames,
    TicketSpec,
    TicketStep,
    UnitSpec,
    day,
    phone,
    when,
)

N = 1
CENTRE = "津门湖新能源车综合充电服务中心"

ORGANISATIONS = (
    OrgSpec(
        name="天津市发展和改革委员会",
        short_name="市发改委",
        kind="government",
        district="全市",
        needs=("充电设施补贴发放的数据化科学监管", "各区充电站桩建设规划依据", "补贴从建设转向运营"),
        resources=("产业政策与标准制定", "补贴资金"),
    ),
    OrgSpec(
        name="河西区陈塘庄街道办事处",
        kind="government",
        district="河西区",
        needs=("居民小区充电难问题化解",),
        resources=("社区协调", "公共停车资源"),
    ),
    OrgSpec(
        name="国网电动汽车服务有限公司",
        short_name="国网电动",
        kind="power_unit",
        needs=("扩大充电网络覆盖",),
        resources=("充电运营平台", "桩企资源"),
    ),
    OrgSpec(
        name="国网电子商务有限公司",
        short_name="国网电商",
        kind="power_unit",
        needs=("线上线下融合场景",),
        resources=("电商与金融服务",),
    ),
    OrgSpec(name="国网信息通信产业集团", short_name="国网信产", kind="power_unit", resources=("数据平台技术",)),
    OrgSpec(name="英大泰和保险", short_name="国网英大", kind="power_unit", resources=("车险与金融产品",)),
    OrgSpec(
        name="津城充电运营有限公司",
        kind="enterprise",
        district="西青区",
        description="区域充电桩运营商（示意）。",
        needs=("找准建站位置、提高利用率", "盈利模式", "公平竞争的市场秩序"),
        resources=("在运充电站运营数据",),
    ),
    OrgSpec(
        name="畅行充电科技有限公司",
        kind="enterprise",
        district="河西区",
        description="区域充电桩运营商（示意）。",
        needs=("降低设施故障率", "差异化服务增加收入"),
        resources=("充电桩运维队伍",),
    ),
    OrgSpec(
        name="特斯拉",
        kind="enterprise",
        needs=("园区内超充位优化",),
        resources=("车主群体", "超充网络"),
    ),
    OrgSpec(name="蔚来", kind="enterprise", needs=("换电与充电协同",), resources=("换电站技术", "车主社区")),
    OrgSpec(
        name="津门湖新能源汽车销售公司",
        kind="enterprise",
        district="河西区",
        description="在综合展厅租赁场地的新能源乘用车经销企业（示意）。",
        needs=("展销场地与客流",),
        resources=("看车、买车、金融一条龙服务",),
    ),
    OrgSpec(name="中国能源研究会", kind="research", resources=("政策与课题研究",)),
    OrgSpec(name="天津大学", kind="research", district="南开区", resources=("科研团队", "人才培养")),
    OrgSpec(name="中国汽车技术研究中心", short_name="中汽研", kind="research", resources=("标准与检测",)),
    OrgSpec(
        name="天津市电动汽车充电基础设施促进联盟",
        kind="ngo",
        needs=("行业技术培训交流",),
        resources=("行业成员网络",),
    ),
    OrgSpec(
        name="新能源车主代表",
        kind="other",
        description="通过充电服务中心微信群联系的车主代表。",
        needs=("找桩方便、充电价格透明", "充电、选车、维修、金融一站式服务"),
        resources=("使用体验反馈",),
    ),
)

PEOPLE = (
    PersonSpec("邵明辉", "天津市发展和改革委员会", "official", "能源处干部", phone(N, 1)),
    PersonSpec("刘佳", "河西区陈塘庄街道办事处", "official", "城管科科长", phone(N, 2)),
    PersonSpec("钱宇航", "津城充电运营有限公司", "entrepreneur", "运营总监", phone(N, 3)),
    PersonSpec("顾晓彤", "畅行充电科技有限公司", "entrepreneur", "运维经理", phone(N, 4)),
    PersonSpec("蒋文博", "天津大学", "expert", "副教授", phone(N, 5)),
    PersonSpec("唐欣", "新能源车主代表", "resident", "车主代表", phone(N, 6)),
)

AGREEMENTS = (
    AgreementSpec(
        title="综合展厅场地租赁合同",
        signed_on=day("2021-03-08"),
        valid_until=day("2023-03-07"),
        parties=("津门湖新能源汽车销售公司",),
        summary="在充电服务中心综合展厅出租展销场地，推动汽车展销业务开门迎客。",
    ),
    AgreementSpec(
        title="“一带一路”联合实验室共建协议",
        signed_on=day("2021-05-12"),
        parties=("中国能源研究会", "天津大学", "中国汽车技术研究中心"),
        summary="在实验室建设、技术评价体系、政策标准制定、重大课题攻关方面深化合作，共建开放共享实验室。",
    ),
    AgreementSpec(
        title="充电园区共建共享合作协议",
        signed_on=day("2021-07-06"),
        parties=("特斯拉", "蔚来"),
        summary="对园区内充电区域细分优化，为新能源车用户提供最优充电体验。",
    ),
)

MEETINGS = (
    MeetingSpec(
        title="新能源汽车充电难利益相关方调研座谈会",
        kind="symposium",
        held_at=when("2021-01-21 14:00"),
        place=CENTRE,
        parties=("天津市发展和改革委员会", "河西区陈塘庄街道办事处", "津城充电运营有限公司", "新能源车主代表"),
        attendees=("邵明辉", "刘佳", "钱宇航", "唐欣"),
        minutes="车主找桩难、运营商盈利难、政府监管难。部分区域桩长期闲置，高需求片区供不应求。",
        decisions=("构建“4+1”合作共赢体系", "依托“车、桩、网”数据平台分析各区车桩比"),
    ),
    MeetingSpec(
        title="新能源汽车及充电设施产业联盟成立会",
        kind="joint",
        held_at=when("2021-04-16 10:00"),
        place=CENTRE,
        parties=("国网电动汽车服务有限公司", "国网电子商务有限公司", "特斯拉", "蔚来", "津城充电运营有限公司"),
        minutes="面向上游聚合车企、桩企，面向下游服务车主，提供找桩、充电、比价一站式服务。",
        decisions=("联盟成员共同完善充电基础设施技术与标准",),
    ),
    MeetingSpec(
        title="充电运营商服务质量通报会",
        kind="working",
        held_at=when("2021-09-14 09:30"),
        place=CENTRE,
        parties=("天津市发展和改革委员会", "津城充电运营有限公司", "畅行充电科技有限公司"),
        attendees=("邵明辉", "钱宇航", "顾晓彤"),
        minutes="通报各运营商服务价格、服务质量、设施故障率，讨论行业规范。",
        decisions=("故障率高于平均水平的站点限期整改", "研究按充电量发放运营补贴"),
    ),
    MeetingSpec(
        title="春节低谷时段居民免费充电方案研讨会",
        kind="symposium",
        held_at=when("2021-12-09 14:30"),
        place="城南公司会议室",
        parties=("天津市发展和改革委员会", "国网电动汽车服务有限公司"),
        minutes="依托数据平台测算春节期间低谷充电量与补贴规模。",
        decisions=("2022年春节期间低谷时段居民充电免费",),
    ),
)

ACTIVITIES = (
    ActivitySpec(
        title="新能源车知识“百家讲坛”：智能有序充电",
        kind="training",
        start=day("2021-05-22"),
        place=CENTRE,
        organiser="天津市电动汽车充电基础设施促进联盟",
        partners=("天津大学",),
        people_reached=120,
        volunteers=4,
        description="邀请“盟友”向公众免费普及智能有序充电知识。",
    ),
    ActivitySpec(
        title="新能源车知识“百家讲坛”：车网智能互动",
        kind="training",
        start=day("2021-08-21"),
        place=CENTRE,
        partners=("中国汽车技术研究中心",),
        people_reached=95,
        volunteers=4,
        description="车网互动与新能源消纳知识讲座。",
    ),
    ActivitySpec(
        title="能源科普教育基地开放日",
        kind="school",
        start=day("2021-10-16"),
        place=CENTRE,
        partners=("天津大学",),
        people_reached=150,
        volunteers=8,
        materials=150,
        description="参观“光、充、储、换”一体化充电服务中心与联合实验室。",
    ),
    ActivitySpec(
        title="2022年春节低谷时段居民充电免费",
        kind="campaign",
        start=day("2022-01-31"),
        end=day("2022-02-06"),
        place="天津市",
        partners=("天津市发展和改革委员会", "国网电动汽车服务有限公司"),
        metrics={"benefit_yuan": 170900},
        description="春节期间低谷时段居民充电免费，释放响应红利17.09万元。",
    ),
)

TICKETS = (
    TicketSpec(
        title="津门湖中心7号直流桩无法启动充电",
        kind="request",
        category="charger-fault",
        description="车主扫码后提示“设备离线”，已换两个桩仍无法充电。",
        priority="high",
        channel="web",
        requester_name="唐欣",
        requester_phone=phone(N, 6),
        address=CENTRE,
        point=(39.0688, 117.2170),
        days_ago=0.12,
        due_hours=4,
        assignee="staff",
        steps=(TicketStep("acknowledged", 0.2, "staff", "已远程复位，派运维人员到场。"),),
    ),
    TicketSpec(
        title="车主反映夜间服务费高于公示价格",
        kind="request",
        category="price-supervision",
        description="某运营商站点夜间服务费与平台公示不一致。",
        channel="hotline",
        requester_name="吕志刚",
        requester_phone=phone(N, 101),
        days_ago=6,
        due_hours=72,
        assignee="staff",
        assignee_org="津城充电运营有限公司",
        steps=(
            TicketStep("acknowledged", 2, "staff", "转运营商核实。"),
            TicketStep("in_progress", 20, "staff", "运营商承认公示未更新，正在整改。"),
            TicketStep("resolved", 50, "staff", "公示价格已更新，差额已退还车主。"),
            TicketStep("closed", 70, "admin", "回访满意。"),
        ),
    ),
    TicketSpec(
        title="陈塘庄片区新建公共充电站选址评估",
        kind="task",
        category="site-selection",
        description="街道提出片区夜间充电需求集中，依据车辆停留时长和现有桩负荷评估候选站址。",
        channel="web",
        requester_name="刘佳",
        requester_phone=phone(N, 2),
        address="河西区陈塘庄街道",
        days_ago=15,
        due_hours=24 * 30,
        assignee="staff",
        assignee_org="河西区陈塘庄街道办事处",
        steps=(
            TicketStep("acknowledged", 24, "staff", "已导出片区车辆停留热力数据。"),
            TicketStep("in_progress", 72, "staff", "3个候选站址正在比选。"),
        ),
    ),
    TicketSpec(
        title="畅行充电站点设施故障率季度抽查",
        kind="inspection",
        category="operator-supervision",
        description="对故障率偏高的站点现场抽查。",
        channel="system",
        opened=when("2021-10-08 09:00"),
        due_hours=24 * 14,
        assignee="staff",
        assignee_org="畅行充电科技有限公司",
        steps=(
            TicketStep("acknowledged", 3, "staff"),
            TicketStep("in_progress", 48, "staff", "抽查12个站点，4个站点存在枪头损坏。"),
            TicketStep("resolved", 240, "staff", "运营商完成维修，复查合格。"),
            TicketStep("closed", 260, "admin"),
        ),
    ),
    TicketSpec(
        title="充电服务中心储能系统温度告警",
        kind="alert",
        category="equipment-alarm",
        description="储能舱温度超过设定阈值。",
        priority="urgent",
        channel="system",
        address=CENTRE,
        days_ago=3,
        due_hours=2,
        assignee="staff",
        opened_by="admin",
        steps=(
            TicketStep("acknowledged", 0.1, "staff", "空调故障，已切换备用。"),
            TicketStep("resolved", 1.5, "staff", "温度恢复正常。"),
        ),
    ),
)

UNIT = UnitSpec(
    slug="chengnan",
    name="国网天津城南公司",
    short_name="城南公司",
    programme="charging",
    period=(day("2021-01-01"), day("2021-12-31")),
    staff=StaffNames(admin="黄启明", staff="谢婉清", grid="曹立峰"),
    organisations=ORGANISATIONS,
    people=PEOPLE,
    agreements=AGREEMENTS,
    meetings=MEETINGS,
    activities=ACTIVITIES,
    tickets=TICKETS,
)
