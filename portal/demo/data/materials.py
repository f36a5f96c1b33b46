"""Materials company (国网天津物资公司): 低碳供应链, 2021-04-26 … 2021-12-15.

From the seed: procurement → inspection → storage → transport ("采检储运") as one low-carbon chain;
transparency towards tendering parties, provincial materials companies, suppliers, industry and
media; the supplier service hall ("一网通办", 首问负责制); the strategic agreement with 国网电商公司
and the co-operation agreement with 国网拍卖公司; strategic intentions with 天津市特变电工变压器有限公司
and three other stakeholders; 60+ energy-saving purchase standards compiled with suppliers; the
"物资学堂" training platform.

Illustrative: the other suppliers, people, dates, and how the 60+ standards split across batches.
Inspection capacity and carbon savings are the supplychain programme's figures and are not typed here.
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

N = 5
TBEA = "天津市特变电工变压器有限公司"
INTENT_PARTIES = (TBEA, "津缆电线电缆有限公司", "华北开关设备有限公司", "津运物流有限公司")

ORGANISATIONS = (
    OrgSpec(
        name="国网电子商务有限公司",
        short_name="国网电商公司",
        kind="power_unit",
        needs=("孵化供应链新业态",),
        resources=("电商平台", "应急防疫及零星物资分发渠道"),
    ),
    OrgSpec(
        name="国网拍卖公司",
        kind="power_unit",
        needs=("废旧物资处置业务",),
        resources=("拍卖平台",),
    ),
    OrgSpec(
        name="国网天津建设公司",
        kind="power_unit",
        description="招标方、项目单位（示意）。",
        needs=("物资按期到货", "现场在线收发货"),
        resources=("项目需求计划",),
    ),
    OrgSpec(
        name=TBEA,
        short_name="特变电工",
        kind="supplier",
        needs=("采购标准公开透明", "业务办理少跑腿"),
        resources=("节能型变压器", "在线监造配合"),
    ),
    OrgSpec(
        name="津缆电线电缆有限公司",
        kind="supplier",
        description="线缆供应商（示意）。",
        needs=("检测排期可预期",),
        resources=("绿色包装与回收",),
    ),
    OrgSpec(
        name="华北开关设备有限公司",
        kind="supplier",
        description="开关设备供应商（示意）。",
        needs=("合同履约进度可查询",),
        resources=("小型化、智能化开关设备",),
    ),
    OrgSpec(
        name="津运物流有限公司",
        kind="supplier",
        description="承运商（示意）。",
        needs=("稳定运量、减少空驶",),
        resources=("运力资源",),
    ),
    OrgSpec(
        name="天津大学",
        kind="research",
        district="南开区",
        needs=("供应链低碳研究场景",),
        resources=("产学研平台",),
    ),
    OrgSpec(name="国家电网报", kind="media", resources=("行业宣传",)),
)

PEOPLE = (
    PersonSpec("孔德明", "国网电子商务有限公司", "staff", "供应链事业部经理", phone(N, 1)),
    PersonSpec("章丽", TBEA, "entrepreneur", "营销总监", phone(N, 2)),
    PersonSpec("尹卫平", "津运物流有限公司", "entrepreneur", "调度主管", phone(N, 3)),
    PersonSpec("余晓峰", "国网天津建设公司", "staff", "物资专责", phone(N, 4)),
)

AGREEMENTS = (
    AgreementSpec(
        title="国网电商公司战略合作协议",
        signed_on=day("2021-06-18"),
        parties=("国网电子商务有限公司",),
        summary="形成“双翼联合”，将仓库打造为应急防疫物资及零星物资区域仓储分发中心，预计年周转量2000万元。",
    ),
    AgreementSpec(
        title="国网拍卖公司合作协议",
        signed_on=day("2021-05-27"),
        parties=("国网拍卖公司",),
        summary="合作开展废旧物资拍卖处置，提高可再生资源处置效率。",
    ),
    AgreementSpec(
        title="低碳供应链战略合作意向书",
        signed_on=day("2021-09-16"),
        parties=INTENT_PARTIES,
        summary="携手供应商优选小型化、智能化、节能型电网设备，共同编制节能新产品、新技术采购标准。",
    ),
)

MEETINGS = (
    MeetingSpec(
        title="低碳供应链利益相关方调研座谈会",
        kind="symposium",
        held_at=when("2021-05-11 09:30"),
        place="物资公司会议室",
        parties=("国网天津建设公司", TBEA, "津缆电线电缆有限公司", "津运物流有限公司"),
        attendees=("余晓峰", "章丽", "尹卫平"),
        minutes="明确缺少一体化运作平台、资源难以整合、上下游存在壁垒等问题。",
        decisions=("构建“采检储运”一体化运营模式", "在ESC平台部署“计划全流程监控”"),
    ),
    MeetingSpec(
        title="节能新产品采购标准编制研讨会",
        kind="working",
        held_at=when("2021-08-12 14:00"),
        place="物资公司会议室",
        parties=INTENT_PARTIES,
        attendees=("章丽",),
        minutes="讨论变压器、线缆、开关设备的节能指标和检测方法。",
        decisions=("分三批编制节能新产品、新技术采购标准",),
    ),
    MeetingSpec(
        title="供应链开放日暨供应商服务大厅上线发布会",
        kind="other",
        held_at=when("2021-10-21 10:00"),
        place="物资公司检测中心",
        parties=(*INTENT_PARTIES, "国家电网报"),
        minutes="展示无人化地下连廊送检、势能回收堆垛机、飞眼仓储全景系统；发布“一网通办”服务大厅。",
        decisions=("供应商业务实行“首问负责制”，公开办理流程及进度",),
    ),
)

STANDARD_BATCHES = (
    ("第一批", day("2021-06-01"), day("2021-07-31"), 20),
    ("第二批", day("2021-08-01"), day("2021-09-30"), 22),
    ("第三批", day("2021-10-01"), day("2021-11-30"), 20),
)

ACTIVITIES = (
    *(
        ActivitySpec(
            title=f"节能新产品、新技术采购标准编制（{batch}）",
            kind="other",
            start=start,
            end=end,
            place="物资公司",
            partners=INTENT_PARTIES,
            metrics={"standards_compiled": count},
            description="与供应商共同编制节能新产品、新技术采购标准。",
        )
        for batch, start, end, count in STANDARD_BATCHES
    ),
    ActivitySpec(
        title="“物资学堂”：讲制度、讲流程",
        kind="training",
        start=day("2021-06-24"),
        place="物资公司培训室",
        partners=("国网天津建设公司", TBEA),
        people_reached=85,
        description="纳入项目单位、供应商，由被动培训转向研讨式双向交流。",
    ),
    ActivitySpec(
        title="“物资学堂”：讲案例、谈体会",
        kind="training",
        start=day("2021-11-11"),
        place="线上",
        partners=("津缆电线电缆有限公司", "华北开关设备有限公司"),
        people_reached=120,
        description="交流郑州特大暴雨灾害抢修物资保障经验。",
    ),
)

TICKETS = (
    TicketSpec(
        title="供应商查询合同履约及付款进度",
        kind="request",
        category="supplier-hall",
        description="供应商在服务大厅提交查询，首问负责人答复。",
        priority="low",
        channel="web",
        requester_name="章丽",
        requester_phone=phone(N, 2),
        days_ago=1.2,
        due_hours=24,
        assignee="staff",
        assignee_org=TBEA,
        steps=(TicketStep("acknowledged", 0.5, "staff"), TicketStep("resolved", 5, "staff", "已答复付款节点。")),
    ),
    TicketSpec(
        title="配电变压器到货计划逾期预警",
        kind="alert",
        category="plan-monitoring",
        description="合同约定到货日前3天仍未排产，ESC平台事中监控报警。",
        priority="high",
        channel="system",
        days_ago=2,
        due_hours=72,
        assignee="staff",
        assignee_org=TBEA,
        opened_by="admin",
        steps=(TicketStep("acknowledged", 1, "staff", "已联系供应商确认排产。"),),
    ),
    TicketSpec(
        title="10千伏电缆到货抽检",
        kind="inspection",
        category="inspection-test",
        description="按B级检测项目抽检到货电缆。",
        channel="system",
        days_ago=6,
        due_hours=24 * 5,
        assignee="grid",
        assignee_org="津缆电线电缆有限公司",
        steps=(
            TicketStep("acknowledged", 4, "grid"),
            TicketStep("in_progress", 24, "grid", "经地下连廊自动送检。"),
            TicketStep("resolved", 70, "grid", "抽检合格。"),
            TicketStep("closed", 80, "staff"),
        ),
    ),
    TicketSpec(
        title="应急物资跨区调拨车辆调度",
        kind="task",
        category="transport",
        description="整合运力，返程搭载回收物资，压降空载率。",
        channel="system",
        opened=when("2021-07-22 08:00"),
        due_hours=12,
        assignee="staff",
        assignee_org="津运物流有限公司",
        steps=(
            TicketStep("acknowledged", 0.5, "staff"),
            TicketStep("in_progress", 1, "staff"),
            TicketStep("resolved", 9, "staff", "6小时内抵达现场。"),
            TicketStep("closed", 30, "admin"),
        ),
    ),
)

UNIT = UnitSpec(
    slug="materials",
    name="国网天津物资公司",
    short_name="物资公司",
    programme="supplychain",
    period=(day("2021-04-26"), day("2021-12-15")),
    staff=StaffNames(admin="邓国栋", staff="苏晴", grid="崔志鹏"),
    organisations=ORGANISATIONS,
    people=PEOPLE,
    agreements=AGREEMENTS,
    meetings=MEETINGS,
    activities=ACTIVITIES,
    tickets=TICKETS,
)
