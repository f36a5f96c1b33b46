"""Care-code models: places and guardians, subjects and consent, daily codes, alerts and visits."""

from careband.models.alerts import CareAlert, Visit
from careband.models.codes import CareCode, CareSettings
from careband.models.people import (
    AreaLevel,
    CareArea,
    CareKeyScope,
    CareSubject,
    Guardian,
    Invitation,
    Relative,
    SubjectMeter,
)

__all__ = [
    "AreaLevel",
    "CareAlert",
    "CareArea",
    "CareCode",
    "CareKeyScope",
    "CareSettings",
    "CareSubject",
    "Guardian",
    "Invitation",
    "Relative",
    "SubjectMeter",
    "Visit",
]
