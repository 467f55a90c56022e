"""SQLAlchemy models, one module per aggregate. Import them from here."""

from workbench.models.api import ApiToken
from workbench.models.audit import AuditEvent, AuditHead
from workbench.models.base import Base
from workbench.models.contract import (
    ActionStatus,
    Contract,
    ContractStatus,
    CorrectiveAction,
    Escalation,
    EscalationLevel,
    Incident,
    Kpi,
    Measurement,
    Review,
    ReviewAddendum,
    Sla,
)
from workbench.models.evidence import BidResponse, BidSubmission, Clarification, EvidenceDocument
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
from workbench.models.summary import AssessmentSummary, SummaryStatus
from workbench.models.user import MemberRole, Membership, Role, User
from workbench.models.youth import Respondent, RespondentStatus, YouthAnswer, YouthSession, YouthStatement

__all__ = [
    "ActionStatus",
    "ApiToken",
    "AssessmentSummary",
    "AuditEvent",
    "AuditHead",
    "Base",
    "BidResponse",
    "BidSubmission",
    "Clarification",
    "ConflictDeclaration",
    "Consensus",
    "Contract",
    "ContractStatus",
    "CorrectiveAction",
    "Criterion",
    "CriterionKind",
    "Escalation",
    "EscalationLevel",
    "EvidenceDocument",
    "Incident",
    "Kpi",
    "Measurement",
    "MemberRole",
    "Membership",
    "PriceMethod",
    "Procurement",
    "Respondent",
    "RespondentStatus",
    "Review",
    "ReviewAddendum",
    "Role",
    "ScaleLevel",
    "Score",
    "ScoreStatus",
    "Section",
    "Sla",
    "Status",
    "SummaryStatus",
    "Supplier",
    "User",
    "YouthAnswer",
    "YouthQuestion",
    "YouthSession",
    "YouthStatement",
]
