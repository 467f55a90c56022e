"""Demo evidence: a written answer from every supplier to every question, a document and a clarification."""

from __future__ import annotations

from workbench.evidence.services import (
    answer_clarification,
    ask_clarification,
    save_response,
    submit_bid,
    upload_document,
)
from workbench.models import Criterion, MemberRole, Procurement, Supplier, User

# One voice per supplier, strongest first, matching the demo's scores.
_STRONG = ("We meet this in full. {title} is part of the standard product at Northshire and Eastbridge councils, "
           "where it has run since 2023. Social workers were involved in designing it: in 2025 they asked for {what}, "
           "and we released the change within two sprints. We measure it every month and share the results with "
           "the council. We would show it working end to end at the demonstration.")
_GOOD = ("Our system supports {title}. Councils configure it themselves without paying for changes. Two councils "
         "use it today, and we can arrange a reference call. We plan further improvements to {what} in the next "
         "release.")
_FAIR = ("{title} is supported through configuration. Our implementation team will work with the council to set "
         "it up during onboarding. More detail can be given at the demonstration.")
_WEAK = "Yes. Our product does this. See our brochure."
_VOICES = (_STRONG, _GOOD, _FAIR, _WEAK)
_WHAT = "fewer screens and clearer prompts"


def _answer(supplier_index: int, criterion: Criterion) -> str:
    if criterion.is_pass_fail:
        if supplier_index == 3 and criterion.position % 2 == 0:
            return "We are working towards this and expect to meet it next year."
        return (f"Yes. We meet the requirement for {criterion.title.lower()}; the certificate or evidence is "
                "attached or available on request.")
    voice = _VOICES[supplier_index % len(_VOICES)]
    return voice.format(title=criterion.title, what=_WHAT)


def _escape_pdf(text: str) -> str:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def small_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF showing a few lines of text (Helvetica), made without any library."""
    text = "BT /F1 12 Tf 72 760 Td 16 TL " + " ".join(f"({_escape_pdf(line)}) '" for line in lines) + " ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> "
        b"/Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(text.encode("latin-1")) + text.encode("latin-1") + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def _certificate(supplier: Supplier) -> bytes:
    return small_pdf(["Cyber Essentials Plus certificate (demo)", f"Awarded to: {supplier.name}",
                      "Valid until: 31 March 2027", "Demo data only: not a real certificate."])


def load_evidence_demo(procurement: Procurement, officer: User | None = None) -> None:
    """Answers from every supplier (submitted), one PDF certificate and one answered clarification question."""
    if officer is None:
        from workbench.procurements.services import members

        officer = members(procurement, MemberRole.OFFICER)[0]
    criteria = procurement.criteria
    for index, supplier in enumerate(procurement.suppliers):
        for criterion in criteria:
            save_response(procurement, supplier, criterion, _answer(index, criterion), actor=None)
    first = procurement.suppliers[0]
    certificate = next((c for c in criteria if "cyber" in c.title.lower()), criteria[0])
    upload_document(procurement, first, certificate, _certificate(first), f"{certificate.code} certificate.pdf",
                    actor=None)
    for supplier in procurement.suppliers:
        submit_bid(procurement, supplier, actor=None)
    weak = procurement.suppliers[-1]
    asked = ask_clarification(procurement, weak, "Your answer refers to a brochure. Which councils use the "
                              "product today, and since when?", actor=officer, criterion=criteria[0])
    answer_clarification(procurement, asked, "Two councils in the North West have used it since 2024; we can "
                         "name them on request.", actor=None)
