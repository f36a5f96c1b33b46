"""Big-project interchange (大项目互通机制): who may read an enterprise's profile, hookup progress, and
what the alliance process saves against the standard one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from alliance.models import EnterpriseProfile, Hookup, HookupStep, HookupTemplate, Member, ProfileRead, StepProgress
from portal.tenancy.models import Tenant
from portal.tenancy.roles import Capability


def reading_member(profile: EnterpriseProfile, user: Any, capabilities: frozenset[str]) -> Member | None:
    """The member as which ``user`` may read the profile; ``None`` for a manager (who sees all).

    Raises ``PermissionDenied`` when the user is staff of no member the enterprise authorised.
    """
    authorised = profile.authorised_members.all()
    mine = [m for m in authorised if m.staff.filter(pk=user.pk).exists()]
    if mine:
        return mine[0]
    if Capability.MANAGE_RECORDS in capabilities:
        return None
    raise PermissionDenied(_("This enterprise has not authorised your company to see its information."))


def read_profile(profile: EnterpriseProfile, user: Any, capabilities: frozenset[str]) -> ProfileRead:
    """Check the right to read and log the read (who, as which member, when) before showing anything."""
    member = reading_member(profile, user, capabilities)
    return ProfileRead.objects.create(tenant_id=profile.tenant_id, profile=profile, user=user, member=member)


def complete_step(hookup: Hookup, step: HookupStep, done_on: date) -> StepProgress:
    """Mark a step done; a step of another template or a step done twice is refused."""
    if step.template_id != hookup.template_id:
        raise ValidationError(_("This step belongs to another hookup process."))
    if done_on < hookup.project.started_on:
        raise ValidationError(_("A step cannot be done before the project started."))
    try:
        with transaction.atomic():
            return StepProgress.objects.create(tenant_id=hookup.tenant_id, hookup=hookup, step=step, done_on=done_on)
    except IntegrityError as exc:
        raise ValidationError(_("This step is already marked done.")) from exc


@dataclass(frozen=True)
class Savings:
    standard_steps: int
    alliance_steps: int
    days_saved: int
    hookups_done: int

    @property
    def steps_saved(self) -> int:
        return self.standard_steps - self.alliance_steps


def _steps(tenants: Sequence[Tenant], process: str) -> dict[str, tuple[int, int]]:
    """Per utility: (number of steps, expected days) of the process's template."""
    result: dict[str, tuple[int, int]] = {}
    templates = HookupTemplate.objects.for_tenants(tenants).filter(process=process)
    for template in templates.prefetch_related("steps"):
        steps = list(template.steps.all())
        result[template.utility] = (len(steps), sum(s.expected_days for s in steps))
    return result


def savings(tenants: Sequence[Tenant]) -> Savings:
    """Steps: the standard templates' steps against the alliance templates' (22 → 13 in Nangang).

    Days: for each finished alliance hookup, the standard template's expected days for that utility
    minus the days the hookup actually took (project start to its last step)."""
    standard = _steps(tenants, HookupTemplate.Process.STANDARD)
    alliance = _steps(tenants, HookupTemplate.Process.ALLIANCE)
    days_saved = 0
    done = 0
    hookups = (
        Hookup.objects.for_tenants(tenants)
        .filter(template__process=HookupTemplate.Process.ALLIANCE)
        .select_related("template", "project")
        .prefetch_related("progress", "template__steps")
    )
    for hookup in hookups:
        progress = list(hookup.progress.all())
        if len(progress) < len(hookup.template.steps.all()) or not progress:
            continue
        taken = (max(p.done_on for p in progress) - hookup.project.started_on).days
        days_saved += standard.get(hookup.template.utility, (0, taken))[1] - taken
        done += 1
    return Savings(
        standard_steps=sum(n for n, _days in standard.values()),
        alliance_steps=sum(n for n, _days in alliance.values()),
        days_saved=days_saved,
        hookups_done=done,
    )
