"""Chengxi (国网天津城西公司): 五方共议 old-community wiring renovation, 2019-06 … 2021-12.

From the seed: five parties — the power company, the district government (南开区, "1001工程" with 31
node tasks), property management / residents' committees (万兴街道 with 天津泰达建设集团 and 天津天材
建业投资), residents, and the technical contractor (HPLC modules, smart-power management); 16 on-site
co-ordination meetings with 南开区住建委, 万兴街道办事处 and the police station; the plan revised 3
times; a leading group and bi-weekly meetings; the 南江里 fire-hazard and 风荷园 "企业电改电网电" projects
with 嘉陵道街道; 40+ media reports.

Illustrative: community names besides 南江里 and 风荷园, people, dates, places and the agenda of each
meeting. The 16 on-site meetings and the 3 plan revisions are the seed's counts.
"""

from __future__ import annotations

from datetime import datetime

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

N = 8
WANXING = "南开区万兴街道办事处"
HOUSING = "南开区住房和建设委员会"
POLICE = "南开公安分局万兴街派出所"
CONTRACTOR = "津电智慧用电科技有限公司"
FIVE_PARTIES = ("南开区人民政府", WANXING, "万兴街道居民代表", CONTRACTOR)

ORGANISATIONS = (
    OrgSpec(
        name="南开区人民政府",
        kind="government",
        district="南开区",
        needs=("消除私搭乱接电气火灾隐患", "完成区政府重点督办事项"),
        resources=("“1001工程”政企协作", "各部门开辟绿色通道"),
    ),
    OrgSpec(
        name=HOUSING,
        short_name="南开区住建委",
        kind="government",
        district="南开区",
        needs=("改造工程安全、按期",),
        resources=("改造流程前置把关",),
    ),
    OrgSpec(
        name=WANXING,
        kind="government",
        district="南开区",
        needs=("统筹居民诉求、减少矛盾",),
        resources=("对接建设单位和设计单位", "协调施工时间"),
    ),
    OrgSpec(
        name="南开区嘉陵道街道办事处",
        kind="government",
        district="南开区",
        needs=("风荷园社区转供电改造",),
        resources=("社区协调",),
    ),
    OrgSpec(name=POLICE, kind="government", district="南开区", resources=("施工现场秩序维护",)),
    OrgSpec(
        name="天津泰达建设集团有限公司",
        kind="enterprise",
        needs=("施工方案稳定、工期可控",),
        resources=("土建施工",),
    ),
    OrgSpec(
        name="天津天材建业投资有限公司",
        kind="enterprise",
        needs=("施工方案稳定、工期可控",),
        resources=("项目投资与管理",),
    ),
    OrgSpec(
        name="南江里社区居委会",
        kind="residents_committee",
        district="南开区",
        needs=("不再频繁掉闸停电", "物业费收缴"),
        resources=("居委会阵地", "居民动员"),
    ),
    OrgSpec(
        name="风荷园社区居委会",
        kind="residents_committee",
        district="南开区",
        needs=("“企业电”改“电网电”",),
        resources=("居民动员",),
    ),
    OrgSpec(
        name="万兴街道居民代表",
        kind="other",
        description="五方共议中的用户方。",
        needs=("用电安全、新建设施位置合理", "足不出户办理业务"),
        resources=("配合现场勘查、协调施工时间",),
    ),
    OrgSpec(
        name=CONTRACTOR,
        kind="enterprise",
        description="技术服务方（示意）。",
        needs=("打造样板社区、拓展业务",),
        resources=("HPLC宽带模块", "智慧用电管理系统、电气火灾监测"),
    ),
    OrgSpec(name="天津电视台", kind="media", resources=("新闻报道",)),
)

PEOPLE = (
    PersonSpec("侯建民", WANXING, "official", "城管科科长", phone(N, 1)),
    PersonSpec("易红", "南江里社区居委会", "official", "社区主任", phone(N, 2)),
    PersonSpec("邵光明", HOUSING, "official", "老旧小区改造办干部", phone(N, 3)),
    PersonSpec("龚立", CONTRACTOR, "entrepreneur", "项目经理", phone(N, 4)),
    PersonSpec("熊桂芳", "万兴街道居民代表", "resident", "楼门长", phone(N, 5)),
)

AGREEMENTS = (
    AgreementSpec(
        title="南开区“1001工程”老旧小区供电线路改造政企协作协议",
        signed_on=day("2019-07-05"),
        parties=("南开区人民政府", HOUSING),
        summary="细化31项节点任务，前置把关改造流程，各部门开辟绿色通道。",
    ),
    AgreementSpec(
        title="老旧小区HPLC模块与智慧用电改造技术服务协议",
        signed_on=day("2020-03-18"),
        valid_until=day("2021-12-31"),
        parties=(CONTRACTOR,),
        summary="改造HPLC宽带模块，引入智慧用电管理系统，实现电气火灾监测和智能远程缴费。",
    ),
)

# The seed's 16 on-site co-ordination meetings; three of them revised the plan.
_ON_SITE: tuple[tuple[datetime, str, str | None], ...] = (
    (when("2019-07-16 09:30"), "摸底拆除、更换、检修三类线路", None),
    (when("2019-08-06 09:30"), "居民对新建箱变位置的意见", None),
    (when("2019-08-27 14:00"), "箱变选址复议", "调整改造方案（第一次）：箱变移至小区北侧空地"),
    (when("2019-09-17 09:30"), "施工时间与居民出行", None),
    (when("2019-10-15 09:30"), "架空线入地路径", None),
    (when("2019-11-12 14:00"), "冬季施工安全措施", None),
    (when("2020-04-14 09:30"), "复工后工期倒排", "调整改造方案（第二次）：分两个批次施工，先南区后北区"),
    (when("2020-05-12 09:30"), "表计集中换装安排", None),
    (when("2020-06-09 14:00"), "沿街商户用电影响", None),
    (when("2020-07-07 09:30"), "雨季施工与排水", None),
    (when("2020-08-04 09:30"), "南江里私搭乱接整治", "调整改造方案（第三次）：增加楼道电源线整体更换"),
    (when("2020-09-01 14:00"), "风荷园转供电户数核对", None),
    (when("2020-09-29 09:30"), "节前施工收尾", None),
    (when("2020-10-27 09:30"), "HPLC模块换装进度", None),
    (when("2020-11-24 14:00"), "竣工验收准备", None),
    (when("2020-12-15 09:30"), "遗留问题销号", None),
)

MEETINGS = (
    *(
        MeetingSpec(
            title=f"万兴街老旧小区改造现场协调会（{n}）：{topic}",
            kind="on_site",
            held_at=held_at,
            place="万兴街道改造现场",
            parties=(WANXING, HOUSING, POLICE, "万兴街道居民代表"),
            attendees=("侯建民", "邵光明", "熊桂芳"),
            minutes=f"现场协调{topic}，逐户听取居民诉求。",
            decisions=(revision,) if revision else (),
        )
        for n, (held_at, topic, revision) in enumerate(_ON_SITE, start=1)
    ),
    MeetingSpec(
        title="老旧小区供电线路改造五方座谈会",
        kind="consultation",
        held_at=when("2019-07-24 14:00"),
        place=WANXING,
        parties=FIVE_PARTIES,
        attendees=("侯建民", "熊桂芳", "龚立"),
        minutes="电力公司牵头汇总五方诉求和资源，制定详细施工计划。",
        decisions=("成立老旧小区改造领导小组、工作小组及专业工作组", "建立双周例会制度"),
    ),
    MeetingSpec(
        title="风荷园社区转供电改造五方座谈会",
        kind="consultation",
        held_at=when("2020-09-08 14:00"),
        place="风荷园社区居委会",
        parties=("南开区人民政府", "南开区嘉陵道街道办事处", "风荷园社区居委会", "万兴街道居民代表", CONTRACTOR),
        minutes="“企业电”改“电网电”，合并相近工作，减少对居民和商户用电的影响。",
        decisions=("抽调专业骨干加班加点开展电源线改造及表计换装",),
    ),
    *(
        MeetingSpec(
            title="老旧小区改造双周例会",
            kind="working",
            held_at=held_at,
            place="城西公司会议室",
            parties=(WANXING, "天津泰达建设集团有限公司", "天津天材建业投资有限公司", CONTRACTOR),
            attendees=("侯建民", "龚立"),
            minutes="督办节点任务进度，统筹各方工作时间。",
        )
        for held_at in (when("2020-05-19 09:00"), when("2020-06-02 09:00"), when("2020-06-16 09:00"))
    ),
)

ACTIVITIES = (
    ActivitySpec(
        title="共产党员服务队现场受理业务",
        kind="volunteer",
        start=day("2020-05-16"),
        end=day("2020-05-17"),
        place="南开区万兴街道",
        partners=("南江里社区居委会",),
        volunteers=14,
        people_reached=210,
        description="现场受理居民新装等手续，发放购电卡和购电证，居民足不出户办理业务。",
    ),
    ActivitySpec(
        title="表计与HPLC模块集中换装",
        kind="campaign",
        start=day("2020-05-18"),
        end=day("2020-11-20"),
        place="南开区万兴街道老旧小区",
        partners=(CONTRACTOR, "南江里社区居委会"),
        volunteers=20,
        description="表计换装期间入户检查线路，及时消除用电安全隐患。",
    ),
    ActivitySpec(
        title="安全用电常识进社区暨“网上国网”推广",
        kind="publicity",
        start=day("2020-10-24"),
        place="南江里社区居委会",
        organiser="南江里社区居委会",
        volunteers=8,
        people_reached=180,
        materials=300,
        description="借助居委会阵地宣传安全用电常识，推广网上国网APP。",
    ),
)

TICKETS = (
    TicketSpec(
        title="居民反对箱变建在楼前",
        kind="request",
        category="resident-concern",
        description="3号楼居民联名反映新建箱变距离窗户太近。",
        priority="high",
        channel="web",
        requester_name="熊桂芳",
        requester_phone=phone(N, 5),
        address="南开区万兴街道",
        opened=when("2019-08-07 10:00"),
        due_hours=24 * 21,
        assignee="staff",
        assignee_org=WANXING,
        steps=(
            TicketStep("acknowledged", 4, "staff"),
            TicketStep("in_progress", 24, "staff", "提交现场协调会复议。"),
            TicketStep("resolved", 480, "staff", "第一次方案调整：箱变移至北侧空地。"),
            TicketStep("closed", 500, "admin"),
        ),
    ),
    TicketSpec(
        title="南江里楼道私搭乱接隐患排查",
        kind="inspection",
        category="safety-check",
        description="入户检查楼道私拉电线给电动车充电的情况。",
        channel="web",
        address="南开区南江里社区",
        days_ago=6,
        due_hours=24 * 7,
        assignee="grid",
        assignee_org="南江里社区居委会",
        steps=(TicketStep("acknowledged", 5, "grid"), TicketStep("in_progress", 30, "grid", "已排查4个楼门。")),
    ),
    TicketSpec(
        title="HPLC模块换装后远程缴费失败",
        kind="request",
        category="smart-power",
        description="居民反映手机缴费后表计未到账。",
        channel="web",
        requester_name="易红",
        requester_phone=phone(N, 2),
        address="南开区南江里社区",
        days_ago=0.8,
        due_hours=24,
        assignee="staff",
        assignee_org=CONTRACTOR,
        steps=(TicketStep("acknowledged", 1, "staff", "转技术服务方排查通信。"),),
    ),
    TicketSpec(
        title="老旧小区电气火灾监测温度告警",
        kind="alert",
        category="fire-monitoring",
        description="智慧用电系统监测到楼道配电箱线缆温度异常。",
        priority="urgent",
        channel="system",
        address="南开区万兴街道",
        days_ago=11,
        due_hours=2,
        assignee="grid",
        opened_by="admin",
        steps=(
            TicketStep("acknowledged", 0.2, "grid"),
            TicketStep("resolved", 1.5, "grid", "接头松动发热，已紧固。"),
            TicketStep("closed", 24, "staff"),
        ),
    ),
)

UNIT = UnitSpec(
    slug="chengxi",
    name="国网天津城西公司",
    short_name="城西公司",
    programme="renovation",
    period=(day("2019-06-01"), day("2021-12-31")),
    staff=StaffNames(admin="施建国", staff="万晓琳", grid="钟伟"),
    organisations=ORGANISATIONS,
    people=PEOPLE,
    agreements=AGREEMENTS,
    meetings=MEETINGS,
    activities=ACTIVITIES,
    tickets=TICKETS,
)
