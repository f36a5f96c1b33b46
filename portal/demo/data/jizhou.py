"""Jizhou (国网天津蓟州公司): 电力红马甲 山路带货人 livestream sales, 2020-01 onwards.

From the seed: the "山里红" volunteer team; 13 livestream and channel events selling 7,800+ jin of
unsold produce for 70,000+ yuan; 15 micro-shops; 65 planting and breeding trainings by the agriculture
bureau; the "371" mechanism (three-level linkage, seven-step method, one-stop service); 12 branch
teams with 4 groups each; the model village 西井峪村; SF Express for shipping; monthly sales days and
quarterly sales festivals.

Illustrative: the other villages, people, dates, products, and how the seed's totals (7,800+ jin,
70,000+ yuan, 65 trainings, 15 micro-shops) split across events — the totals are the seed's.
"""

from __future__ import annotations

from datetime import date

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

N = 4
XIJINGYU = "渔阳镇西井峪村村委会"
VILLAGES = (XIJINGYU, "下营镇青山岭村村委会", "孙各庄乡东峡谷村村委会")

ORGANISATIONS = (
    OrgSpec(
        name="蓟州区农业农村委员会",
        short_name="区农业农村委",
        kind="government",
        district="蓟州区",
        needs=("巩固脱贫成果、衔接乡村振兴", "特色农产品打开销路"),
        resources=("种植、养殖技术培训", "农技员队伍"),
    ),
    OrgSpec(
        name="蓟州区乡村振兴局",
        kind="government",
        district="蓟州区",
        needs=("消费帮扶见实效",),
        resources=("困难家庭帮扶名册",),
    ),
    OrgSpec(
        name=XIJINGYU,
        kind="village_committee",
        district="蓟州区",
        description="乡村振兴示范村、网红村。",
        needs=("村集体增收", "乡村旅游与农品销售结合"),
        resources=("熟悉困难户家庭情况", "旅游发展经验"),
        point=(40.0690, 117.4340),
    ),
    OrgSpec(
        name="下营镇青山岭村村委会",
        kind="village_committee",
        district="蓟州区",
        needs=("山区农产品运输",),
        resources=("果树种植户",),
    ),
    OrgSpec(
        name="孙各庄乡东峡谷村村委会",
        kind="village_committee",
        district="蓟州区",
        needs=("散养家禽销路",),
        resources=("散养柴鸡",),
    ),
    OrgSpec(
        name="顺丰速运蓟州营业部",
        kind="enterprise",
        district="蓟州区",
        needs=("稳定的农品寄递业务",),
        resources=("优惠运价", "上门揽收"),
    ),
    OrgSpec(
        name="困难家庭代表",
        kind="other",
        description="以农产品为唯一经济来源的困难家庭。",
        needs=("农产品卖得出、卖上价", "学会网上开店"),
        resources=("山区特色农产品",),
    ),
    OrgSpec(name="蓟州区融媒体中心", kind="media", district="蓟州区", resources=("直播预告与报道",)),
)

PEOPLE = (
    PersonSpec("鲁振山", XIJINGYU, "official", "村党支部书记", phone(N, 1)),
    PersonSpec("石秀英", "困难家庭代表", "resident", "果树种植户", phone(N, 2)),
    PersonSpec("严立军", "蓟州区农业农村委员会", "expert", "农技推广员", phone(N, 3)),
    PersonSpec("方小龙", "顺丰速运蓟州营业部", "staff", "营业部经理", phone(N, 4)),
    PersonSpec("魏桂兰", "下营镇青山岭村村委会", "official", "村委会主任", phone(N, 5)),
)

AGREEMENTS = (
    AgreementSpec(
        title="西井峪村乡村助农支部共建协议",
        signed_on=day("2020-03-12"),
        parties=(XIJINGYU,),
        summary="供电公司党支部与村党支部共建，开展问需式调研、直播带货和技术支持。",
    ),
    AgreementSpec(
        title="农产品寄递优惠合作协议",
        signed_on=day("2020-05-20"),
        valid_until=day("2021-12-31"),
        parties=("顺丰速运蓟州营业部",),
        summary="为帮扶家庭农产品提供优惠运价和上门揽收，协助装货与售后。",
    ),
)

MEETINGS = (
    MeetingSpec(
        title="西井峪村利益相关方需求座谈会",
        kind="symposium",
        held_at=when("2020-01-09 14:00"),
        place="渔阳镇西井峪村村委会",
        parties=(XIJINGYU, "蓟州区农业农村委员会", "困难家庭代表"),
        attendees=("鲁振山", "石秀英", "严立军"),
        minutes="困难户产量小、山路运输难、技术落后、受疫情影响滞销。",
        decisions=(
            "建立“三级联动”服务组织：服务总队、12支服务分队、每分队4个小组",
            "按农品成熟时间制定“24节气”带货计划",
        ),
    ),
    MeetingSpec(
        title="“24节气”带货计划编排会",
        kind="working",
        held_at=when("2020-03-26 09:30"),
        place="蓟州公司会议室",
        parties=(XIJINGYU, "下营镇青山岭村村委会", "顺丰速运蓟州营业部"),
        attendees=("鲁振山", "魏桂兰", "方小龙"),
        minutes="排定全年直播带货时间、地点及宣传、技术、直播、外联分工。",
        decisions=("形成“月度带货日、季度带货节”", "外联组与顺丰洽谈优惠运价"),
    ),
    MeetingSpec(
        title="带货助农年度评估改进会",
        kind="symposium",
        held_at=when("2021-12-20 14:00"),
        place="蓟州公司会议室",
        parties=(XIJINGYU, "蓟州区农业农村委员会", "蓟州区乡村振兴局", "顺丰速运蓟州营业部"),
        minutes="服务分队汇报各次直播不足，收集各方意见，固化“七步工作法”。",
        decisions=("推广“一站式”带货管家模式到更多帮扶村",),
    ),
)

# The seed's 13 livestream / channel events: 7,800+ jin for 70,000+ yuan in total.
LIVESTREAMS: tuple[tuple[date, str, str, int, int], ...] = (
    (day("2020-04-18"), "春季香椿芽", XIJINGYU, 320, 4160),
    (day("2020-05-30"), "大樱桃", "下营镇青山岭村村委会", 410, 6150),
    (day("2020-07-11"), "山区黄桃", "下营镇青山岭村村委会", 680, 4080),
    (day("2020-08-22"), "散养柴鸡蛋", "孙各庄乡东峡谷村村委会", 520, 5720),
    (day("2020-09-26"), "燕山板栗", XIJINGYU, 900, 7200),
    (day("2020-10-24"), "山里红（红果）", XIJINGYU, 1050, 3150),
    (day("2020-11-21"), "磨盘柿子", "下营镇青山岭村村委会", 760, 2280),
    (day("2021-01-16"), "小米杂粮", "孙各庄乡东峡谷村村委会", 600, 4800),
    (day("2021-04-24"), "山花蜂蜜", XIJINGYU, 280, 8400),
    (day("2021-06-05"), "大樱桃", "下营镇青山岭村村委会", 390, 5850),
    (day("2021-08-28"), "红富士苹果", "下营镇青山岭村村委会", 650, 3900),
    (day("2021-09-25"), "薄皮核桃", XIJINGYU, 486, 7290),
    (day("2021-10-30"), "山货礼盒（核桃、板栗、红果）", XIJINGYU, 790, 8260),
)

# The seed's 65 trainings by the agriculture bureau.
TRAININGS = (
    ("2020年上半年", day("2020-03-01"), day("2020-06-30"), 20),
    ("2020年下半年", day("2020-07-01"), day("2020-12-31"), 22),
    ("2021年", day("2021-01-01"), day("2021-12-31"), 23),
)

ACTIVITIES = (
    *(
        ActivitySpec(
            title=f"“山路带货人”直播带货：{product}",
            kind="volunteer",
            start=start,
            place=f"蓟州区{village.removesuffix('村委会')}",
            organiser=village,
            partners=("顺丰速运蓟州营业部", "困难家庭代表"),
            volunteers=8,
            metrics={"livestreams": 1, "jin_sold": jin, "sales_yuan": yuan},
            description="直播组多平台直播，专人管理购物车下单和微信群接龙订单，外联组协助快递装货。",
        )
        for start, product, village, jin, yuan in LIVESTREAMS
    ),
    *(
        ActivitySpec(
            title=f"{label}种植、养殖技术培训",
            kind="training",
            start=start,
            end=end,
            place="蓟州区各帮扶村",
            organiser="蓟州区农业农村委员会",
            partners=VILLAGES,
            metrics={"trainings": count},
            description="农技员现场指导庭院养殖、苗木种植，增强农品市场竞争力。",
        )
        for label, start, end, count in TRAININGS
    ),
    ActivitySpec(
        title="帮助困难户建立线上微店（第一批）",
        kind="volunteer",
        start=day("2020-06-15"),
        end=day("2020-08-31"),
        place="蓟州区各帮扶村",
        partners=("困难家庭代表",),
        volunteers=12,
        metrics={"micro_shops": 9},
        description="技术组帮助困难户开通微店、拍摄商品图片、设置运费模板。",
    ),
    ActivitySpec(
        title="帮助困难户建立线上微店（第二批）",
        kind="volunteer",
        start=day("2021-03-15"),
        end=day("2021-05-31"),
        place="蓟州区各帮扶村",
        partners=("困难家庭代表",),
        volunteers=10,
        metrics={"micro_shops": 6},
        description="第二批微店上线，并纳入季度带货节统一推广。",
    ),
)

TICKETS = (
    TicketSpec(
        title="青山岭村苹果滞销求助",
        kind="request",
        category="needs-intake",
        description="两户困难户苹果约800斤未售出，请求安排带货。",
        channel="wechat",
        requester_name="魏桂兰",
        requester_phone=phone(N, 5),
        address="蓟州区下营镇青山岭村",
        days_ago=4,
        due_hours=24 * 7,
        assignee="staff",
        assignee_org="下营镇青山岭村村委会",
        steps=(
            TicketStep("acknowledged", 3, "staff", "纳入本月带货日。"),
            TicketStep("in_progress", 30, "staff", "宣传组已参照生鲜平台价格定价并发布预告。"),
        ),
    ),
    TicketSpec(
        title="月度带货日直播设备与网络准备",
        kind="task",
        category="livestream-prep",
        description="技术组检查直播现场电源、网络和补光设备。",
        channel="web",
        address="蓟州区渔阳镇西井峪村",
        days_ago=2,
        due_hours=48,
        assignee="grid",
        steps=(TicketStep("acknowledged", 2, "grid"), TicketStep("resolved", 20, "grid", "备用4G路由器已到位。")),
    ),
    TicketSpec(
        title="买家反映柿子运输途中压损",
        kind="request",
        category="after-sales",
        description="两单磨盘柿子到货压损，买家要求补发。",
        channel="wechat",
        requester_name="网店买家",
        requester_phone=phone(N, 101),
        opened=when("2020-11-25 19:20"),
        due_hours=48,
        assignee="staff",
        assignee_org="顺丰速运蓟州营业部",
        steps=(
            TicketStep("acknowledged", 12, "staff", "联系顺丰核实。"),
            TicketStep("resolved", 40, "staff", "顺丰理赔，已补发并加装防震泡沫。"),
            TicketStep("closed", 60, "admin"),
        ),
    ),
    TicketSpec(
        title="西井峪村农户微店上新指导",
        kind="request",
        category="tech-support",
        description="农户想在微店上架核桃礼盒，不会设置规格和运费。",
        priority="low",
        channel="hotline",
        requester_name="石秀英",
        requester_phone=phone(N, 2),
        address="蓟州区渔阳镇西井峪村",
        days_ago=0.6,
        due_hours=72,
    ),
)

UNIT = UnitSpec(
    slug="jizhou",
    name="国网天津蓟州公司",
    short_name="蓟州公司",
    programme="livestream",
    period=(day("2020-01-01"), day("2021-12-31")),
    staff=StaffNames(admin="秦守业", staff="夏晓萌", grid="闫红军"),
    organisations=ORGANISATIONS,
    people=PEOPLE,
    agreements=AGREEMENTS,
    meetings=MEETINGS,
    activities=ACTIVITIES,
    tickets=TICKETS,
)
