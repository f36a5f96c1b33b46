"""Wuqing (国网天津武清公司): "小电表"中的"大数据" line-loss theft screening, 2021-05 … 2021-12.

From the seed: the electricity-facility protection joint-meeting mechanism with the district's
工信局, 交通局, 城管委 and 开发区总公司; co-building agreements with 7 government and park party
organisations; law-and-safety co-building with 58 village party branches through 13 supply service
centres; the theft hot spots 老米店 and 小王村 brought under control; the "窃电客户行为分析报表".

Illustrative: the three bodies the seed does not name, the village and service-centre names besides
老米店 and 小王村, people, dates and how the 58 branches split across the 13 centres (the totals are the
seed's). Theft cases and recovered energy are the theftscan programme's computed figures.
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

N = 9

# The seed's 7 government and park party organisations (the first four are named in the seed).
BODIES = (
    ("武清区工业和信息化局", "government", "园区企业用电安全稳定、护航招商引资"),
    ("武清区交通运输局", "government", "道路施工不损坏电力设施"),
    ("武清区城市管理委员会", "government", "整治违章搭建、私拉乱接"),
    ("武清开发区总公司", "enterprise", "开发区企业公平用电环境"),
    ("武清区司法局", "government", "普法宣传进村街"),
    ("京滨工业园管理委员会", "government", "园区电力设施保护"),
    ("武清汽车产业园管理委员会", "government", "园区电力设施保护"),
)

# The seed's 58 village party branches (老米店 and 小王村 are the seed's theft hot spots).
VILLAGES = (
    "老米店村", "小王村", "前屯村", "后屯村", "东王庄村", "西王庄村", "南辛庄村", "北辛庄村",
    "大刘庄村", "小刘庄村", "张家庄村", "李家庄村", "赵家务村", "孙家务村", "周庄村", "吴庄村",
    "郑庄村", "马营村", "杨营村", "朱营村", "胡各庄村", "高各庄村", "林场村", "河西村",
    "河东村", "前进村", "红星村", "新立村", "永安村", "太平庄村", "富民村", "兴隆村",
    "东辛庄村", "西辛庄村", "三里屯村", "五里庄村", "八里桥村", "十里铺村", "大杨村", "小杨村",
    "南蔡村", "北蔡村", "东三村", "西三村", "梨园村", "枣林村", "柳河村", "杨柳村",
    "荷花村", "双树村", "三官庙村", "关帝庙村", "王家场村", "董家场村", "大碱厂村", "小碱厂村",
    "上马台村", "下马台村",
)  # fmt: skip

# The 13 supply service centres and how many of the 58 branches each works with.
CENTRES = (
    ("杨村", 5), ("下朱庄", 4), ("王庆坨", 5), ("河西务", 4), ("崔黄口", 5), ("大良", 4), ("梅厂", 5),
    ("大碱厂", 4), ("南蔡村", 5), ("泗村店", 4), ("黄庄", 5), ("石各庄", 4), ("上马台", 4),
)  # fmt: skip


def branch(village: str) -> str:
    return f"{village}党支部"


def _centre_villages() -> list[tuple[str, tuple[str, ...]]]:
    """Deal the villages out to the centres in order."""
    dealt: list[tuple[str, tuple[str, ...]]] = []
    start = 0
    for centre, size in CENTRES:
        dealt.append((centre, VILLAGES[start : start + size]))
        start += size
    return dealt


ORGANISATIONS = (
    *(
        OrgSpec(
            name=name,
            kind=kind,
            district="武清区",
            needs=(need,),
            resources=("党组织共建", "线上专项工作群信息共享"),
        )
        for name, kind, need in BODIES
    ),
    *(
        OrgSpec(
            name=branch(village),
            kind="village_committee",
            district="武清区",
            needs=("公平用电环境", "安全用电知识"),
            resources=("村务公开栏和广播", "熟悉村内用电户"),
        )
        for village in VILLAGES
    ),
    OrgSpec(
        name="园区企业代表",
        kind="other",
        needs=("安全稳定的电力供应",),
        resources=("配合用电检查",),
    ),
)

PEOPLE = (
    PersonSpec("雷振宇", "武清区工业和信息化局", "official", "电力科科长", phone(N, 1)),
    PersonSpec("章海波", "武清区城市管理委员会", "official", "执法大队队长", phone(N, 2)),
    PersonSpec("牛德才", branch("老米店村"), "official", "村党支部书记", phone(N, 3)),
    PersonSpec("柴玉林", branch("小王村"), "official", "村党支部书记", phone(N, 4)),
    PersonSpec("岳明", "武清开发区总公司", "entrepreneur", "安全部经理", phone(N, 5)),
)

AGREEMENTS = tuple(
    AgreementSpec(
        title=f"电力设施保护党组织共建协议（{name}）",
        signed_on=signed,
        parties=(name,),
        summary="以党建共建深化电力设施保护合作，共同治理电力设施隐患，携手打击窃电行为。",
    )
    for (name, _kind, _need), signed in zip(
        BODIES,
        (
            day("2021-06-08"),
            day("2021-06-08"),
            day("2021-06-22"),
            day("2021-07-06"),
            day("2021-07-20"),
            day("2021-08-17"),
            day("2021-09-14"),
        ),
        strict=True,
    )
)

_BODY_NAMES = tuple(name for name, _kind, _need in BODIES)

MEETINGS = (
    MeetingSpec(
        title="电力设施保护联席会议（第一次）",
        kind="joint",
        held_at=when("2021-06-08 09:30"),
        place="武清公司会议室",
        parties=_BODY_NAMES[:4],
        attendees=("雷振宇", "章海波", "岳明"),
        minutes="通报电力大数据分析出的违约用电集中点位，研讨电力设施隐患治理。",
        decisions=("建立电力设施保护联席会议机制，不定期研讨", "建立线上专项工作群常态化交流"),
    ),
    MeetingSpec(
        title="电力设施保护暨普法安全共建推进会",
        kind="joint",
        held_at=when("2021-07-15 14:00"),
        place="武清区司法局报告厅",
        parties=_BODY_NAMES + tuple(branch(v) for v in VILLAGES),
        attendees=("雷振宇", "牛德才", "柴玉林"),
        minutes="7个政府、园区党组织和58个村党支部参加，部署13个供电服务中心与村街普法安全共建。",
        decisions=("每个供电服务中心与辖区村党支部结对开展普法宣传", "集中治理老米店、小王村窃电顽疾区"),
    ),
    MeetingSpec(
        title="电力设施保护联席会议（第二次）",
        kind="joint",
        held_at=when("2021-10-19 09:30"),
        place="武清开发区总公司",
        parties=_BODY_NAMES,
        attendees=("雷振宇", "岳明"),
        minutes="通报老米店、小王村治理成效和园区用电检查情况。",
        decisions=("年底前推出“窃电热力图”，按区域展示电量异常",),
    ),
)

ACTIVITIES = (
    *(
        ActivitySpec(
            title=f"{centre}供电服务中心供用电普法安全共建",
            kind="publicity",
            start=day("2021-07-26"),
            end=day("2021-11-30"),
            place=f"武清区{centre}",
            partners=tuple(branch(v) for v in villages),
            volunteers=6,
            metrics={"village_branches": len(villages)},
            description="围绕电力法、电力设施保护条例宣教，对违章用电行为警示宣贯。",
        )
        for centre, villages in _centre_villages()
    ),
    ActivitySpec(
        title="老米店、小王村窃电顽疾区集中治理",
        kind="campaign",
        start=day("2021-08-02"),
        end=day("2021-10-15"),
        place="武清区老米店村、小王村",
        partners=(branch("老米店村"), branch("小王村"), "武清区城市管理委员会"),
        volunteers=24,
        description="依据台区损失电量、用户用电量、台区线损率三条曲线锁定嫌疑户，联合村委会现场核查。",
    ),
)

TICKETS = (
    TicketSpec(
        title="老米店3号台区线损率异常升高",
        kind="alert",
        category="line-loss",
        description="台区线损率由4%升至13%，持续一周。",
        priority="high",
        channel="system",
        address="武清区老米店村3号台区",
        point=(39.3842, 117.0455),
        days_ago=2,
        due_hours=96,
        assignee="staff",
        opened_by="admin",
        steps=(TicketStep("acknowledged", 1, "staff", "已导出台区数据明细，三条曲线比对中。"),),
    ),
    TicketSpec(
        title="小王村嫌疑户现场核查（用户尾号0417）",
        kind="inspection",
        category="theft-check",
        description="用户用电量与台区损失电量呈明显负相关，排名第一，需现场核查。",
        priority="high",
        channel="system",
        address="武清区小王村",
        days_ago=5,
        due_hours=72,
        assignee="grid",
        assignee_org=branch("小王村"),
        steps=(
            TicketStep("acknowledged", 3, "grid"),
            TicketStep("in_progress", 20, "grid", "会同村支部到场。"),
            TicketStep("resolved", 26, "grid", "发现绕表用电，已取证并按规定追补电费、收取违约使用电费。"),
            TicketStep("closed", 40, "staff"),
        ),
    ),
    TicketSpec(
        title="开发区企业疑似私拉乱接",
        kind="inspection",
        category="contract-violation",
        description="联席会议群内城管委通报某厂房外接临时线路。",
        channel="wechat",
        requester_name="章海波",
        requester_phone=phone(N, 2),
        address="武清开发区",
        days_ago=9,
        due_hours=24 * 14,
        assignee="staff",
        assignee_org="武清开发区总公司",
        steps=(
            TicketStep("acknowledged", 2, "staff"),
            TicketStep("in_progress", 30, "staff"),
            TicketStep("waiting", 60, "staff", "等待企业提供增容手续材料。"),
        ),
    ),
    TicketSpec(
        title="村民咨询违约用电处理标准",
        kind="request",
        category="law-enquiry",
        description="村民询问私自增加用电容量如何处理。",
        priority="low",
        channel="hotline",
        requester_name="武清区村民",
        requester_phone=phone(N, 101),
        opened=when("2021-09-03 15:20"),
        due_hours=24,
        assignee="staff",
        steps=(
            TicketStep("acknowledged", 1, "staff"),
            TicketStep("resolved", 2, "staff", "已说明违约用电、窃电处理电费计算规则。"),
            TicketStep("closed", 24, "admin"),
        ),
    ),
)

UNIT = UnitSpec(
    slug="wuqing",
    name="国网天津武清公司",
    short_name="武清公司",
    programme="theftscan",
    period=(day("2021-05-01"), day("2021-12-31")),
    staff=StaffNames(admin="孟庆丰", staff="杜雨桐", grid="邢国良"),
    organisations=ORGANISATIONS,
    people=PEOPLE,
    agreements=AGREEMENTS,
    meetings=MEETINGS,
    activities=ACTIVITIES,
    tickets=TICKETS,
)
