"""Forms of the scoring pages. The score-and-justification fields depend on the plan, so they are read from the
request by :func:`read_cells` rather than declared on a WTForms class; CSRF comes from
:class:`workbench.forms.ActionForm`."""

from __future__ import annotations

from dataclasses import dataclass, field

from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField, FileRequired
from govuk_frontend_wtf.wtforms_widgets import GovFileInput, GovRadioInput, GovSubmitInput, GovTextArea
from werkzeug.datastructures import MultiDict
from wtforms import RadioField, SubmitField, TextAreaField, ValidationError
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length

from workbench.evidence.queries import Evidence
from workbench.forms import strip
from workbench.models import Criterion, Procurement, Score, ScoreStatus, Supplier

MAX_JUSTIFICATION = 5000



class DeclarationForm(FlaskForm):
    has_conflict = RadioField(
        "Do you have a conflict of interest with this supplier?", widget=GovRadioInput(),
        description="For example: you or a close relative work for them, have worked for them recently, own shares "
                    "in them, or have been offered gifts or hospitality by them.",
        choices=[SelectChoice("no", "No, I have no conflict of interest"),
                 SelectChoice("yes", "Yes, I have a conflict of interest")],
        validators=[InputRequired(message="Select whether you have a conflict of interest")])
    details = TextAreaField(
        "If you have a conflict, describe it", widget=GovTextArea(), filters=[strip],
        description="What the conflict is and when it began. The procurement officer will see this.",
        validators=[Length(max=2000, message="Describe the conflict in 2,000 characters or fewer")])
    submit = SubmitField("Make declaration", widget=GovSubmitInput())

    def validate_details(self, details: TextAreaField) -> None:
        if self.has_conflict.data == "yes" and not details.data:
            raise ValidationError("Describe the conflict of interest")


class UploadForm(FlaskForm):
    scores_file = FileField(
        "Scoring workbook", widget=GovFileInput(),
        description="The workbook you downloaded (.xlsx), or a CSV file with the same columns.",
        validators=[FileRequired(message="Select a scoring workbook"),
                    FileAllowed(["xlsx", "csv"], message="The file must be an .xlsx workbook or a .csv file")])
    submit = SubmitField("Upload and submit scores", widget=GovSubmitInput())


@dataclass
class Cell:
    """One score to give: a supplier on a criterion, with what the evaluator has entered so far."""

    key: str
    supplier: Supplier
    criterion: Criterion
    evidence: Evidence
    score: Score | None
    value: str = ""
    justification: str = ""
    errors: dict[str, str] = field(default_factory=dict)

    @property
    def locked(self) -> bool:
        return self.score is not None and self.score.status is ScoreStatus.SUBMITTED

    @property
    def entered(self) -> tuple[int | str | None, str]:
        if not self.value:
            return None, self.justification
        return (self.value if self.criterion.is_pass_fail else int(self.value)), self.justification


def make_cell(key: str, supplier: Supplier, criterion: Criterion, evidence: Evidence, score: Score | None) -> Cell:
    cell = Cell(key, supplier, criterion, evidence, score)
    if score is not None:
        cell.value = "" if score.value is None else str(score.value)
        cell.justification = score.justification
    return cell


def choices_for(procurement: Procurement, criterion: Criterion) -> list[str]:
    if criterion.is_pass_fail:
        return ["pass", "fail"]
    return [str(v) for v in range(procurement.scale_min, procurement.scale_max + 1)]


def read_cells(cells: list[Cell], formdata: MultiDict, procurement: Procurement) -> bool:
    """Take what was entered for each open cell; mark unreadable values. True when everything can be saved."""
    valid = True
    for cell in cells:
        if cell.locked:
            continue
        cell.value = (formdata.get(f"score-{cell.key}") or "").strip()
        cell.justification = (formdata.get(f"justification-{cell.key}") or "").strip()
        if cell.value and cell.value not in choices_for(procurement, cell.criterion):
            cell.errors["score"] = f"Choose a score for {cell.criterion.code} from the list"
            cell.value = ""
            valid = False
        if len(cell.justification) > MAX_JUSTIFICATION:
            cell.errors["justification"] = (f"The justification for {cell.criterion.code} must be "
                                            f"{MAX_JUSTIFICATION:,} characters or fewer")
            valid = False
    return valid


def check_complete(cells: list[Cell]) -> bool:
    """Before submitting: every open cell needs a score and a justification."""
    complete = True
    for cell in cells:
        if cell.locked:
            continue
        if not cell.value:
            cell.errors.setdefault("score", f"Select a score for {cell.criterion.code}")
            complete = False
        if not cell.justification:
            cell.errors.setdefault("justification", f"Enter a justification for {cell.criterion.code}")
            complete = False
    return complete


def error_list(cells: list[Cell]) -> list[dict[str, str]]:
    """The error summary's items, linking to the fields."""
    items = []
    for cell in cells:
        for name in ("score", "justification"):
            if name in cell.errors:
                items.append({"text": cell.errors[name], "href": f"#{name}-{cell.key}"})
    return items
