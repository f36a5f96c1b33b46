"""The alliance's models, split by concept: members and places, the request desk, park hookups."""

from alliance.models.desk import CannedReply, DeskRequest, Notification, PlusOne
from alliance.models.members import (
    ESSENTIAL_UTILITIES,
    Member,
    PlaceContact,
    ServiceAttribute,
    ServicePlace,
    ServiceType,
    Utility,
)
from alliance.models.parks import (
    EnterpriseProfile,
    Hookup,
    HookupStep,
    HookupTemplate,
    ProfileRead,
    Project,
    StepProgress,
)

__all__ = [
    "ESSENTIAL_UTILITIES",
    "CannedReply",
    "DeskRequest",
    "EnterpriseProfile",
    "Hookup",
    "HookupStep",
    "HookupTemplate",
    "Member",
    "Notification",
    "PlaceContact",
    "PlusOne",
    "ProfileRead",
    "Project",
    "ServiceAttribute",
    "ServicePlace",
    "ServiceType",
    "StepProgress",
    "Utility",
]
