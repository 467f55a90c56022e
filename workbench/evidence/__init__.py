"""Supplier evidence: written responses, documents and clarifications for each supplier's bid.

- ``storage``: files under ``UPLOAD_FOLDER`` by random key, type checked by content, size limit, sha256.
- ``services``: every write (answers, uploads, deletions, submission, clarifications), audited.
- ``invitations``: per-supplier links; only the token's hash is stored.
- ``questionnaire``: the questions a supplier answers, generated from the plan's criteria and ``questionnaires/``.
- ``queries``: who may see a bid, what it holds, and each supplier's progress. ``bid_evidence`` is the one
  loader of a bid's answers and documents: the bid pages, the panel's scoring pages and workbook use it.
"""
