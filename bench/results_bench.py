"""Results at scale: 30 suppliers, 200 criteria in 8 sections, 15 evaluators, 40 young people, in a fresh SQLite
database in a temporary folder. Prints the results computation time, the results page response time (Flask test
client), the XLSX export time and peak memory, and the SQL queries the results page issues.

    make bench            # or: .venv/bin/python bench/results_bench.py
    .venv/bin/python bench/results_bench.py --postgresql postgresql+psycopg://postgres@127.0.0.1:5432/test
        # the same in a fresh PostgreSQL database, created on that server for the run and dropped after it

Targets: page < 0.5 s, export < 3 s and < 300 MB, and a query count that does not grow with the size.
Figures and how they were reached: bench/README.md.
"""

from __future__ import annotations

import argparse
import os
import resource
import secrets
import sys
import tempfile
import time
import tracemalloc
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import event

PASSWORD = secrets.token_urlsafe(16)


@contextmanager
def count_queries(engine):
    seen: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)


def _max_rss_mb() -> float:
    """The process's peak resident memory so far (ru_maxrss is in KB on Linux)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _timed(function, repeat: int = 3) -> tuple[float, object]:
    """Best wall-clock time of ``repeat`` runs; ``_timed.cpu`` holds that run's CPU time (steadier on a busy host)."""
    best, value = float("inf"), None
    for _ in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        value = function()
        seconds = time.perf_counter() - start
        if seconds < best:
            best, _timed.cpu = seconds, time.process_time() - cpu
    return best, value


@contextmanager
def fresh_database(folder: str, postgresql: str | None):
    """A URL for a new, empty database: SQLite in ``folder``, or a database created on the PostgreSQL server that
    ``postgresql`` reaches (dropped afterwards)."""
    if not postgresql:
        yield f"sqlite:///{Path(folder) / 'bench.db'}"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    name = f"bench_{secrets.token_hex(4)}"
    admin = create_engine(postgresql, isolation_level="AUTOCOMMIT")
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(postgresql).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--postgresql", metavar="URL", help="run on a fresh database on this PostgreSQL server")
    arguments = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder, fresh_database(folder, arguments.postgresql) as url:
        os.environ["WORKBENCH_INSTANCE"] = folder
        print(f"Database: {url.split('://')[0]}")
        from flask_migrate import upgrade

        from bench.build import build_evaluation
        from workbench import create_app
        from workbench.auth.services import create_user
        from workbench.extensions import db
        from workbench.models import MemberRole, Membership, Role

        app = create_app({"TESTING": True, "SECRET_KEY": "bench", "WTF_CSRF_ENABLED": False,
                          "SQLALCHEMY_DATABASE_URI": url,
                          "PASSWORD_HASH_METHOD": "pbkdf2:sha256:1000", "LOGIN_RATE_LIMIT": "1000 per minute",
                          "SESSION_COOKIE_SECURE": False})
        with app.app_context():
            upgrade(revision="heads")
            start = time.perf_counter()
            procurement = build_evaluation("BENCH-01")
            officer = create_user(email="bench.officer@council.example", name="Bench Officer", role=Role.OFFICER,
                                  password=PASSWORD, actor="bench")
            db.session.add(Membership(procurement_id=procurement.id, user_id=officer.id, role=MemberRole.OFFICER))
            db.session.commit()
            if db.engine.dialect.name == "postgresql":  # what autovacuum does within a minute of such a load
                with db.engine.connect() as connection:
                    connection.exec_driver_sql("ANALYZE")
            print(f"Built 30 suppliers x 200 criteria x 15 evaluators + 40 young people in "
                  f"{time.perf_counter() - start:.1f} s")

            from workbench.exports.xlsx import workbook_bytes
            from workbench.results.inputs import evaluation_for, load_procurement
            from workbench.results.report import build_report
            from workbench.scoring import evaluate

            loaded = load_procurement("BENCH-01")
            evaluation = evaluation_for(loaded)
            seconds, _ = _timed(lambda: evaluate(evaluation))
            print(f"Results computation (engine only):    {seconds:.3f} s (CPU {_timed.cpu:.3f} s)")
            seconds, _ = _timed(lambda: build_report(load_procurement("BENCH-01")))
            print(f"Results incl. DB read + sensitivity:  {seconds:.3f} s (CPU {_timed.cpu:.3f} s)")

            client = app.test_client()
            client.post("/sign-in", data={"email": "bench.officer@council.example", "password": PASSWORD})
            with count_queries(db.engine) as queries:
                response = client.get("/procurements/BENCH-01/results")
            assert response.status_code == 200, response.status_code
            seconds, _ = _timed(lambda: client.get("/procurements/BENCH-01/results"))
            print(f"Results page response (test client):  {seconds:.3f} s (CPU {_timed.cpu:.3f} s, "
                  f"{len(response.data) // 1024} KB)")
            print(f"Results page SQL queries:             {len(queries)}")

            db.session.expire_all()
            before = _max_rss_mb()
            seconds, data = _timed(lambda: workbook_bytes(build_report(load_procurement("BENCH-01"))), repeat=2)
            peak = _max_rss_mb()
            print(f"XLSX export (best of 2):              {seconds:.3f} s (CPU {_timed.cpu:.3f} s, "
                  f"file {len(data) // 1024} KB)")
            db.session.expire_all()
            tracemalloc.start()
            workbook_bytes(build_report(load_procurement("BENCH-01")))
            traced = tracemalloc.get_traced_memory()[1] / 2**20
            tracemalloc.stop()
            print(f"XLSX export peak Python memory:       {traced:.0f} MB (tracemalloc, DB read included)")
            print(f"Peak memory (process max RSS):        {peak:.0f} MB ({before:.0f} MB before the export; "
                  f"includes building the database)")
            db.engine.dispose()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
