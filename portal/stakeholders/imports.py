"""The stakeholder registers people keep in spreadsheets, as data sets of the record imports.

``stakeholders.organisations``: one row per organisation, known by its name within the unit; an
import creates the new ones and updates the rest, each change audited (the contact person and
phone are personal data). The column names are those of the organisation form.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from portal.core.catalogue import CORE
from portal.imports import Column, RecordImport, register_import
from portal.imports.context import ImportContext, Row
from portal.imports.upsert import model_field, upsert
from portal.stakeholders.models import Organisation


def _max(name: str) -> int | None:
    return model_field(Organisation, name).max_length


def apply_organisations(ctx: ImportContext, rows: list[Row]) -> None:
    upsert(ctx, Organisation, rows, key=("name",))


ORGANISATIONS = register_import(
    RecordImport(
        code="stakeholders.organisations",
        label=_("Stakeholder organisations"),
        programme=CORE,
        description=_("The unit's register of stakeholder organisations; each is known by its full name."),
        columns=(
            Column(
                "name",
                _("name"),
                aliases=("单位名称", "组织名称", "机构名称", "organisation", "organization"),
                required=True,
                max_length=_max("name"),
            ),
            Column(
                "kind",
                _("type"),
                aliases=("类别", "单位类型", "kind"),
                choices=Organisation.Kind.choices,
                required=True,
            ),
            Column("district", _("district"), aliases=("区", "区县", "所属区"), max_length=_max("district")),
            Column("short_name", _("short name"), aliases=("short",), max_length=_max("short_name")),
            Column("address", _("address"), aliases=("通讯地址", "详细地址"), max_length=_max("address")),
            Column(
                "contact_name", _("contact person"), aliases=("联系人姓名", "contact"), max_length=_max("contact_name")
            ),
            Column("contact_phone", _("contact phone"), aliases=("电话", "手机", "联系方式", "phone"), kind="phone"),
            Column("description", _("description"), aliases=("简介", "备注", "情况说明")),
            Column("latitude", _("latitude"), aliases=("lat",), kind="latitude"),
            Column("longitude", _("longitude"), aliases=("lon", "lng"), kind="longitude"),
        ),
        key=("name",),
        apply=apply_organisations,
        sample=(
            (
                "滨海新区城市管理委员会",
                "政府部门",
                "滨海新区",
                "区城管委",
                "天津市滨海新区中心北路1号",
                "王磊",
                "022-23456789",
                "路灯与市容管理",
                "39.0245",
                "117.7102",
            ),
            ("新港街道幸福里社区居民委员会", "居委会", "滨海新区", "幸福里社区", "", "李静", "13812345678", "", "", ""),
        ),
    )
)
