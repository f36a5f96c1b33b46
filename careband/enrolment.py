"""Bulk enrolment from the civil-affairs list (CSV in UTF-8 or GBK, or XLSX).

All or nothing: every row is checked first; one bad row and nothing is written, and the report names
each problem by its row number in the file (header = row 1), column, value and reason — the same
report format as meter imports (``portal.meters.imports.report``).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from careband.models import CareSubject, SubjectMeter
from careband.services.areas import grid_path
from careband.services.subjects import enrol
from portal.core.types import Actor
from portal.imports.report import Problem, frame_of, render
from portal.tenancy.models import Tenant

MAX_ROWS = 20_000
MAX_BYTES = 5 * 1024 * 1024
# Accepted headers (Chinese as on the bureau's list, or English) → field.
HEADERS: dict[str, str] = {
    "姓名": "name", "name": "name",
    "身份证号": "id_number", "id_number": "id_number",
    "电话": "phone", "phone": "phone",
    "地址": "address", "address": "address",
    "类别": "category", "category": "category",
    "区": "district", "民政局": "district", "district": "district",
    "街道": "street", "street": "street",
    "社区": "community", "community": "community",
    "网格": "grid", "grid": "grid",
    "电表号": "meters", "meters": "meters",
    "同意人": "consent_by", "consent_by": "consent_by",
    "同意日期": "consent_at", "consent_at": "consent_at",
    "同意范围": "consent_scope", "consent_scope": "consent_scope",
}  # fmt: skip
REQUIRED = ("name", "address", "category", "district", "street", "community", "grid", "meters", "consent_by",
            "consent_at", "consent_scope")  # fmt: skip
CATEGORY_WORDS = {
    "独居老人": "elderly_alone", "困难家庭": "hardship", "残疾人": "disability", "其他": "other",
    **{c: c for c in CareSubject.Category.values},
}  # fmt: skip
_ID_NUMBER = re.compile(r"^\d{17}[\dXx]$")
_LIMITS = {"name": 60, "phone": 30, "address": 200, "consent_by": 60, "consent_scope": 200, "district": 100,
           "street": 100, "community": 100, "grid": 100}  # fmt: skip


@dataclass
class EnrolmentResult:
    created: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems

    def report(self) -> bytes:
        return render(frame_of(self.problems))


def read_rows(name: str, data: bytes) -> list[tuple[int, dict[str, str]]]:
    """(row number, {field: text}) per non-empty data row; raises ValidationError for an unreadable file."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is too large (at most 5 MB)."))
    if name.lower().endswith(".xlsx"):
        table = _xlsx_rows(data)
    elif name.lower().endswith(".csv"):
        table = list(csv.reader(io.StringIO(_decode(data))))
    else:
        raise ValidationError(_("Upload a CSV or XLSX file."))
    if not table:
        raise ValidationError(_("The file is empty."))
    header = [HEADERS.get(h.strip().lower() if h.isascii() else h.strip(), "") for h in table[0]]
    missing = [f for f in REQUIRED if f not in header]
    if missing:
        raise ValidationError(_("Missing columns: %(cols)s") % {"cols": ", ".join(missing)})
    rows = [
        (number, {f: (cells[i].strip() if i < len(cells) else "") for i, f in enumerate(header) if f})
        for number, cells in enumerate(table[1:], start=2)
        if any(c.strip() for c in cells)
    ]
    if len(rows) > MAX_ROWS:
        raise ValidationError(_("At most %(n)d rows per file.") % {"n": MAX_ROWS})
    return rows


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise ValidationError(_("The file is neither UTF-8 nor GBK text."))


def _xlsx_rows(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a broken file; all mean the same to the user
        raise ValidationError(_("The spreadsheet cannot be read.")) from exc
    try:
        return [[_cell(v) for v in row] for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def check_row(number: int, row: dict[str, str], seen_ids: set[str], seen_meters: set[str]) -> list[Problem]:
    problems: list[Problem] = []

    def bad(column: str, reason: str) -> None:
        problems.append(Problem(number, column, row.get(column, ""), reason))

    for column in REQUIRED:
        if not row.get(column):
            bad(column, _("Required."))
    for column, limit in _LIMITS.items():
        if len(row.get(column, "")) > limit:
            bad(column, _("Too long (at most %(n)d characters).") % {"n": limit})
    if row.get("category") and row["category"] not in CATEGORY_WORDS:
        bad("category", _("Unknown category; use 独居老人, 困难家庭, 残疾人 or 其他."))
    id_number = row.get("id_number", "")
    if id_number and not _ID_NUMBER.match(id_number):
        bad("id_number", _("An ID number has 18 characters: 17 digits and a digit or X."))
    elif id_number and id_number.upper() in seen_ids:
        bad("id_number", _("The same ID number appears on an earlier row."))
    seen_ids.add(id_number.upper())
    if row.get("consent_at") and _date(row["consent_at"]) is None:
        bad("consent_at", _("Not a date (use YYYY-MM-DD)."))
    meters = [m.strip() for m in re.split(r"[,，;；]", row.get("meters", "")) if m.strip()]
    if any(len(m) > 40 for m in meters) or len(meters) > 5:
        bad("meters", _("At most 5 meter numbers of at most 40 characters each."))
    if seen_meters.intersection(meters):
        bad("meters", _("A meter number appears on an earlier row."))
    seen_meters.update(meters)
    return problems


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.replace("/", "-"))
    except ValueError:
        return None


def enrol_file(tenant: Tenant, actor: Actor, name: str, data: bytes) -> EnrolmentResult:
    result = EnrolmentResult()
    try:
        rows = read_rows(name, data)
    except ValidationError as exc:
        result.problems.append(Problem(None, "", name, " ".join(exc.messages)))
        return result
    seen_ids: set[str] = set()
    seen_meters: set[str] = set()
    for number, row in rows:
        result.problems.extend(check_row(number, row, seen_ids, seen_meters))
    known = _already_enrolled(tenant, seen_meters, seen_ids)
    for number, row in rows:
        for column, value in (("meters", m) for m in re.split(r"[,，;；]", row["meters"])):
            if value.strip() in known["meters"]:
                result.problems.append(Problem(number, column, value, _("This meter is enrolled already.")))
        if row.get("id_number", "").upper() in known["ids"]:
            result.problems.append(Problem(number, "id_number", row["id_number"], _("Enrolled already.")))
    if result.problems:
        return result
    with transaction.atomic():
        for number, row in rows:
            _create(tenant, actor, number, row)
            result.created += 1
    return result


def _already_enrolled(tenant: Tenant, meters: set[str], ids: set[str]) -> dict[str, set[str]]:
    ids.discard("")
    taken_meters = (
        SubjectMeter.objects.for_tenant(tenant).filter(meter_no__in=meters).values_list("meter_no", flat=True)
    )
    taken_ids = CareSubject.objects.for_tenant(tenant).filter(id_number__in=ids).values_list("id_number", flat=True)
    return {"meters": set(taken_meters), "ids": {i.upper() for i in taken_ids}}


def _create(tenant: Tenant, actor: Actor, number: int, row: dict[str, str]) -> None:
    consent_day = _date(row["consent_at"]) or timezone.localdate()
    subject = CareSubject(
        name=row["name"],
        id_number=row.get("id_number", "").upper(),
        phone=row.get("phone", ""),
        address=row["address"],
        category=CATEGORY_WORDS[row["category"]],
        grid=grid_path(tenant, row["district"], row["street"], row["community"], row["grid"]),
        consent_by=row["consent_by"],
        consent_at=timezone.make_aware(dt.datetime.combine(consent_day, dt.time(9))),
        consent_scope=row["consent_scope"],
    )
    meters = [m.strip() for m in re.split(r"[,，;；]", row["meters"]) if m.strip()]
    try:
        enrol(tenant, actor, subject, meters)
    except ValidationError as exc:  # checked above; a race with another upload lands here
        raise ValidationError(_("Row %(row)d: %(error)s") % {"row": number, "error": " ".join(exc.messages)}) from exc
