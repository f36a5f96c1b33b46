"""Turn one unit's data module into stakeholder, agreement, meeting and activity rows.

Rows are found by their natural key and skipped when they exist (never updated), so a second run
writes nothing and records no change. Audited rows go through ``save_audited`` like any other
writer, so each demo row has its creation in the audit trail.
"""

from __future__ import annotations

from collections import Counter
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile

from portal.activities.models import Activity
from portal.audit.actions import save_audited
from portal.demo.data.schema import ActivitySpec, AgreementSpec, MeetingSpec, OrgSpec, PersonSpec, UnitSpec
from portal.stakeholders.models import Agreement, Decision, Meeting, Need, Organisation, Person, Resource
from portal.tenancy.models import Tenant

ACTOR = "load_demo"  # the audit trail's label for rows the demo loader wrote


def _coordinate(value: float | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(Decimal("0.000001"))


def _first_contacts(unit: UnitSpec) -> dict[str, PersonSpec]:
    """Each organisation's contact person is the first person the data module lists for it."""
    contacts: dict[str, PersonSpec] = {}
    for person in unit.people:
        contacts.setdefault(person.organisation, person)
    return contacts


def _new_organisation(tenant: Tenant, unit: UnitSpec, spec: OrgSpec, contact: PersonSpec | None) -> Organisation:
    latitude, longitude = spec.point or (None, None)
    organisation = Organisation(
        tenant=tenant,
        name=spec.name,
        short_name=spec.short_name,
        kind=spec.kind,
        programmes=[unit.programme],
        district=spec.district,
        address=spec.address,
        latitude=_coordinate(latitude),
        longitude=_coordinate(longitude),
        contact_name=contact.name if contact else "",
        contact_phone=contact.phone if contact else "",
        description=spec.description,
    )
    save_audited(organisation, ACTOR)
    return organisation


def load_organisations(tenant: Tenant, unit: UnitSpec, tally: Counter[str]) -> dict[str, Organisation]:
    found = {o.name: o for o in Organisation.objects.for_tenant(tenant)}
    contacts = _first_contacts(unit)
    needs: list[Need] = []
    resources: list[Resource] = []
    for spec in unit.organisations:
        if spec.name in found:
            continue
        organisation = _new_organisation(tenant, unit, spec, contacts.get(spec.name))
        found[spec.name] = organisation
        tally["stakeholders.Organisation"] += 1
        # Needs and resources belong to a new organisation only; an existing one keeps what it has.
        needs += [
            Need(tenant=tenant, organisation=organisation, programme=unit.programme, description=text)
            for text in spec.needs
        ]
        resources += [
            Resource(tenant=tenant, organisation=organisation, programme=unit.programme, description=text)
            for text in spec.resources
        ]
    Need.objects.bulk_create(needs)
    Resource.objects.bulk_create(resources)
    tally["stakeholders.Need"] += len(needs)
    tally["stakeholders.Resource"] += len(resources)
    return found


def load_people(
    tenant: Tenant, unit: UnitSpec, organisations: dict[str, Organisation], tally: Counter[str]
) -> dict[str, Person]:
    found = {p.name: p for p in Person.objects.for_tenant(tenant)}
    for spec in unit.people:
        if spec.name in found:
            continue
        person = Person(
            tenant=tenant,
            name=spec.name,
            kind=spec.kind,
            organisation=organisations[spec.organisation],
            position=spec.position,
            phone=spec.phone,
            notes=spec.notes,
        )
        save_audited(person, ACTOR)
        found[spec.name] = person
        tally["stakeholders.Person"] += 1
    return found


def _agreement_text(spec: AgreementSpec) -> bytes:
    lines = [spec.title, "", f"签订日期：{spec.signed_on.isoformat()}"]
    if spec.valid_until:
        lines.append(f"有效期至：{spec.valid_until.isoformat()}")
    lines += ["协议各方：" + "、".join(spec.parties), "", spec.summary, "", "（演示数据）"]
    return ("\n".join(lines) + "\n").encode("utf-8")


def load_agreements(
    tenant: Tenant, unit: UnitSpec, organisations: dict[str, Organisation], tally: Counter[str]
) -> None:
    titles = set(Agreement.objects.for_tenant(tenant).values_list("title", flat=True))
    for spec in unit.agreements:
        if spec.title in titles:
            continue
        agreement = Agreement(
            tenant=tenant,
            title=spec.title,
            programme=unit.programme,
            signed_on=spec.signed_on,
            valid_until=spec.valid_until,
            summary=spec.summary,
        )
        # The agreement text as a file people can open. (It also keeps the audit snapshot away from an
        # empty FileField, whose ``url`` raises ValueError in ``portal.core.models._jsonable``.)
        agreement.document.save(
            f"{unit.slug}-{spec.signed_on:%Y%m%d}.txt", ContentFile(_agreement_text(spec)), save=False
        )
        save_audited(agreement, ACTOR)
        agreement.parties.set([organisations[name] for name in spec.parties])
        tally["stakeholders.Agreement"] += 1


def _new_meeting(
    tenant: Tenant, unit: UnitSpec, spec: MeetingSpec, organisations: dict[str, Organisation], people: dict[str, Person]
) -> Meeting:
    meeting = Meeting(
        tenant=tenant,
        title=spec.title,
        kind=spec.kind,
        programme=unit.programme,
        held_at=spec.held_at,
        place=spec.place,
        minutes=spec.minutes,
    )
    save_audited(meeting, ACTOR)
    meeting.organisations.set([organisations[name] for name in spec.parties])
    meeting.attendees.set([people[name] for name in spec.attendees])
    return meeting


def load_meetings(
    tenant: Tenant,
    unit: UnitSpec,
    organisations: dict[str, Organisation],
    people: dict[str, Person],
    tally: Counter[str],
) -> None:
    keys = set(Meeting.objects.for_tenant(tenant).values_list("title", "held_at"))
    decisions: list[Decision] = []
    for spec in unit.meetings:
        if (spec.title, spec.held_at) in keys:
            continue
        meeting = _new_meeting(tenant, unit, spec, organisations, people)
        decisions += [Decision(tenant=tenant, meeting=meeting, text=text) for text in spec.decisions]
        tally["stakeholders.Meeting"] += 1
    Decision.objects.bulk_create(decisions)
    tally["stakeholders.Decision"] += len(decisions)


def _activity_fields(spec: ActivitySpec) -> dict[str, Any]:
    return {
        "title": spec.title,
        "kind": spec.kind,
        "start_date": spec.start,
        "end_date": spec.end,
        "place": spec.place,
        "people_reached": spec.people_reached,
        "volunteers": spec.volunteers,
        "materials_handed_out": spec.materials,
        "metrics": dict(spec.metrics),
        "description": spec.description,
    }


def load_activities(
    tenant: Tenant, unit: UnitSpec, organisations: dict[str, Organisation], tally: Counter[str]
) -> None:
    keys = set(Activity.objects.for_tenant(tenant).values_list("title", "start_date"))
    for spec in unit.activities:
        if (spec.title, spec.start) in keys:
            continue
        organiser = organisations[spec.organiser] if spec.organiser else None
        activity = Activity(tenant=tenant, programme=unit.programme, organiser=organiser, **_activity_fields(spec))
        save_audited(activity, ACTOR)
        activity.partners.set([organisations[name] for name in spec.partners])
        tally["activities.Activity"] += 1


def load_unit_records(tenant: Tenant, unit: UnitSpec, tally: Counter[str]) -> dict[str, Organisation]:
    """Everything of one unit except its tickets; returns the unit's organisations by name."""
    organisations = load_organisations(tenant, unit, tally)
    people = load_people(tenant, unit, organisations, tally)
    load_agreements(tenant, unit, organisations, tally)
    load_meetings(tenant, unit, organisations, people, tally)
    load_activities(tenant, unit, organisations, tally)
    return organisations
