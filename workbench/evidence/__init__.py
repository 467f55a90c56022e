"""Supplier evidence: written responses, documents and clarifications for each supplier's bid.

- ``storage``: files under ``UPLOAD_FOLDER`` by random key, type checked by content, size limit, sha256.
- ``services``: every write (answers, uploads, deletions, submission, clarifications), audited.
- ``invitations``: per-supplier links; only the token's hash is stored.
- ``questionnaire``: the questions a supplier answers, generated from the plan's criteria and ``questionnaires/``.
- ``queries``: who may see a bid, and the evidence for a bid (``bid_evidence`` is used by the scoring page).
"""
