"""SQLAlchemy models, one module per aggregate. Import them from here."""

from workbench.models.audit import AuditEvent, AuditHead
from workbench.models.base import Base
from workbench.models.evidence import BidResponse, Clarification, EvidenceDocument
from workbench.models.procurement import (
    Criterion,
    CriterionKind,
    PriceMethod,
    Procurement,
    ScaleLevel,
    Section,
    Status,
    Supplier,
    YouthQuestion,
)
from workbench.models.scoring import ConflictDeclaration, Consensus, Score, ScoreStatus
from workbench.models.user import MemberRole, Membership, Role, User
from workbench.models.youth import Respondent, RespondentStatus, YouthAnswer, YouthSession

__all__ = [
    "AuditEvent", "AuditHead", "Base", "BidResponse", "Clarification", "ConflictDeclaration", "Consensus", "Criterion",
    "CriterionKind", "EvidenceDocument", "MemberRole", "Membership", "PriceMethod", "Procurement", "Respondent",
    "RespondentStatus", "Role", "ScaleLevel", "Score", "ScoreStatus", "Section", "Status", "Supplier", "User",
    "YouthAnswer", "YouthQuestion", "YouthSession",
]
