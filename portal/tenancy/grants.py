"""Per-object exceptions to tenant scoping, granted with django-guardian.

A user sees their tenant's rows; beyond that, only rows someone explicitly granted them ``view`` on,
one by one (a partner allowed to read one report of another unit). Grants never widen what a user may
change: only read-only pages take them into account.
"""

from __future__ import annotations

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.functions import Cast
from guardian.models import GroupObjectPermission, UserObjectPermission


def granted_view_filter(user: Any, model: type[models.Model]) -> models.Q:
    """A filter matching the rows of ``model`` the user (or one of their groups) may view one by one.

    Written as subqueries, so a page pays no extra query for the grants it does not have.
    """
    content_type = ContentType.objects.get_for_model(model)  # cached by Django
    codename = f"view_{model._meta.model_name}"
    # guardian keeps object ids as text; our primary keys are big integers.
    as_pk = Cast("object_pk", models.BigIntegerField())
    direct = UserObjectPermission.objects.filter(
        user_id=user.pk, content_type=content_type, permission__codename=codename
    ).values(pk_value=as_pk)
    via_groups = GroupObjectPermission.objects.filter(
        group__user=user.pk, content_type=content_type, permission__codename=codename
    ).values(pk_value=as_pk)
    return models.Q(pk__in=direct) | models.Q(pk__in=via_groups)
