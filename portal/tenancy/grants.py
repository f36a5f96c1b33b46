"""Per-object exceptions to tenant scoping, granted with django-guardian.

A user sees their tenant's rows; beyond that, only rows someone explicitly granted them ``view`` on,
one by one (a partner allowed to read one report of another unit). Grants never widen what a user may
change: only read-only pages take them into account.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from guardian.models import GroupObjectPermission, UserObjectPermission


def granted_view_ids(user: Any, model: type[models.Model]) -> list[Any]:
    """Primary keys of ``model`` rows the user (or one of their groups) was granted ``view`` on."""
    if not getattr(user, "is_authenticated", False) or getattr(user, "pk", None) is None:
        return []
    content_type = ContentType.objects.get_for_model(model)
    codename = f"view_{model._meta.model_name}"
    direct = UserObjectPermission.objects.filter(
        user=user, content_type=content_type, permission__codename=codename
    ).values_list("object_pk", flat=True)
    via_groups = GroupObjectPermission.objects.filter(
        group__user=user, content_type=content_type, permission__codename=codename
    ).values_list("object_pk", flat=True)
    to_python = model._meta.pk.to_python  # type: ignore[union-attr]
    return sorted({to_python(pk) for pk in [*direct, *via_groups]})
