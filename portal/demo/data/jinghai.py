"""Jinghai (国网天津静海供电有限公司): the "双向" outage-perception mechanism, 2021-04 … 2021-12.

From the seed: three customer segments (ordinary, sensitive, low-literacy); planned-outage notices by
TV (monthly plan), village loudspeakers, Weibo three times a month, and door-to-door by 13 party-member
service teams and 4 youth volunteer teams; ledgers, named service specialists and WeChat groups for
sensitive communities; the "无电体验"; round-table meetings with village committees and customer
representatives leading to midnight maintenance and combined maintenance; 50+ "电力科普进社区、进村庄"
sessions; the 静海融媒体中心.

Illustrative: village and community names, people, dates, and how the 50+ sessions split (written
as 52). The complaint and reliability figures are the outage programme's computed indicators.
"""

from __future__ import annotations

from portal.demo.data.schema import (
    ActivitySpec,
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

N = 7
VILLAGES = ("独流镇南街村", "陈官屯镇纪庄子村", "唐官屯镇前进村", "子牙镇王家营村", "大邱庄镇津海村")
SENSITIVE = "静海镇东城社区居委会"

_VILLAGE_ORGS = tuple(
    OrgSpec(
        name=f"{village}村委会",
        kind="village_committee",
        district="静海区",
        needs=("提前知道停电时间", "农忙和节日少停电"),
        resources=("村广播喇叭", "村民微信群"),
    )
    for village in VILLAGES
)

ORGANISATIONS = (
    OrgSpec(
        name="静海区融媒体中心",
        kind="media",
        district="静海区",
        needs=("及时准确的停电信息",),
        resources=("电视台滚动播出下月停电计划", "新媒体账号转发"),
    ),
    OrgSpec(
        name="静海区人民政府",
        kind="government",
        district="静海区",
        needs=("减少停电引发的投诉和舆情",),
        resources=("政府信息发布平台",),
    ),
    *_VILLAGE_ORGS,
    OrgSpec(
        name=SENSITIVE,
        kind="residents_committee",
        district="静海区",
        description="敏感小区（示意）：曾多次因停电重复投诉。",
        needs=("停电前逐户告知", "有固定的服务专员"),
        resources=("小区业主微信群",),
    ),
    OrgSpec(
        name="普通居民用户代表",
        kind="other",
        needs=("停电时间短、通知准",),
        resources=("对停电检修可以理解、接受",),
    ),
    OrgSpec(
        name="敏感用户代表",
        kind="other",
        description="不可停电或情绪易激动的特殊群体。",
        needs=("不停电或提前充分告知", "逐户现场走访"),
    ),
    OrgSpec(
        name="文化程度较低用户代表",
        kind="other",
        description="不识字，无法通过张贴通知获知停电。",
        needs=("广播喇叭、上门口头告知",),
    ),
)

PEOPLE = (
    PersonSpec("杜长顺", "独流镇南街村村委会", "official", "村委会主任", phone(N, 1)),
    PersonSpec("姜玉梅", SENSITIVE, "official", "社区主任", phone(N, 2)),
    PersonSpec("汪海", "静海区融媒体中心", "staff", "新闻部编辑", phone(N, 3)),
    PersonSpec("贾春来", "陈官屯镇纪庄子村村委会", "official", "村党支部书记", phone(N, 4)),
    PersonSpec("段淑华", "敏感用户代表", "resident", "居民", phone(N, 5)),
)

_ROUND_TABLES = (
    ("独流镇", when("2021-05-12 09:30"), ("独流镇南街村村委会",), "春灌期间停电窗口", "农灌高峰避开白天停电"),
    ("陈官屯镇", when("2021-06-16 09:30"), ("陈官屯镇纪庄子村村委会",), "线路综合检修计划", "三项检修合并一次停电完成"),
    ("唐官屯镇", when("2021-07-21 15:00"), ("唐官屯镇前进村村委会",), "迎峰度夏前检修", "重要负荷区域开展零点检修"),
    ("子牙镇", when("2021-09-08 09:30"), ("子牙镇王家营村村委会",), "秋收期停电安排", "秋收前完成带电作业消缺"),
    (
        "大邱庄镇",
        when("2021-10-27 14:00"),
        ("大邱庄镇津海村村委会", "敏感用户代表"),
        "冬季供暖前检修",
        "敏感用户逐户告知并留服务专员电话",
    ),
)

MEETINGS = (
    *(
        MeetingSpec(
            title=f"{town}停电检修圆桌会议",
            kind="round_table",
            held_at=held_at,
            place=f"{town}供电服务站",
            parties=(*parties, "普通居民用户代表"),
            attendees=("杜长顺",) if town == "独流镇" else (("贾春来",) if town == "陈官屯镇" else ()),
            minutes=f"邀请村委会和用户代表讨论{topic}，逐条收集对停电检修作业的意见。",
            decisions=(decision,),
        )
        for town, held_at, parties, topic, decision in _ROUND_TABLES
    ),
    MeetingSpec(
        title="敏感小区停电服务座谈会",
        kind="symposium",
        held_at=when("2021-04-28 15:00"),
        place=SENSITIVE,
        parties=(SENSITIVE, "敏感用户代表"),
        attendees=("姜玉梅", "段淑华"),
        minutes="建立敏感小区台账，明确服务专员，建立微信群。",
        decisions=("对重复投诉用户逐户现场走访", "停电前72小时在业主群发布通知"),
    ),
    MeetingSpec(
        title="停电信息发布合作座谈会",
        kind="symposium",
        held_at=when("2021-04-20 10:00"),
        place="静海区融媒体中心",
        parties=("静海区融媒体中心", "静海区人民政府"),
        attendees=("汪海",),
        minutes="选择收视率较高时段滚动播出下月停电计划；新媒体账号共同转发。",
        decisions=("每月25日前提交下月停电计划", "官方微博每月三次发布停电信息"),
    ),
)

ACTIVITIES = (
    ActivitySpec(
        title="“无电体验”换位思考活动",
        kind="training",
        start=day("2021-04-15"),
        place="静海公司",
        people_reached=60,
        description="组织调控、运检、营销等部门人员体验无电时的焦急等待。",
    ),
    ActivitySpec(
        title="停电信息“特色”渠道演练",
        kind="campaign",
        start=day("2021-05-06"),
        place="静海区",
        partners=("静海区融媒体中心", "独流镇南街村村委会"),
        description="分用户人群演练电视、广播喇叭、微博和上门告知渠道。",
    ),
    ActivitySpec(
        title="“停电通知进小区、进村庄”便民服务",
        kind="volunteer",
        start=day("2021-05-10"),
        end=day("2021-12-31"),
        place="静海区各小区、村庄",
        partners=(*(f"{v}村委会" for v in VILLAGES), SENSITIVE),
        volunteers=170,
        metrics={"party_member_teams": 13, "youth_volunteer_teams": 4},
        description="13支共产党员服务队、4支青年志愿者服务队“点对点”告知停电时间、区域。",
    ),
    *(
        ActivitySpec(
            title=f"“电力科普进社区、进村庄”（{label}）",
            kind="publicity",
            start=start,
            end=end,
            place="静海区",
            partners=tuple(f"{v}村委会" for v in VILLAGES),
            volunteers=20,
            people_reached=reached,
            materials=reached,
            metrics={"science_sessions": sessions},
            description="介绍电网停电检修的必要性，引导用户建立合理的停电期望。",
        )
        for label, start, end, sessions, reached in (
            ("二季度", day("2021-04-01"), day("2021-06-30"), 18, 900),
            ("三季度", day("2021-07-01"), day("2021-09-30"), 17, 850),
            ("四季度", day("2021-10-01"), day("2021-12-31"), 17, 820),
        )
    ),
    ActivitySpec(
        title="唐官屯镇重要负荷区域零点检修",
        kind="other",
        start=day("2021-08-04"),
        place="静海区唐官屯镇",
        organiser="唐官屯镇前进村村委会",
        volunteers=35,
        description="夜间凌晨至次日早晨检修，保证居民白天生活用电。",
    ),
)

TICKETS = (
    TicketSpec(
        title="下月计划停电信息分渠道发布",
        kind="task",
        category="outage-notice",
        description="按普通、敏感、文化程度较低三类用户分别通过电视、业主群、广播喇叭发布。",
        channel="system",
        days_ago=1,
        due_hours=24 * 3,
        assignee="staff",
        assignee_org="静海区融媒体中心",
        steps=(TicketStep("acknowledged", 2, "staff"), TicketStep("in_progress", 6, "staff", "电视台已排播。")),
    ),
    TicketSpec(
        title="东城社区居民投诉停电未提前告知",
        kind="request",
        category="complaint",
        description="居民称昨日停电没有收到通知。",
        priority="high",
        channel="hotline",
        requester_name="段淑华",
        requester_phone=phone(N, 5),
        address="静海区静海镇东城社区",
        days_ago=3,
        due_hours=24,
        assignee="grid",
        assignee_org=SENSITIVE,
        steps=(
            TicketStep("acknowledged", 0.5, "grid", "服务专员已联系用户。"),
            TicketStep("in_progress", 3, "grid", "上门走访，核实该户未在业主群。"),
            TicketStep("resolved", 8, "grid", "已拉入业主群并登记敏感用户台账。"),
            TicketStep("closed", 30, "staff", "回访满意。"),
        ),
    ),
    TicketSpec(
        title="纪庄子村10千伏线路故障停电",
        kind="alert",
        category="fault-outage",
        description="配网自动化系统报10千伏线路分段开关跳闸，影响约320户。",
        priority="urgent",
        channel="system",
        address="静海区陈官屯镇纪庄子村",
        days_ago=0.15,
        due_hours=6,
        assignee="staff",
        opened_by="admin",
        steps=(TicketStep("acknowledged", 0.1, "staff", "已通过村广播告知村民，抢修队出发。"),),
    ),
    TicketSpec(
        title="子牙镇带电作业机器人消缺",
        kind="task",
        category="live-line-work",
        description="采用双臂全自动带电作业机器人更换避雷器，避免计划停电。",
        channel="web",
        opened=when("2021-09-13 08:30"),
        due_hours=24 * 5,
        assignee="staff",
        assignee_org="子牙镇王家营村村委会",
        steps=(
            TicketStep("acknowledged", 1, "staff"),
            TicketStep("resolved", 30, "staff", "带电完成，未停电。"),
            TicketStep("closed", 50, "admin"),
        ),
    ),
)

UNIT = UnitSpec(
    slug="jinghai",
    name="国网天津静海供电有限公司",
    short_name="静海公司",
    programme="outage",
    period=(day("2021-04-01"), day("2021-12-31")),
    staff=StaffNames(admin="康立新", staff="陶静怡", grid="毛振国"),
    organisations=ORGANISATIONS,
    people=PEOPLE,
    meetings=MEETINGS,
    activities=ACTIVITIES,
    tickets=TICKETS,
)
