"""Demo data for the young people's panel: an online session with some answers given, and a paper session."""

from __future__ import annotations

import csv
import io
import random
from datetime import timedelta

from workbench.models import Procurement, User
from workbench.models.base import utcnow
from workbench.youth.imports import import_answers
from workbench.youth.journey import enter_code, save_answer, steps, submit
from workbench.youth.sessions import create_session
from workbench.youth.statements import add_statement

COMMENTS = ("Show me what they wrote in words I understand", "Let me add my own bit", "Pictures would help",
            "Tell me when someone looks at my file", "It looked hard for my social worker")


def load_youth_demo(procurement: Procurement, officer: User) -> None:
    """Four completed codes, one in use, the rest unused; six paper sheets; two I statements."""
    if not procurement.youth_questions:
        return
    rng = random.Random(4)
    session, printed = create_session(procurement, title="Children in care council, demonstration day",
                                      closes_at=utcnow() + timedelta(days=30), codes=8, actor=officer)
    for index, item in enumerate(printed[:5]):
        respondent = enter_code(item.code)
        all_steps = steps(session)
        for step in all_steps[: len(all_steps) if index < 4 else 3]:
            bias = (1, 0, -1)[(step.supplier_number - 1) % 3]
            value = None if rng.random() < 0.1 else max(1, min(5, rng.randint(2, 4) + bias))
            comment = rng.choice(COMMENTS) if step.question_number == 1 and rng.random() < 0.4 else ""
            save_answer(respondent, step, answer=value, comment=comment)
        if index < 4:
            submit(respondent)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["respondent", "supplier", "question", "answer", "comment"])
    for sheet in range(1, 7):
        for supplier in procurement.suppliers:
            for question in procurement.youth_questions:
                answer = rng.choice(["3", "4", "4", "5", "not sure", "2"])
                writer.writerow([f"P{sheet:02d}", supplier.name, question.code, answer, ""])
    import_answers(procurement, buffer.getvalue().encode(), filename="demo-paper-session.csv", actor=officer)
    add_statement(procurement, "I can understand my plan", actor=officer)
    add_statement(procurement, "I know who can see what is written about me", actor=officer)
