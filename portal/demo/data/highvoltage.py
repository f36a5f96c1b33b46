"""High-voltage company (国网天津高压公司): 护线爱鸟 green lifeline, 2016 … 2021.

From the seed: the alliance of government (wetland management centres, the wildlife section of the
forestry bureau), NGOs, bird-loving volunteers, the company and local supply units; 32 joint patrols;
bird guards on 36 lines — 2,371 baffles and 11,766 repellers; the special action on the 13 lines and
835 towers around the 七里海 and 北大港 wetlands; 1,000+ brochures handed to fish-pond owners and
villagers; 3 Oriental storks rescued in the winter 2021 migration season; the biodiversity case
handbook reviewed with 宁河区林业局 and 天津滨海新区疆北湿地保护中心.

Illustrative: NGO, village and line names, people, dates, and the split of the seed's totals across
patrols, installation batches and hand-outs (the totals are the seed's).
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

N = 3
QILIHAI = "天津七里海湿地自然保护区管理中心"
BEIDAGANG = "天津北大港湿地自然保护区管理中心"
ALLIANCE = (QILIHAI, BEIDAGANG, "宁河区林业局", "天津滨海新区疆北湿地保护中心", "天津爱鸟志愿者协会", "津沽观鸟会")

ORGANISATIONS = (
    OrgSpec(
        name=QILIHAI,
        short_name="七里海湿地",
        kind="government",
        district="宁河区",
        needs=("东方白鹳栖息、繁殖安全", "缓解鱼塘人鸟矛盾"),
        resources=("湿地鸟类监测数据", "保护区管理"),
        point=(39.2797, 117.5526),
    ),
    OrgSpec(
        name=BEIDAGANG,
        short_name="北大港湿地",
        kind="government",
        district="滨海新区",
        needs=("候鸟迁徙季安全",),
        resources=("湿地巡护队伍",),
        point=(38.7470, 117.3570),
    ),
    OrgSpec(
        name="宁河区林业局",
        kind="government",
        district="宁河区",
        description="含野生动物保护科（野保科）。",
        needs=("珍稀鸟类救助及时高效",),
        resources=("野生动物救助许可与指导",),
    ),
    OrgSpec(
        name="天津滨海新区疆北湿地保护中心",
        kind="government",
        district="滨海新区",
        needs=("湿地生态保护", "生物多样性价值研究"),
        resources=("湿地保护经验",),
    ),
    OrgSpec(
        name="天津爱鸟志愿者协会",
        kind="ngo",
        needs=("志愿者参与护鸟的渠道", "专业培训"),
        resources=("志愿者巡护力量", "鸟类识别经验"),
    ),
    OrgSpec(name="津沽观鸟会", kind="ngo", needs=("观测数据共享",), resources=("鸟类观测记录",)),
    OrgSpec(
        name="鸟类研究专家组",
        kind="research",
        needs=("线路杆塔鸟类活动实验数据",),
        resources=("鸟类习性研究", "防护措施评估"),
    ),
    OrgSpec(
        name="国网天津宁河公司",
        kind="power_unit",
        district="宁河区",
        needs=("配网线路涉鸟故障减少",),
        resources=("属地巡视力量",),
    ),
    OrgSpec(
        name="七里海镇潘庄村村委会",
        kind="village_committee",
        district="宁河区",
        description="七里海湿地周边鱼塘集中的村庄（示意）。",
        needs=("冬季出渔不受东方白鹳影响",),
        resources=("鱼塘主信息反馈",),
    ),
    OrgSpec(
        name="七里海周边鱼塘养殖户",
        kind="other",
        needs=("减少鸟类对鱼塘的损失",),
        resources=("发现受伤鸟类及时报告",),
    ),
    OrgSpec(name="宁河区七里海镇中心小学", kind="school", district="宁河区", needs=("生态环保科普",)),
)

PEOPLE = (
    PersonSpec("田志国", QILIHAI, "official", "保护科科长", phone(N, 1)),
    PersonSpec("聂红梅", "宁河区林业局", "official", "野保科干部", phone(N, 2)),
    PersonSpec("欧阳帆", "天津爱鸟志愿者协会", "volunteer", "志愿者队长", phone(N, 3)),
    PersonSpec("包春生", "七里海周边鱼塘养殖户", "resident", "鱼塘主", phone(N, 4)),
    PersonSpec("陆文涛", "鸟类研究专家组", "expert", "鸟类学专家", phone(N, 5)),
)

AGREEMENTS = (
    AgreementSpec(
        title="护线爱鸟公益联盟共建协议",
        signed_on=day("2018-03-20"),
        parties=ALLIANCE,
        summary="政府、电力企业、公益组织三方组建护线爱鸟公益联盟，技术共享、联合巡护、专项救助、共同宣传。",
    ),
    AgreementSpec(
        title="候鸟迁徙季珍稀鸟类联合救助协议",
        signed_on=day("2020-10-15"),
        parties=("宁河区林业局", QILIHAI, "天津爱鸟志愿者协会"),
        summary="针对在杆塔筑巢的东方白鹳等大型珍禽，按标准化救助流程开展专项救助。",
    ),
)

MEETINGS = (
    MeetingSpec(
        title="护线爱鸟公益联盟成立会",
        kind="joint",
        held_at=when("2018-03-20 10:00"),
        place="高压公司会议室",
        parties=ALLIANCE,
        attendees=("田志国", "聂红梅", "欧阳帆"),
        minutes="打造统一公益平台，建立常态化“鸟-线”双安全巡护机制。",
        decisions=("共同建立输电线路沿线鸟类活动档案", "定期开办交流培训，双向培养志愿者和电力人员"),
    ),
    MeetingSpec(
        title="2020年候鸟迁徙季启动共建会",
        kind="joint",
        held_at=when("2020-10-15 09:30"),
        place=QILIHAI,
        parties=("宁河区林业局", QILIHAI, "天津爱鸟志愿者协会", "国网天津宁河公司"),
        attendees=("田志国", "聂红梅", "欧阳帆"),
        minutes="固化“启动共建、联合巡护、加强宣传、专项救助”的工作机制。",
        decisions=("签订联合救助协议", "划定“鸟-线”敏感区域，制作三色图"),
    ),
    MeetingSpec(
        title="大型鹳类栖息杆塔治理专家研讨会",
        kind="symposium",
        held_at=when("2021-03-11 14:00"),
        place="高压公司会议室",
        parties=("鸟类研究专家组", "津沽观鸟会", BEIDAGANG),
        attendees=("陆文涛",),
        minutes="分析大型鹳类栖息杆塔情况，划定治理半径，组合应用警示漆和护鸟挡板。",
        decisions=("七里海、北大港周边13条线路、835基杆塔列为重点关注区域",),
    ),
    MeetingSpec(
        title="《生物多样性管理与价值创造案例》（天津卷）校核座谈会",
        kind="symposium",
        held_at=when("2021-09-23 09:30"),
        place="宁河区林业局",
        parties=("宁河区林业局", "天津滨海新区疆北湿地保护中心", "鸟类研究专家组"),
        attendees=("聂红梅", "陆文涛"),
        minutes="以七里海湿地为重点，从资本核算角度校核手册的专业表述和调查数据。",
        decisions=("手册完成终稿校核，支撑联合国生物多样性大会参展",),
    ),
    MeetingSpec(
        title="2021年候鸟迁徙季启动共建会",
        kind="joint",
        held_at=when("2021-10-19 09:30"),
        place=QILIHAI,
        parties=("宁河区林业局", QILIHAI, "天津爱鸟志愿者协会", "七里海镇潘庄村村委会"),
        attendees=("田志国", "聂红梅", "包春生"),
        minutes="搭建林业部门、电力公司、NGO、鱼塘主、志愿者多方联合行动机制。",
        decisions=("鱼塘主发现受伤鸟类即时通报志愿者和林业部门",),
    ),
)

# The seed's 32 joint patrols, by migration season.
PATROLS = (
    ("2016年秋季", day("2016-10-22"), 3),
    ("2017年春季", day("2017-03-18"), 4),
    ("2017年秋季", day("2017-10-21"), 4),
    ("2018年秋季", day("2018-10-20"), 5),
    ("2019年秋季", day("2019-10-19"), 5),
    ("2020年秋季", day("2020-10-24"), 5),
    ("2021年春季", day("2021-03-20"), 3),
    ("2021年秋季", day("2021-10-23"), 3),
)

# The seed's bird guards on 36 lines: 2,371 baffles and 11,766 repellers, by installation batch.
GUARD_BATCHES = (
    ("2017年", day("2017-04-10"), day("2017-11-30"), 8, 512, 2480),
    ("2018年", day("2018-04-09"), day("2018-11-30"), 10, 640, 3105),
    ("2019—2020年", day("2019-04-08"), day("2020-11-30"), 9, 583, 2937),
    ("2021年", day("2021-04-12"), day("2021-11-30"), 9, 636, 3244),
)

# The seed's "1000余册" brochures.
BROCHURES = (
    ("七里海湿地周边", day("2020-11-07"), QILIHAI, 420),
    ("北大港湿地周边", day("2020-11-21"), BEIDAGANG, 380),
    ("七里海镇潘庄村", day("2021-10-30"), "七里海镇潘庄村村委会", 236),
)

ACTIVITIES = (
    *(
        ActivitySpec(
            title=f"{season}候鸟迁徙季联合巡护",
            kind="campaign",
            start=start,
            end=start.replace(month=start.month + 1),
            place="七里海、北大港湿地周边输电线路",
            partners=("宁河区林业局", "天津爱鸟志愿者协会", QILIHAI),
            volunteers=6 + patrols,
            metrics={"patrols": patrols},
            description="联合巡护线路防护区内珍稀鸟类，记录鸟类与巢穴，完善鸟类分布档案。",
        )
        for season, start, patrols in PATROLS
    ),
    *(
        ActivitySpec(
            title=f"{label}输电线路防鸟设施加装",
            kind="other",
            start=start,
            end=end,
            place="天津区域涉鸟重点输电线路",
            metrics={"lines": lines, "baffles_installed": baffles, "repellers_installed": repellers},
            description="按涉鸟区域分重点、分层级加装护鸟挡板和驱鸟器。",
        )
        for label, start, end, lines, baffles, repellers in GUARD_BATCHES
    ),
    ActivitySpec(
        title="七里海、北大港湿地周边输电线路专项护线行动",
        kind="campaign",
        start=day("2021-04-01"),
        end=day("2021-10-31"),
        place="七里海、北大港湿地周边",
        partners=(QILIHAI, BEIDAGANG, "鸟类研究专家组"),
        metrics={"focus_lines": 13, "focus_towers": 835},
        description="组合应用警示漆、护鸟挡板，降低大型鹳类对线路运行的影响。",
    ),
    *(
        ActivitySpec(
            title=f"“护航候鸟迁徙季 共筑绿色生命线”宣讲（{place}）",
            kind="publicity",
            start=start,
            place=place,
            organiser=organiser,
            partners=("天津爱鸟志愿者协会",),
            volunteers=10,
            people_reached=copies,
            materials=copies,
            metrics={"brochures": copies},
            description="向鱼塘负责人、村民发放宣传手册，宣讲候鸟保护知识。",
        )
        for place, start, organiser, copies in BROCHURES
    ),
    ActivitySpec(
        title="东方白鹳联合救治（2021年11月）",
        kind="volunteer",
        start=day("2021-11-16"),
        end=day("2021-11-28"),
        place="七里海湿地周边鱼塘",
        partners=("宁河区林业局", "天津爱鸟志愿者协会", "七里海周边鱼塘养殖户"),
        volunteers=8,
        metrics={"storks_rescued": 2},
        description="鱼塘主发现两只体能不足的东方白鹳，志愿者跟踪反馈，林业部门救治后放飞。",
    ),
    ActivitySpec(
        title="东方白鹳联合救治（2021年12月）",
        kind="volunteer",
        start=day("2021-12-09"),
        place="七里海湿地周边鱼塘",
        partners=("宁河区林业局", "天津爱鸟志愿者协会"),
        volunteers=5,
        metrics={"storks_rescued": 1},
        description="一只翅膀受伤的东方白鹳经救治康复。",
    ),
    ActivitySpec(
        title="爱鸟周护鸟知识进校园",
        kind="school",
        start=day("2021-04-09"),
        place="宁河区七里海镇中心小学",
        organiser="宁河区七里海镇中心小学",
        volunteers=6,
        people_reached=260,
        description="“护航·绿色生命线路”志愿服务队讲解东方白鹳外观、习性和迁徙时间。",
    ),
)

TICKETS = (
    TicketSpec(
        title="220千伏七里海一线42号塔发现东方白鹳筑巢",
        kind="inspection",
        category="nest-handling",
        description="巡视发现塔头横担有大型鸟巢，疑为东方白鹳，需与林业部门会商处置方式。",
        priority="high",
        channel="web",
        address="宁河区七里海湿地北侧",
        point=(39.2911, 117.5402),
        days_ago=3,
        due_hours=24 * 7,
        assignee="staff",
        assignee_org="宁河区林业局",
        steps=(
            TicketStep("acknowledged", 1, "staff", "已通知林业局野保科。"),
            TicketStep("in_progress", 20, "staff", "会商确定：繁殖期不移巢，加装引流挡板。"),
        ),
    ),
    TicketSpec(
        title="鱼塘主报告受伤东方白鹳",
        kind="request",
        category="bird-rescue",
        description="鱼塘边发现一只东方白鹳无法起飞。",
        priority="urgent",
        channel="wechat",
        requester_name="包春生",
        requester_phone=phone(N, 4),
        address="宁河区七里海镇潘庄村鱼塘",
        opened=when("2021-12-09 07:40"),
        due_hours=4,
        assignee="staff",
        assignee_org="天津爱鸟志愿者协会",
        steps=(
            TicketStep("acknowledged", 0.3, "staff", "志愿者已出发。"),
            TicketStep("in_progress", 1.2, "staff", "林业局接手救治。"),
            TicketStep("resolved", 30, "staff", "救治成功。"),
            TicketStep("closed", 40, "admin"),
        ),
    ),
    TicketSpec(
        title="500千伏北大港线涉鸟跳闸",
        kind="alert",
        category="bird-fault",
        description="线路跳闸重合成功，疑似鸟类排便闪络。",
        priority="high",
        channel="system",
        address="滨海新区北大港湿地",
        point=(38.7550, 117.3650),
        days_ago=10,
        due_hours=24,
        assignee="staff",
        opened_by="admin",
        steps=(
            TicketStep("acknowledged", 0.5, "staff"),
            TicketStep("in_progress", 4, "staff", "登塔检查发现绝缘子串鸟粪污闪痕迹。"),
            TicketStep("resolved", 30, "staff", "清扫绝缘子并加装驱鸟器。"),
        ),
    ),
    TicketSpec(
        title="七里海周边杆塔警示漆补涂",
        kind="task",
        category="bird-guards",
        description="三色图红区内12基杆塔警示漆褪色，需补涂。",
        channel="web",
        days_ago=18,
        due_hours=24 * 30,
        assignee="grid",
        steps=(TicketStep("acknowledged", 30, "grid"), TicketStep("in_progress", 100, "grid", "已完成7基。")),
    ),
    TicketSpec(
        title="候鸟迁徙季联合巡护排班",
        kind="task",
        category="joint-patrol",
        description="与爱鸟志愿者协会商定本迁徙季巡护排班。",
        priority="low",
        channel="web",
        days_ago=0.6,
        due_hours=24 * 5,
        assignee="staff",
        assignee_org="天津爱鸟志愿者协会",
    ),
)

UNIT = UnitSpec(
    slug="highvoltage",
    name="国网天津高压公司",
    short_name="高压公司",
    programme="birdguard",
    period=(day("2016-01-01"), day("2021-12-31")),
    staff=StaffNames(admin="贺振宇", staff="温雅", grid="常海涛"),
    organisations=ORGANISATIONS,
    people=PEOPLE,
    agreements=AGREEMENTS,
    meetings=MEETINGS,
    activities=ACTIVITIES,
    tickets=TICKETS,
)
