"""Marketing service centre (国网天津营销服务中心（计量中心）): the care code 关爱码, 2021-04-01 … 2021-11-30.

From the seed: green / yellow / red codes (电量平稳, 用电波动, 明显异动); the three-level linkage
"民政部门—属地街道—试点社区"; the 政务侧 and 亲属侧 versions; the joint team with 国网客服中心 and
国网大数据中心; roll-out to 5 provincial companies (福建, 新疆 and three others); the rural
revitalisation index piloted in 武清, 宁河 and 宝坻, with agreements signed with the local civil-affairs
bureaus and an intention of co-operation with the agriculture and rural affairs commission.

Illustrative: the pilot street and community, people, dates, places and counts the seed does not give.
The care alerts below are fictitious people; their codes come from the careband programme's scoring.
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

N = 2
PILOT_DISTRICTS = ("武清区", "宁河区", "宝坻区")

_BUREAUS = tuple(
    OrgSpec(
        name=f"{district}民政局",
        kind="government",
        district=district,
        needs=("掌握农村困难独居老人生活状态", "精准定位“空心村”", "降低走访人力和资金成本"),
        resources=("困难群众名册", "乡镇、村两级民政网络"),
    )
    for district in PILOT_DISTRICTS
)

ORGANISATIONS = (
    OrgSpec(
        name="天津市民政局",
        short_name="市民政局",
        kind="government",
        district="全市",
        needs=("独居老人关爱难、困难群众帮扶难", "智慧养老手段"),
        resources=("养老服务政策", "民政数据"),
    ),
    *_BUREAUS,
    OrgSpec(
        name="天津市农业农村委员会",
        short_name="市农业农村委",
        kind="government",
        district="全市",
        needs=("乡村振兴评估指标", "巩固帮扶困难村成果"),
        resources=("乡村振兴政策", "村级基础数据"),
    ),
    OrgSpec(
        name="河东区二号桥街道办事处",
        kind="government",
        district="河东区",
        description="“关爱码”政务侧试点街道（示意）。",
        needs=("网格员看得懂、用得上的关爱提示",),
        resources=("网格员队伍",),
    ),
    OrgSpec(
        name="二号桥街道试点社区居委会",
        kind="residents_committee",
        district="河东区",
        description="“关爱码”政务侧试点社区（示意）。",
        needs=("红码出现后能及时上门", "系统操作简单"),
        resources=("熟悉独居老人家庭情况", "入户走访"),
    ),
    OrgSpec(
        name="国网客户服务中心",
        short_name="国网客服中心",
        kind="power_unit",
        needs=("“网上国网”民生服务类产品",),
        resources=("“网上国网”APP平台与推广", "国网26省用电信息采集数据"),
    ),
    OrgSpec(
        name="国网大数据中心",
        kind="power_unit",
        needs=("用电异常识别模型应用场景",),
        resources=("用电异常识别模型优化",),
    ),
    OrgSpec(name="国网福建省电力有限公司", short_name="国网福建电力", kind="power_unit", needs=("关爱码试点上线",)),
    OrgSpec(name="国网新疆电力有限公司", short_name="国网新疆电力", kind="power_unit", needs=("关爱码试点上线",)),
    OrgSpec(name="央广网", kind="media", needs=("民生服务报道线索",), resources=("中央媒体报道",)),
)

PEOPLE = (
    PersonSpec("宋雅琴", "天津市民政局", "official", "养老服务处干部", phone(N, 1)),
    PersonSpec("邱明", "武清区民政局", "official", "社会救助科科长", phone(N, 2)),
    PersonSpec("白振华", "宁河区民政局", "official", "社会救助科科长", phone(N, 3)),
    PersonSpec("葛丽娜", "二号桥街道试点社区居委会", "grid_worker", "社区网格员", phone(N, 4)),
    PersonSpec("袁浩", "国网客户服务中心", "staff", "网上国网运营中心产品经理", phone(N, 5)),
    PersonSpec("范思琪", "国网大数据中心", "expert", "数据分析师", phone(N, 6)),
)

AGREEMENTS = (
    *(
        AgreementSpec(
            title=f"电力大数据助力农村地区困难独居老人帮扶合作协议（{district}）",
            signed_on=signed,
            parties=(f"{district}民政局",),
            summary="共享乡村振兴指数试点评估结果，共同建起助力农村困难独居老人帮扶的“关爱之眼”。",
        )
        for district, signed in zip(
            PILOT_DISTRICTS, (day("2021-08-17"), day("2021-09-03"), day("2021-09-22")), strict=True
        )
    ),
    AgreementSpec(
        title="“关爱码”党委共建协议",
        signed_on=day("2021-07-01"),
        parties=("国网客户服务中心", "国网大数据中心"),
        summary="建立党委共建机制，组建联合攻关团队，共同开展“关爱码”产品升级改造。",
    ),
)

MEETINGS = (
    MeetingSpec(
        title="“关爱码”政企三级联动工作启动会",
        kind="joint",
        held_at=when("2021-04-22 09:30"),
        place="营销服务中心会议室",
        parties=("天津市民政局", "河东区二号桥街道办事处", "二号桥街道试点社区居委会"),
        attendees=("宋雅琴", "葛丽娜"),
        minutes="建立“民政部门—属地街道—试点社区”三级联动机制，明确红码处置流程。",
        decisions=("红码出现后由社区网格员当日上门核实并记录", "黄码纳入网格员每周关注名单"),
    ),
    MeetingSpec(
        title="网上国网运营中心“关爱码”调研座谈会",
        kind="symposium",
        held_at=when("2021-06-10 14:00"),
        place="营销服务中心会议室",
        parties=("国网客户服务中心",),
        attendees=("袁浩",),
        minutes="网上国网运营中心主任、国网天津电力营销部副主任参加，协同制定产品优化和运营推广措施。",
        decisions=("产品拓展为“政务侧”和“亲属侧”两个版本", "拓展至国网福建、新疆等5家网省公司试点"),
    ),
    MeetingSpec(
        title="“关爱码”联合攻关团队工作会",
        kind="working",
        held_at=when("2021-07-15 10:00"),
        place="线上会议",
        parties=("国网客户服务中心", "国网大数据中心"),
        attendees=("袁浩", "范思琪"),
        minutes="客服中心摸排国网26省采集数据情况；大数据中心优化用电异常识别模型。",
        decisions=("亲属侧须经被关爱人同意后方可绑定",),
    ),
    MeetingSpec(
        title="乡村振兴指数试点评估座谈会",
        kind="symposium",
        held_at=when("2021-08-05 09:30"),
        place="武清区民政局",
        parties=("武清区民政局", "宁河区民政局", "宝坻区民政局", "天津市农业农村委员会"),
        attendees=("邱明", "白振华"),
        minutes="介绍基于历史用电量、营销档案和专家经验的乡村振兴指标体系与权重，讨论“空心村”判定。",
        decisions=("在武清、宁河、宝坻农村地区开展试点评估", "与农业农村委形成“电力大数据助力乡村振兴”合作意向"),
    ),
)

ACTIVITIES = (
    *(
        ActivitySpec(
            title=f"{district}乡村振兴指数试点评估",
            kind="other",
            start=start,
            end=end,
            place=f"{district}农村地区",
            organiser=f"{district}民政局",
            metrics={"pilot_districts": 1},
            description="基于用电量和营销档案识别空置房屋，按指标权重为村庄评分，辅助定位“空心村”。",
        )
        for district, start, end in (
            ("武清区", day("2021-08-09"), day("2021-09-10")),
            ("宁河区", day("2021-09-06"), day("2021-10-08")),
            ("宝坻区", day("2021-09-27"), day("2021-10-29")),
        )
    ),
    ActivitySpec(
        title="“关爱码”政务侧、亲属侧升级上架并拓展至5家网省公司",
        kind="campaign",
        start=day("2021-09-15"),
        end=day("2021-11-30"),
        place="“网上国网”APP",
        partners=("国网客户服务中心", "国网福建省电力有限公司", "国网新疆电力有限公司"),
        metrics={"provincial_companies": 5},
        description="升级后的“关爱码”在国网福建、国网新疆等5家网省公司“网上国网”APP试点上线。",
    ),
    ActivitySpec(
        title="重阳节独居老人入户关爱服务",
        kind="volunteer",
        start=day("2021-10-14"),
        place="河东区二号桥街道试点社区",
        organiser="二号桥街道试点社区居委会",
        volunteers=12,
        people_reached=46,
        description="共产党员服务队与网格员入户检查用电安全，了解老人对“关爱码”的使用感受。",
    ),
    ActivitySpec(
        title="社区网格员“关爱码”使用培训",
        kind="training",
        start=day("2021-05-13"),
        place="河东区二号桥街道办事处",
        organiser="河东区二号桥街道办事处",
        volunteers=3,
        people_reached=28,
        description="讲解红黄绿三色码含义与红码处置流程。",
    ),
)

_COMMUNITY = "河东区二号桥街道试点社区"

TICKETS = (
    TicketSpec(
        title="关爱对象用电明显异动（红码）·福东北里",
        kind="alert",
        category="care-red",
        description="独居老人近两日用电量接近零，与平日明显不同。",
        priority="urgent",
        channel="system",
        address=f"{_COMMUNITY}福东北里",
        days_ago=0.2,
        due_hours=4,
        assignee="grid",
        opened_by="admin",
    ),
    TicketSpec(
        title="关爱对象用电明显异动（红码）·东兴里",
        kind="alert",
        category="care-red",
        description="连续三日夜间无用电。",
        priority="urgent",
        channel="system",
        address=f"{_COMMUNITY}东兴里",
        days_ago=4,
        due_hours=4,
        assignee="grid",
        opened_by="admin",
        steps=(
            TicketStep("acknowledged", 0.5, "grid", "已联系社区网格员葛丽娜上门。"),
            TicketStep("resolved", 2.5, "grid", "老人到女儿家小住，电话确认平安；已告知亲属侧绑定方法。"),
            TicketStep("closed", 6, "staff"),
        ),
    ),
    TicketSpec(
        title="关爱对象用电波动（黄码）持续一周",
        kind="alert",
        category="care-yellow",
        description="用电量连续一周波动，列入网格员关注名单。",
        channel="system",
        address=f"{_COMMUNITY}二号桥里",
        days_ago=7,
        due_hours=24 * 10,
        assignee="grid",
        opened_by="admin",
        steps=(
            TicketStep("acknowledged", 10, "grid", "周五随访。"),
            TicketStep("waiting", 30, "grid", "老人住院，等待出院后回访。"),
        ),
    ),
    TicketSpec(
        title="亲属申请绑定关爱对象（亲属侧）",
        kind="request",
        category="relative-binding",
        description="子女在外地工作，申请通过亲属侧关注母亲用电情况，需核实被关爱人同意。",
        channel="web",
        requester_name="刘淑珍",
        requester_phone=phone(N, 101),
        days_ago=1.5,
        due_hours=72,
        assignee="staff",
        steps=(TicketStep("acknowledged", 3, "staff", "已联系被关爱人本人确认同意。"),),
    ),
    TicketSpec(
        title="宁河区试点村空置房屋核实",
        kind="task",
        category="rural-index",
        description="指数显示某村空置率偏高，请民政局协同现场核实。",
        channel="web",
        opened=when("2021-10-12 09:00"),
        due_hours=24 * 14,
        assignee="staff",
        assignee_org="宁河区民政局",
        steps=(
            TicketStep("acknowledged", 24, "staff"),
            TicketStep("in_progress", 72, "staff", "民政局组织村委会逐户核实。"),
            TicketStep("resolved", 260, "staff", "核实结果与指数判定基本一致。"),
            TicketStep("closed", 300, "admin"),
        ),
    ),
)

UNIT = UnitSpec(
    slug="marketing",
    name="国网天津营销服务中心（计量中心）",
    short_name="营销服务中心",
    programme="careband",
    period=(day("2021-04-01"), day("2021-11-30")),
    staff=StaffNames(admin="王思远", staff="程晓雯", grid="葛丽娜"),
    organisations=ORGANISATIONS,
    people=PEOPLE,
    agreements=AGREEMENTS,
    meetings=MEETINGS,
    activities=ACTIVITIES,
    tickets=TICKETS,
)
