"""Binhai (国网天津滨海公司): the public-service alliance 公共服务联盟, 2020-01 … 2021-12.

From the seed: the alliance of water, power, gas, heating and telecom companies ("政府牵头、电力配合、
多方联动", "客户吹哨、联盟报到"); 15 old communities served; the abandoned-cable clean-up in 4
communities (丹东里, 向阳里 and two others) removing 78 cables; 南港工业区 hookup steps cut from 22 to
13 under a co-operation agreement signed with the park administration; safety checks in 小王庄镇,
杨家泊镇, 中塘镇潮宗桥村 and 茶淀街宝田村; grid upgrades in 茶淀街, 窦庄子村, 东升村.

Illustrative: the other thirteen community names, the member companies' names, people, dates,
places, the per-community split of the 78 cables and every count the seed does not give.
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

N = 0  # phone-number digit of this unit

# The fifteen old communities the alliance serves (丹东里 and 向阳里 are named in the seed).
COMMUNITIES = (
    "丹东里", "向阳里", "民主里", "解放里", "胜利里", "建设里", "和平里", "友谊里",
    "新华里", "光明里", "团结里", "幸福里", "春风里", "东风里", "红旗里",
)  # fmt: skip

_COMMUNITY_ORGS = tuple(
    OrgSpec(
        name=f"{name}社区居委会",
        kind="residents_committee",
        district="滨海新区",
        address=f"滨海新区{name}社区",
        description="物业弃管老旧小区，水电气热设施长期缺少维护。",
        needs=("居民报修有门路、故障快速处理", "减少居民拨打市长热线投诉"),
        resources=("熟悉小区住户情况", "社区微信群和宣传栏"),
    )
    for name in COMMUNITIES
)

# The alliance's member utilities (names illustrative): what each does, needs and brings.
_MEMBERS = (
    ("滨海水务公司", "供水", ("及时掌握老旧小区供水故障", "减少重复上门"), ("供水抢修队伍", "管网资产台账")),
    ("滨海燃气公司", "燃气", ("燃气安全隐患早发现", "入户安检配合"), ("燃气安检人员", "园区燃气配套工程经验")),
    ("滨海热力公司", "供热", ("供热季前设施排查", "居民供热诉求及时响应"), ("供热管网维修力量",)),
    ("滨海通信公司", "通讯", ("理清楼道通信线缆产权", "清理废旧线缆"), ("线缆资产认领", "社区宣传渠道")),
    ("南港污水处理公司", "污水", ("园区企业排污接入有序", "提前掌握项目需求"), ("污水配套工程办理",)),
)

_MEMBER_ORGS = tuple(
    OrgSpec(
        name=name,
        kind="utility_member",
        district="滨海新区",
        description=f"联盟成员（{service}）。",
        needs=needs,
        resources=resources,
    )
    for name, service, needs, resources in _MEMBERS
)

# Villages of the seed's safety checks and grid upgrades.
_VILLAGES = (
    ("中塘镇潮宗桥村村委会", ("乡村民宿用电安全", "供电可靠性提升"), ("村民微信群", "村广播")),
    ("茶淀街宝田村村委会", ("有机肥生产用电隐患排查",), ("村民动员",)),
    ("窦庄子村村委会", ("配电网升级改造",), ("施工协调",)),
    ("东升村村委会", ("配电网升级改造",), ("施工协调",)),
)

_VILLAGE_ORGS = tuple(
    OrgSpec(name=name, kind="village_committee", district="滨海新区", needs=needs, resources=resources)
    for name, needs, resources in _VILLAGES
)

ORGANISATIONS = (
    OrgSpec(
        name="滨海新区人民政府",
        short_name="新区政府",
        kind="government",
        district="滨海新区",
        needs=("老旧小区治理见实效", "优化营商环境、项目早投产", "乡村振兴战略落地"),
        resources=("牵头协调各公共服务单位", "政策支持"),
    ),
    OrgSpec(
        name="南港工业区管理委员会",
        short_name="南港管委会",
        kind="government",
        district="滨海新区",
        address="滨海新区南港工业区",
        needs=("压减水电气热污配套工程办理环节", "提升企业对营商环境的评价"),
        resources=("园区规划和入驻企业信息", "组织园区公共服务企业"),
        point=(38.7712, 117.5321),
    ),
    *_MEMBER_ORGS,
    OrgSpec(
        name="中沙石化",
        kind="enterprise",
        district="滨海新区",
        address="滨海新区南港工业区",
        needs=("配套工程快速办理、早日投产", "基础资料一次提交"),
        resources=("节能降耗合作意愿",),
    ),
    OrgSpec(
        name="大乙烯项目公司",
        kind="enterprise",
        district="滨海新区",
        address="滨海新区南港工业区",
        needs=("冷能梯级利用、综合能源管控", "用电报装进度透明"),
        resources=("园区重点用能企业",),
    ),
    OrgSpec(
        name="渤化化工",
        kind="enterprise",
        district="滨海新区",
        address="滨海新区南港工业区",
        needs=("供电可靠、节能降耗",),
        resources=("新能源项目合作",),
    ),
    *_COMMUNITY_ORGS,
    OrgSpec(
        name="小王庄镇人民政府",
        kind="government",
        district="滨海新区",
        needs=("果蔬大棚、乡村民宿用电安全",),
        resources=("组织村民参加安全用电宣传",),
    ),
    OrgSpec(
        name="杨家泊镇人民政府",
        kind="government",
        district="滨海新区",
        needs=("水产养殖用电设备检修",),
        resources=("镇村两级组织动员",),
    ),
    *_VILLAGE_ORGS,
    OrgSpec(
        name="滨海新区新港小学",
        kind="school",
        district="滨海新区",
        needs=("绿色低碳科普进校园",),
        resources=("校园活动场地",),
    ),
    OrgSpec(
        name="滨海新区星语儿童康复中心",
        kind="ngo",
        district="滨海新区",
        description="关爱孤独症儿童的社会组织。",
        needs=("志愿者陪伴", "安全用电设施检查"),
        resources=("孤独症儿童关爱经验",),
    ),
    OrgSpec(
        name="滨海新区融媒体中心",
        kind="media",
        district="滨海新区",
        needs=("公共服务民生新闻线索",),
        resources=("新区媒体报道渠道",),
    ),
)

PEOPLE = (
    PersonSpec("郑卫东", "南港工业区管理委员会", "official", "企业服务处处长", phone(N, 1)),
    PersonSpec("孙海燕", "丹东里社区居委会", "official", "社区党委书记", phone(N, 2)),
    PersonSpec("韩立新", "向阳里社区居委会", "official", "社区主任", phone(N, 3)),
    PersonSpec("马建军", "滨海水务公司", "staff", "客户服务部经理", phone(N, 4)),
    PersonSpec("吴秀兰", "滨海燃气公司", "staff", "安检班长", phone(N, 5)),
    PersonSpec("高志强", "滨海通信公司", "staff", "线路维护主管", phone(N, 6)),
    PersonSpec("冯德胜", "中塘镇潮宗桥村村委会", "official", "村委会主任", phone(N, 7)),
    PersonSpec("许文静", "中沙石化", "entrepreneur", "项目工程部经理", phone(N, 8)),
)

PARK_MEMBERS = tuple(name for name, *_rest in _MEMBERS)

AGREEMENTS = (
    AgreementSpec(
        title="南港工业区公共服务联盟共建合作协议",
        signed_on=day("2020-06-18"),
        valid_until=day("2022-06-17"),
        parties=("南港工业区管理委员会", *PARK_MEMBERS),
        summary=(
            "南港工业区管委会与区域内水气热污等公共服务企业成立公共服务联盟，建立大项目互通机制："
            "在做好信息保密的前提下共享企业通用基础信息，配套工程办理环节由22个压缩至13个。"
        ),
    ),
    AgreementSpec(
        title="丹东里社区支部联创共建协议",
        signed_on=day("2020-04-22"),
        parties=("丹东里社区居委会",),
        summary="供电所党支部与社区党委联创共建：建立社区微信工作群，发放公共服务联络卡，定期上门服务。",
    ),
    AgreementSpec(
        title="潮宗桥村乡村振兴支部共建协议",
        signed_on=day("2021-03-26"),
        parties=("中塘镇潮宗桥村村委会",),
        summary="围绕乡村民宿和大棚用电开展安全检查、推广“网上国网”APP，助力乡村振兴示范村建设。",
    ),
)

MEETINGS = (
    MeetingSpec(
        title="滨海新区公共服务联盟成立座谈会",
        kind="symposium",
        held_at=when("2020-01-16 09:30"),
        place="滨海公司三楼会议室",
        parties=("滨海新区人民政府", "滨海水务公司", "滨海燃气公司", "滨海热力公司", "滨海通信公司"),
        attendees=("马建军", "吴秀兰", "高志强"),
        minutes=(
            "各方交流老旧小区、重点园区和乡村公共服务中的突出问题。确定联盟服务总机制为"
            "“政府牵头、电力配合、多方联动”，工作原则为“客户吹哨、联盟报到”。"
        ),
        decisions=(
            "成立公共服务联盟，滨海公司承担秘书处工作",
            "成员公司与社区、园区企业、村委会负责人建立微信工作群",
            "编制公共服务联络卡，一户一卡发放到老旧小区居民和村民手中",
        ),
    ),
    MeetingSpec(
        title="南港工业区公共服务联盟签约仪式暨大项目互通机制推进会",
        kind="joint",
        held_at=when("2020-06-18 14:00"),
        place="南港工业区管委会会议中心",
        parties=("南港工业区管理委员会", *PARK_MEMBERS, "中沙石化", "大乙烯项目公司"),
        attendees=("郑卫东", "马建军", "许文静"),
        minutes=(
            "签订共建合作协议。梳理水电气热污五大配套工程的22个办理环节，合并重复提交资料和现场勘查，"
            "形成13个环节的联合办理清单。"
        ),
        decisions=(
            "企业通用基础信息一次提交、经企业授权后在成员间共享",
            "配套工程办理环节由22个压缩至13个，按清单跟踪各环节时长",
        ),
    ),
    MeetingSpec(
        title="老旧小区废旧线缆专项治理联席会",
        kind="joint",
        held_at=when("2020-09-08 10:00"),
        place="丹东里社区居委会",
        parties=("丹东里社区居委会", "向阳里社区居委会", "滨海通信公司", "滨海水务公司", "滨海热力公司"),
        attendees=("孙海燕", "韩立新", "高志强"),
        minutes="楼道线缆杂乱、废旧线缆无人认领。各成员公司从源头梳理排查，分社区开展集中治理。",
        decisions=(
            "各联盟成员公司认领各自线缆资产，无主废旧线缆统一清理",
            "在丹东里、向阳里、民主里、解放里4个社区先行治理",
            "应用捆扎器对在运线缆梳理捆扎",
        ),
    ),
    MeetingSpec(
        title="乡村振兴示范村公共服务座谈会",
        kind="symposium",
        held_at=when("2021-04-20 09:00"),
        place="中塘镇潮宗桥村村委会",
        parties=("中塘镇潮宗桥村村委会", "茶淀街宝田村村委会", "小王庄镇人民政府", "杨家泊镇人民政府"),
        attendees=("冯德胜",),
        minutes="村民反映民宿、大棚、水产养殖用电设备缺少检修维护，安全用电意识有待提升。",
        decisions=("分镇村开展电力安全检查并发放安全用电手册", "推广“网上国网”APP线上办电报修"),
    ),
    MeetingSpec(
        title="公共服务联盟2021年度总结座谈会",
        kind="symposium",
        held_at=when("2021-12-16 14:30"),
        place="滨海公司三楼会议室",
        parties=("滨海新区人民政府", "滨海水务公司", "滨海燃气公司", "滨海热力公司", "滨海通信公司"),
        minutes="联盟已与15个老旧社区建立长期服务关系；总结“联盟跑腿”一次到位做法。",
        decisions=("2022年将联盟服务延伸到更多乡村振兴示范村",),
    ),
)

# The 78 abandoned cables of the seed, split across the four communities.
CABLES_REMOVED = {"丹东里": 24, "向阳里": 21, "民主里": 18, "解放里": 15}

_CABLE_CLEANUPS = tuple(
    ActivitySpec(
        title=f"{community}社区废旧线缆专项治理",
        kind="campaign",
        start=start,
        end=start,
        place=f"滨海新区{community}社区",
        organiser=f"{community}社区居委会",
        partners=("滨海通信公司", "滨海水务公司", "滨海热力公司"),
        volunteers=12,
        people_reached=reached,
        metrics={"cables_removed": CABLES_REMOVED[community]},
        description="成员公司认领各自资产，清理无用线缆，用捆扎器梳理捆扎在运线缆，改善楼道美观度。",
    )
    for community, start, reached in (
        ("丹东里", day("2020-09-19"), 260),
        ("向阳里", day("2020-10-17"), 230),
        ("民主里", day("2020-11-07"), 180),
        ("解放里", day("2020-11-28"), 150),
    )
)

_SAFETY_CHECKS = tuple(
    ActivitySpec(
        title=f"{place}电力安全检查",
        kind="safety_check",
        start=start,
        place=f"滨海新区{place}",
        organiser=organiser,
        volunteers=8,
        people_reached=reached,
        materials=materials,
        description=f"为{what}排查安全用电隐患，发放安全用电手册，推广“网上国网”APP。",
    )
    for place, organiser, what, start, reached, materials in (
        ("小王庄镇", "小王庄镇人民政府", "果蔬大棚、乡村民宿", day("2021-05-11"), 120, 150),
        ("杨家泊镇", "杨家泊镇人民政府", "水产养殖公司", day("2021-05-25"), 90, 100),
        ("中塘镇潮宗桥村", "中塘镇潮宗桥村村委会", "乡村民宿", day("2021-06-08"), 110, 120),
        ("茶淀街宝田村", "茶淀街宝田村村委会", "有机肥生产公司", day("2021-06-22"), 80, 90),
    )
)

ACTIVITIES = (
    *_CABLE_CLEANUPS,
    *_SAFETY_CHECKS,
    ActivitySpec(
        title="公共服务联络卡入户发放",
        kind="publicity",
        start=day("2020-03-02"),
        end=day("2020-04-30"),
        place="滨海新区15个老旧社区",
        partners=tuple(f"{name}社区居委会" for name in COMMUNITIES),
        volunteers=30,
        people_reached=4200,
        materials=4200,
        metrics={"communities_served": len(COMMUNITIES)},
        description="一户一卡，写明水电气热通讯各项服务的报修电话和联系人。",
    ),
    ActivitySpec(
        title="空巢老人、困难家庭结对帮扶",
        kind="volunteer",
        start=day("2020-10-24"),
        place="滨海新区向阳里社区",
        organiser="向阳里社区居委会",
        volunteers=15,
        people_reached=40,
        description="联盟志愿者与社区空巢老人、困难家庭结对子，定期上门检查用电用气安全。",
    ),
    ActivitySpec(
        title="关爱孤独症儿童志愿服务",
        kind="volunteer",
        start=day("2021-04-02"),
        place="滨海新区星语儿童康复中心",
        organiser="滨海新区星语儿童康复中心",
        volunteers=10,
        people_reached=35,
        description="世界孤独症日陪伴活动，并检查康复中心用电设施。",
    ),
    ActivitySpec(
        title="绿色低碳生活科普进校园",
        kind="school",
        start=day("2021-06-04"),
        place="滨海新区新港小学",
        organiser="滨海新区新港小学",
        volunteers=6,
        people_reached=320,
        materials=320,
        description="联盟成员公司讲解安全用电、节约用水用气，引导绿色低碳生活。",
    ),
    ActivitySpec(
        title="茶淀街、窦庄子村、东升村配电网升级改造",
        kind="other",
        start=day("2021-03-15"),
        end=day("2021-10-30"),
        place="滨海新区茶淀街",
        partners=("茶淀街宝田村村委会", "窦庄子村村委会", "东升村村委会"),
        description="增强农村电网网架结构，提升供电可靠性，为乡村振兴提供电力支撑。",
    ),
)

_ADDR_XYL = "滨海新区向阳里社区12号楼"

TICKETS = (
    TicketSpec(
        title="丹东里3号楼楼道废旧线缆杂乱",
        kind="request",
        category="joint-visit",
        description="居民反映楼道内多条线缆垂落，分不清是哪家单位的，担心安全。",
        channel="wechat",
        requester_name="李桂芬",
        requester_phone=phone(N, 101),
        address="滨海新区丹东里社区3号楼",
        opened=when("2020-08-24 10:12"),
        due_hours=72,
        assignee="staff",
        assignee_org="滨海通信公司",
        steps=(
            TicketStep("acknowledged", 1.5, "staff", "已转联盟成员公司认领线缆资产。"),
            TicketStep("in_progress", 30, "staff", "通信公司、热力公司现场认领，纳入专项治理。"),
            TicketStep("resolved", 600, "staff", "随丹东里专项治理清理完毕，在运线缆已捆扎。"),
            TicketStep("closed", 620, "admin", "回访居民满意。"),
        ),
    ),
    TicketSpec(
        title="南港工业区新入驻企业配套工程联合办理",
        kind="task",
        category="big-project",
        description="新入驻化工新材料企业申请水电气热污配套工程，按13个环节清单联合办理。",
        priority="high",
        channel="walk_in",
        requester_name="许文静",
        requester_phone=phone(N, 8),
        address="滨海新区南港工业区",
        point=(38.7698, 117.5402),
        days_ago=9,
        due_hours=24 * 20,
        assignee="staff",
        assignee_org="南港污水处理公司",
        steps=(
            TicketStep("acknowledged", 2, "staff", "企业基础信息已录入，经授权共享给5家成员公司。"),
            TicketStep("in_progress", 26, "staff", "供电方案已答复，燃气、污水环节同步办理。"),
        ),
    ),
    TicketSpec(
        title="向阳里12号楼单元停电兼自来水无压",
        kind="request",
        category="joint-visit",
        description="12号楼2单元傍晚停电，二次供水泵停转，楼上住户无水。需电力、水务组团上门。",
        priority="urgent",
        channel="card_qr",
        requester_name="周国庆",
        requester_phone=phone(N, 102),
        address=_ADDR_XYL,
        point=(39.0311, 117.6592),
        days_ago=2.3,
        due_hours=4,
        assignee="grid",
        assignee_org="滨海水务公司",
        steps=(
            TicketStep("acknowledged", 0.2, "grid", "已通知水务公司，联盟跑腿一同到场。"),
            TicketStep("in_progress", 0.6, "staff", "单元进线开关烧损，已更换。"),
            TicketStep("resolved", 2.1, "staff", "恢复供电，水泵已重启，一次到位。"),
        ),
    ),
    TicketSpec(
        title="宝田村有机肥厂配电箱隐患复查",
        kind="inspection",
        category="safety-check",
        description="上次安全检查发现配电箱进水锈蚀，督促整改后复查。",
        channel="web",
        address="滨海新区茶淀街宝田村",
        days_ago=5,
        due_hours=24 * 7,
        assignee="grid",
        assignee_org="茶淀街宝田村村委会",
        steps=(TicketStep("acknowledged", 20, "grid", "已约村委会周四上午一同复查。"),),
    ),
    TicketSpec(
        title="潮宗桥村民宿集中区线路老化",
        kind="request",
        category="village-service",
        description="村委会反映民宿旺季跳闸频繁，进户线老化。",
        channel="wechat",
        requester_name="冯德胜",
        requester_phone=phone(N, 7),
        address="滨海新区中塘镇潮宗桥村",
        days_ago=12,
        due_hours=24 * 10,
        assignee="staff",
        assignee_org="中塘镇潮宗桥村村委会",
        steps=(
            TicketStep("acknowledged", 3, "staff", "已派员勘查。"),
            TicketStep("in_progress", 28, "staff", "改造方案已出，需民宿业主签字确认。"),
            TicketStep("waiting", 50, "staff", "等待村委会组织业主签字。"),
        ),
    ),
    TicketSpec(
        title="解放里社区配变重载告警",
        kind="alert",
        category="equipment-alarm",
        description="晚高峰配变负载率连续三日超过90%。",
        priority="high",
        channel="system",
        address="滨海新区解放里社区配电室",
        days_ago=0.4,
        due_hours=8,
        opened_by="admin",
    ),
    TicketSpec(
        title="胜利里社区居民咨询联络卡补办",
        kind="request",
        category="enquiry",
        description="新搬来的住户没有公共服务联络卡，询问燃气报修电话。",
        priority="low",
        channel="hotline",
        requester_name="陈红",
        requester_phone=phone(N, 103),
        address="滨海新区胜利里社区",
        days_ago=0.5,
        due_hours=48,
    ),
)

UNIT = UnitSpec(
    slug="binhai",
    name="国网天津滨海公司",
    short_name="滨海公司",
    programme="alliance",
    period=(day("2020-01-01"), day("2021-12-31")),
    staff=StaffNames(admin="林志远", staff="何雨晴", grid="张建华"),
    organisations=ORGANISATIONS,
    people=PEOPLE,
    agreements=AGREEMENTS,
    meetings=MEETINGS,
    activities=ACTIVITIES,
    tickets=TICKETS,
)
