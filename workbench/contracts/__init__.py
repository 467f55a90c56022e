"""Contract performance monitoring after award: contracts, KPIs, SLAs, measurements, incidents.

The rules live in the pure engine :mod:`workbench.performance`; this package stores contracts and their data
(:mod:`.services`, every write with its audit event), reads them back as engine objects (:mod:`.queries`), and
offers them through the command line (:mod:`.commands`) and the pages (:mod:`.views`).
"""
