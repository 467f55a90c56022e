"""The audit trail: append-only, hash-chained per scope."""

from workbench.audit.trail import procurement_scope, record_event, verify_scope

__all__ = ["procurement_scope", "record_event", "verify_scope"]
