"""Building the area tree (civil-affairs bureau → street → community → grid)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from careband.models import AreaLevel, CareArea
from careband.models.people import LEVEL_ORDER
from portal.tenancy.models import Tenant


def add_area(tenant: Tenant, level: str, name: str, parent: CareArea | None = None) -> CareArea:
    """Create (or find) one area; the level must be one below the parent's."""
    name = name.strip()
    if not name or len(name) > 100:
        raise ValidationError({"name": _("Give the area a name of at most 100 characters.")})
    expected = LEVEL_ORDER[0] if parent is None else _next_level(parent.level)
    if parent is not None and parent.tenant_id != tenant.pk:
        raise ValidationError({"parent": _("The parent area must belong to this unit.")})
    if level != expected:
        raise ValidationError({"level": _("This area must be at the level “%(level)s”.") % {"level": expected.label}})
    with transaction.atomic():
        area, created = CareArea.objects.for_tenant(tenant).get_or_create(
            tenant=tenant, parent=parent, name=name, defaults={"level": level}
        )
        if created:
            area.path = f"{parent.path if parent else '/'}{area.pk}/"
            area.save(update_fields=["path"])
    return area


def _next_level(level: str) -> AreaLevel:
    index = LEVEL_ORDER.index(AreaLevel(level))
    if index + 1 >= len(LEVEL_ORDER):
        raise ValidationError({"parent": _("A grid has no areas below it.")})
    return LEVEL_ORDER[index + 1]


def grid_path(tenant: Tenant, district: str, street: str, community: str, grid: str) -> CareArea:
    """The grid named by its four levels, creating any level that does not exist yet."""
    node = add_area(tenant, AreaLevel.DISTRICT, district)
    node = add_area(tenant, AreaLevel.STREET, street, node)
    node = add_area(tenant, AreaLevel.COMMUNITY, community, node)
    return add_area(tenant, AreaLevel.GRID, grid, node)


def ancestor_at(area: CareArea, level: str) -> CareArea | None:
    ids = area.ancestor_ids()
    return CareArea.objects.for_tenant(area.tenant).filter(pk__in=ids, level=level).first()
