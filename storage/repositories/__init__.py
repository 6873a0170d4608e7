"""SQL implementations of the repository ports in `domain.ports`."""

from storage.repositories.businesses import (
    SqlBusinessCustomerRepository,
    SqlBusinessRepository,
    SqlStaffRepository,
)
from storage.repositories.cards import SqlCardRepository
from storage.repositories.conversations import SqlConversationRepository
from storage.repositories.invitations import SqlStaffInvitationRepository
from storage.repositories.ledger import SqlLedgerRepository
from storage.repositories.notifications import (
    SqlNotificationRepository,
    SqlPreferenceRepository,
)
from storage.repositories.people import SqlCustomerRepository, SqlUserRepository
from storage.repositories.programs import SqlEnrollmentRepository, SqlProgramRepository
from storage.repositories.reports import SqlReportRepository
from storage.repositories.requests import SqlRequestRepository
from storage.repositories.rewards import SqlRewardRepository
from storage.repositories.scans import SqlScanRepository

__all__ = [
    "SqlBusinessCustomerRepository",
    "SqlBusinessRepository",
    "SqlCardRepository",
    "SqlConversationRepository",
    "SqlCustomerRepository",
    "SqlEnrollmentRepository",
    "SqlLedgerRepository",
    "SqlNotificationRepository",
    "SqlPreferenceRepository",
    "SqlProgramRepository",
    "SqlReportRepository",
    "SqlRequestRepository",
    "SqlRewardRepository",
    "SqlScanRepository",
    "SqlStaffInvitationRepository",
    "SqlStaffRepository",
    "SqlUserRepository",
]
