from onevisit.exchange.models.catalogue import DataField, DataItem, SharingClass
from onevisit.exchange.models.corrections import DataErrorReport, ReportStatus
from onevisit.exchange.models.grants import AccessGrant, GrantStatus, PurposeKind
from onevisit.exchange.models.log import AccessLog, AccessOutcome

__all__ = [
    "AccessGrant",
    "AccessLog",
    "AccessOutcome",
    "DataErrorReport",
    "DataField",
    "DataItem",
    "GrantStatus",
    "PurposeKind",
    "ReportStatus",
    "SharingClass",
]
