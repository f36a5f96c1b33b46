"""Integrated Energy Services (国网（天津）综合能源服务有限公司): 全产业链思维, 2021-04-30 … 2021-11-30.

From the seed: the five-commission notice on energy-cost hosting pilots (天津市发改委 and others);
promotion meetings of 6 government-offices administrations (滨海, 武清 and four others); 75
high-consumption clients contacted and 27 hosting plans; 50+ North-China peak-shaving users
contacted and 10 contracts (新天钢冷轧轧板, 勤威（天津）工业 and others); the strategic agreement with
国网天津电科院; co-building agreements with 天津港电力公司 and 渤化永利热电; energy-saving talks for 18
large supermarkets and complexes in 南开区; energy-efficiency diagnosis for 50+ enterprises (大众汽车
among them); the 新华中学 clean-heating project; the fifth World Intelligence Congress.

Illustrative: the four unnamed administrations, people, dates, and how the seed's totals (75, 27,
50+, 10, 50+) split across records — the totals are the seed's (50+ is written as 52 and 53).
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

N = 6
ADMINISTRATIONS = ("滨海新区", "武清区", "南开区", "河西区", "西青区", "北辰区")

_ADMIN_ORGS = tuple(
    OrgSpec(
        name=f"{district}机关事务管理局",
        kind="government",
        district=district,
        needs=("公共机构降低用能成本", "能源托管费用拨付合规"),
        resources=("组织公共机构业务推广会",),
    )
    for district in ADMINISTRATIONS
)

ORGANISATIONS = (
    OrgSpec(
        name="天津市发展和改革委员会",
        short_name="市发改委",
        kind="government",
        district="全市",
        needs=("公共机构节能减排", "“双碳”目标落地"),
        resources=("能源托管试点政策",),
    ),
    *_ADMIN_ORGS,
    OrgSpec(
        name="国网天津电力科学研究院",
        short_name="国网天津电科院",
        kind="research",
        needs=("科研成果转化场景",),
        resources=("智慧能源技术", "产学研协同"),
    ),
    OrgSpec(
        name="中国（天津）智慧能源服务产业发展联盟",
        kind="ngo",
        needs=("联盟成员项目合作机会",),
        resources=("渠道、资本、技术对接",),
    ),
    OrgSpec(
        name="天津港电力公司",
        kind="enterprise",
        district="滨海新区",
        needs=("港区综合能源服务",),
        resources=("港区用能场景",),
    ),
    OrgSpec(
        name="渤化永利热电",
        kind="enterprise",
        district="滨海新区",
        needs=("余压发电项目建设",),
        resources=("热电联产设施",),
    ),
    OrgSpec(
        name="天津市新天钢冷轧轧板有限公司",
        short_name="新天钢冷轧",
        kind="enterprise",
        needs=("参与调峰交易降低电费",),
        resources=("可调节负荷",),
    ),
    OrgSpec(
        name="勤威（天津）工业有限公司",
        kind="enterprise",
        needs=("参与调峰交易降低电费",),
        resources=("可调节负荷",),
    ),
    OrgSpec(name="大众汽车", kind="enterprise", needs=("能效诊断与节能改造",), resources=("工厂用能数据",)),
    OrgSpec(
        name="天津市新华中学",
        short_name="新华中学",
        kind="school",
        district="和平区",
        needs=("校园清洁供暖稳定运行",),
        resources=("示范项目展示",),
    ),
    OrgSpec(name="天津电视台", kind="media", resources=("电视报道",)),
)

PEOPLE = (
    PersonSpec("史建平", "天津市发展和改革委员会", "official", "资源节约和环境保护处干部", phone(N, 1)),
    PersonSpec("金晓燕", "滨海新区机关事务管理局", "official", "节能科科长", phone(N, 2)),
    PersonSpec("廖振东", "天津市新天钢冷轧轧板有限公司", "entrepreneur", "动力部部长", phone(N, 3)),
    PersonSpec("戴敏", "国网天津电力科学研究院", "expert", "高级工程师", phone(N, 4)),
    PersonSpec("潘志勇", "天津市新华中学", "official", "后勤主任", phone(N, 5)),
)

AGREEMENTS = (
    AgreementSpec(
        title="智慧能源助力“碳达峰、碳中和”战略合作协议",
        signed_on=day("2021-05-18"),
        parties=("国网天津电力科学研究院",),
        summary="促进“产学研用”创新资源融通，谋划综合能源业务拓展策略。",
    ),
    AgreementSpec(
        title="天津港电力公司联创共建协议",
        signed_on=day("2021-07-09"),
        parties=("天津港电力公司",),
        summary="党建联创共建，搭建利益相关方沟通平台。",
    ),
    AgreementSpec(
        title="渤化永利热电联创共建协议",
        signed_on=day("2021-07-21"),
        parties=("渤化永利热电",),
        summary="聚焦余压发电项目推进“党建芯”工程。",
    ),
    AgreementSpec(
        title="华北电力调峰辅助服务交易代理合同（新天钢冷轧）",
        signed_on=day("2021-09-08"),
        valid_until=day("2022-09-07"),
        parties=("天津市新天钢冷轧轧板有限公司",),
        summary="作为第三方独立主体代理客户参与华北调峰辅助服务市场化交易。",
    ),
    AgreementSpec(
        title="华北电力调峰辅助服务交易代理合同（勤威工业）",
        signed_on=day("2021-09-14"),
        valid_until=day("2022-09-13"),
        parties=("勤威（天津）工业有限公司",),
        summary="依据用户用电特性分户分类制定负荷调节措施。",
    ),
)

MEETINGS = (
    *(
        MeetingSpec(
            title=f"{district}机关事务管理局能源托管业务推广会",
            kind="symposium",
            held_at=held_at,
            place=f"{district}机关事务管理局",
            parties=(f"{district}机关事务管理局",),
            attendees=("金晓燕",) if district == "滨海新区" else (),
            minutes="介绍能源费用托管型合同能源管理模式，解读市发改委等五委局试点通知。",
            decisions=("梳理辖区能耗成本较高的公共机构，逐家对接",),
        )
        for district, held_at in zip(
            ADMINISTRATIONS,
            (
                when("2021-05-20 14:00"),
                when("2021-06-08 09:30"),
                when("2021-06-24 14:00"),
                when("2021-07-13 09:30"),
                when("2021-08-10 14:00"),
                when("2021-09-07 09:30"),
            ),
            strict=True,
        )
    ),
    MeetingSpec(
        title="能源费用托管试点政策座谈会",
        kind="symposium",
        held_at=when("2021-05-11 10:00"),
        place="天津市发展和改革委员会",
        parties=("天津市发展和改革委员会", "国网天津电力科学研究院"),
        attendees=("史建平", "戴敏"),
        minutes="研究打破机关单位能源托管服务费用拨付和支付的政策瓶颈。",
        decisions=("推动五个委局联合下发能源费用托管型合同能源管理项目试点通知",),
    ),
)

# (title, start, end, metrics): the seed's client-pipeline figures, split across campaigns.
PIPELINE = (
    (
        "高耗能用户走访对接（一季）",
        day("2021-05-06"),
        day("2021-07-31"),
        {"clients_contacted": 40, "hosting_plans": 14},
    ),
    (
        "高耗能用户走访对接（二季）",
        day("2021-08-02"),
        day("2021-11-26"),
        {"clients_contacted": 35, "hosting_plans": 13},
    ),
    (
        "华北调峰用户对接与签约（一）",
        day("2021-06-01"),
        day("2021-08-31"),
        {"peak_users_contacted": 30, "peak_contracts": 4},
    ),
    (
        "华北调峰用户对接与签约（二）",
        day("2021-09-01"),
        day("2021-11-26"),
        {"peak_users_contacted": 22, "peak_contracts": 6},
    ),
    ("企业能效诊断（上）", day("2021-05-10"), day("2021-08-31"), {"energy_diagnoses": 28}),
    ("企业能效诊断（下）", day("2021-09-01"), day("2021-11-26"), {"energy_diagnoses": 25}),
)

ACTIVITIES = (
    *(
        ActivitySpec(
            title=title,
            kind="campaign",
            start=start,
            end=end,
            place="天津市",
            metrics=metrics,
            description="现场走访、座谈调研，挖掘客户诉求，做好差异化主体服务。",
        )
        for title, start, end, metrics in PIPELINE
    ),
    ActivitySpec(
        title="南开区大型超市和综合体节能技术讲座",
        kind="training",
        start=day("2021-10-19"),
        place="南开区",
        organiser="南开区机关事务管理局",
        people_reached=90,
        metrics={"venues": 18},
        description="为18家大型超市和综合体宣讲需求响应、辅助调峰、绿电交易等节能政策。",
    ),
    ActivitySpec(
        title="新华中学校园清洁供暖项目运维回访",
        kind="school",
        start=day("2021-11-05"),
        place="天津市新华中学",
        organiser="天津市新华中学",
        people_reached=40,
        description="项目获评《2021年度公建行业优秀典型案例》。",
    ),
    ActivitySpec(
        title="第五届世界智能大会综合能源成果展示",
        kind="publicity",
        start=day("2021-05-20"),
        end=day("2021-05-23"),
        place="国家会展中心（天津）",
        people_reached=1500,
        materials=800,
        description="讲解工业企业、绿色园区、公共建筑“一站式”用能解决方案。",
    ),
)

TICKETS = (
    TicketSpec(
        title="调峰交易日前负荷调节通知",
        kind="task",
        category="demand-response",
        description="明日午间调峰，通知代理用户按基线下调负荷。",
        priority="high",
        channel="system",
        days_ago=0.5,
        due_hours=20,
        assignee="staff",
        assignee_org="天津市新天钢冷轧轧板有限公司",
        steps=(TicketStep("acknowledged", 0.5, "staff", "已电话通知动力部。"),),
    ),
    TicketSpec(
        title="调峰事件执行偏差告警",
        kind="alert",
        category="demand-response",
        description="某代理用户实际下调负荷低于申报量30%。",
        channel="system",
        days_ago=8,
        due_hours=24,
        assignee="staff",
        assignee_org="勤威（天津）工业有限公司",
        opened_by="admin",
        steps=(
            TicketStep("acknowledged", 2, "staff"),
            TicketStep("resolved", 22, "staff", "用户生产线临时加班，已调整下次申报量。"),
            TicketStep("closed", 30, "admin"),
        ),
    ),
    TicketSpec(
        title="区机关大院能源托管方案编制",
        kind="task",
        category="energy-hosting",
        description="机关事务管理局申请编制能源费用托管技术方案。",
        channel="web",
        requester_name="金晓燕",
        requester_phone=phone(N, 2),
        days_ago=20,
        due_hours=24 * 30,
        assignee="staff",
        assignee_org="滨海新区机关事务管理局",
        steps=(
            TicketStep("acknowledged", 24, "staff"),
            TicketStep("in_progress", 72, "staff", "完成用能数据采集，正在测算托管基准。"),
            TicketStep("waiting", 300, "staff", "等待管理局提供三年能源费用账单。"),
        ),
    ),
    TicketSpec(
        title="新华中学清洁供暖机组报修",
        kind="request",
        category="maintenance",
        description="供暖季首周一号机组启动异常。",
        priority="high",
        channel="hotline",
        requester_name="潘志勇",
        requester_phone=phone(N, 5),
        address="和平区新华中学",
        days_ago=1.1,
        due_hours=8,
        assignee="grid",
        assignee_org="天津市新华中学",
        steps=(
            TicketStep("acknowledged", 0.5, "grid"),
            TicketStep("in_progress", 1.5, "grid", "更换传感器。"),
            TicketStep("resolved", 5, "grid", "机组恢复运行。"),
        ),
    ),
)

UNIT = UnitSpec(
    slug="energyservices",
    name="国网（天津）综合能源服务有限公司",
    short_name="综合能源公司",
    programme="energyservices",
    period=(day("2021-04-30"), day("2021-11-30")),
    staff=StaffNames(admin="罗宏伟", staff="薛佳怡", grid="任国强"),
    organisations=ORGANISATIONS,
    people=PEOPLE,
    agreements=AGREEMENTS,
    meetings=MEETINGS,
    activities=ACTIVITIES,
    tickets=TICKETS,
)
