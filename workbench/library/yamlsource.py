"""Read YAML files so that every problem can be reported as ``file:line: field: message``.

``load_yaml`` parses a file with a safe loader, keeps PyYAML's composed node tree (whose nodes carry their
start marks) next to the plain Python data, and refuses duplicate keys. ``validate_model`` runs a pydantic
model over the data and turns every validation error into a :class:`~workbench.problems.Problem` with the
line of the offending node and a readable field path such as ``sections[0].criteria[1].weight``.

How scalars are read (deliberately closer to YAML 1.2 than PyYAML's YAML 1.1 defaults, because people
write these files by hand):

- **Numbers are exact.** ``33.3`` is read as ``Decimal("33.3")`` from the scalar's own text, never through a
  binary float; integers are ``int``. ``.inf`` / ``.nan`` become ``Decimal("Infinity")`` / ``Decimal("NaN")``
  (pydantic's ``Decimal`` fields reject them by default). Underscores between digits are allowed
  (``1_200_000``). A leading zero does not mean octal: ``010`` is ten (write ``0o10`` for octal).
- **Only ``true``/``false`` are booleans.** ``yes``, ``no``, ``on``, ``off``, ``y``, ``n`` stay strings
  (so an answer "No" or the country code ``NO`` is not silently ``False``).
- **Clock times stay strings.** YAML 1.1 reads ``18:00`` as the base-60 integer 1080 (and ``08:00`` as a
  string, because of the leading zero). Here both stay the strings ``"18:00"`` and ``"08:00"``; quoting them
  is still good practice.
- **Dates are dates.** An unquoted ``2026-04-01`` is a ``datetime.date`` (and ``2026-04-01 09:30`` a
  ``datetime.datetime``). Models that want text can use :data:`YamlStr`, which accepts such scalars and
  turns them back into their text (``date.isoformat()``, ``str(int)``, ``str(Decimal)``).
"""

from __future__ import annotations

import datetime as dt
import re
import types
import typing
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Annotated, Any, TypeVar

import yaml
from pydantic import BaseModel, BeforeValidator, ValidationError
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

from workbench.problems import Problem, ProblemsError

__all__ = [
    "SourcedYaml",
    "YamlStr",
    "field_path",
    "load_yaml",
    "problems_from_validation_error",
    "register_pattern_message",
    "validate_model",
]

M = TypeVar("M", bound=BaseModel)

Loc = Sequence[str | int]

# --------------------------------------------------------------------------------------------------- loader

_BOOL = "tag:yaml.org,2002:bool"
_INT = "tag:yaml.org,2002:int"
_FLOAT = "tag:yaml.org,2002:float"


class _Resolver(Resolver):
    """PyYAML's resolver with YAML 1.2-style booleans, integers and floats (no sexagesimal, no yes/no)."""


_Resolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in (_BOOL, _INT, _FLOAT)]
    for first, resolvers in Resolver.yaml_implicit_resolvers.items()
}
_Resolver.add_implicit_resolver(
    _BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Resolver.add_implicit_resolver(
    _INT,
    re.compile(r"^(?:[-+]?[0-9][0-9_]*|0o[0-7_]+|0x[0-9a-fA-F_]+)$"),
    list("-+0123456789"))
_Resolver.add_implicit_resolver(
    _FLOAT,
    re.compile(r"""^(?:[-+]?(?:[0-9][0-9_]*)?\.[0-9][0-9_]*(?:[eE][-+]?[0-9]+)?
                  |[-+]?[0-9][0-9_]*\.?(?:[eE][-+]?[0-9]+)
                  |[-+]?[0-9][0-9_]*\.
                  |[-+]?\.(?:inf|Inf|INF)
                  |\.(?:nan|NaN|NAN))$""", re.VERBOSE),
    list("-+0123456789."))


class _Constructor(SafeConstructor):
    def construct_yaml_int(self, node: ScalarNode) -> int:  # type: ignore[override]
        text = str(self.construct_scalar(node)).replace("_", "")
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text)

    def construct_yaml_float(self, node: ScalarNode) -> Decimal:  # type: ignore[override]
        text = str(self.construct_scalar(node)).replace("_", "")
        lowered = text.lower()
        if lowered.endswith(".inf"):
            return Decimal("-Infinity") if lowered.startswith("-") else Decimal("Infinity")
        if lowered == ".nan":
            return Decimal("NaN")
        try:
            return Decimal(text)
        except InvalidOperation:  # pragma: no cover - the resolver only lets numbers through
            raise yaml.constructor.ConstructorError(
                None, None, f"not a number: {text!r}", node.start_mark) from None


_Constructor.add_constructor(_INT, _Constructor.construct_yaml_int)
_Constructor.add_constructor(_FLOAT, _Constructor.construct_yaml_float)

try:  # the C parser is faster; both give the same marks
    from yaml import CParser as _Parser  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream: str) -> None:
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


class _Loader(_Parser, _Constructor, _Resolver):  # type: ignore[misc, valid-type]
    def __init__(self, stream: str) -> None:
        _Parser.__init__(self, stream)
        _Constructor.__init__(self)
        _Resolver.__init__(self)


# --------------------------------------------------------------------------------------------------- source


def _line(node: Node) -> int:
    return node.start_mark.line + 1


@dataclass
class SourcedYaml:
    """The data of one YAML file, with the node tree that knows where each value was written.

    ``file`` is the name used in problems (the path as given, or ``display_name``).
    """

    file: str
    data: Any
    root: Node | None = field(default=None, repr=False)

    def node_at(self, loc: Loc) -> tuple[Node | None, int | None]:
        """The deepest node on ``loc`` that exists, and its line (for a mapping key: the key's line)."""
        node = self.root
        if node is None:
            return None, None
        line: int | None = _line(node)
        for step in loc:
            if isinstance(node, MappingNode):
                found = None
                for key, value in node.value:
                    if isinstance(key, ScalarNode) and key.value == str(step):
                        found = (key, value)
                if found is None:
                    break
                line = _line(found[0])
                node = found[1]
            elif isinstance(node, SequenceNode) and isinstance(step, int) and not isinstance(step, bool):
                if not 0 <= step < len(node.value):
                    break
                node = node.value[step]
                line = _line(node)
            else:
                break
        return node, line

    def line_of(self, loc: Loc) -> int | None:
        """Line (1-based) of the deepest node on the path ``loc`` that exists; ``None`` for an empty file."""
        return self.node_at(loc)[1]

    def problem(self, message: str, loc: Loc = (), *, line: int | None = None) -> Problem:
        """A problem at ``loc`` in this file (``line`` overrides the line looked up from ``loc``)."""
        return Problem(
            file=self.file,
            message=message,
            line=line if line is not None else self.line_of(loc),
            field=field_path(loc) or None,
        )


def _duplicate_keys(node: Node | None, file: str) -> list[Problem]:
    problems: list[Problem] = []
    stack = [node] if node is not None else []
    seen_nodes: set[int] = set()
    while stack:
        current = stack.pop()
        if id(current) in seen_nodes:  # aliases may share nodes
            continue
        seen_nodes.add(id(current))
        if isinstance(current, MappingNode):
            first_seen: dict[tuple[str, str], int] = {}
            for key, value in current.value:
                if isinstance(key, ScalarNode) and key.tag != "tag:yaml.org,2002:merge":
                    ident = (key.tag, key.value)
                    if ident in first_seen:
                        problems.append(Problem(
                            file=file, line=_line(key),
                            message=f"Duplicate key '{key.value}' (first given on line {first_seen[ident]})"))
                    else:
                        first_seen[ident] = _line(key)
                stack.append(value)
        elif isinstance(current, SequenceNode):
            stack.extend(current.value)
    return sorted(problems, key=lambda p: p.line or 0)


MAX_VALUES = 200_000
"""Most values a document may expand to (aliases counted each time they are used): a guard for uploads."""


def _expanded_size(root: Node) -> int:
    """How many values the document holds once every alias is expanded (memoised, so cheap to compute)."""
    sizes: dict[int, int] = {}
    order: list[Node] = []
    stack: list[Node] = [root]
    while stack:  # depth-first order without recursion; children are sized before their parents below
        node = stack.pop()
        if id(node) in sizes:
            continue
        sizes[id(node)] = 0
        order.append(node)
        if isinstance(node, SequenceNode):
            stack.extend(node.value)
        elif isinstance(node, MappingNode):
            for key, value in node.value:
                stack.extend((key, value))
    for node in reversed(order):
        total = 1
        if isinstance(node, SequenceNode):
            total += sum(sizes[id(child)] for child in node.value)
        elif isinstance(node, MappingNode):
            total += sum(sizes[id(key)] + sizes[id(value)] for key, value in node.value)
        sizes[id(node)] = min(total, MAX_VALUES + 1)
    return sizes[id(root)]


def _syntax_problem(exc: yaml.YAMLError, file: str) -> Problem:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    line = mark.line + 1 if mark is not None else None
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    if problem:
        message = f"YAML syntax error: {problem}"
        if context:
            message += f" ({context}"
            context_mark = getattr(exc, "context_mark", None)
            if context_mark is not None and context_mark is not mark:
                message += f" on line {context_mark.line + 1}"
            message += ")"
    else:
        message = f"YAML syntax error: {exc}"
    return Problem(file=file, line=line, message=message)


def load_yaml(path: str | Path, text: str | None = None, *, display_name: str | None = None) -> SourcedYaml:
    """Parse one YAML document safely; bad syntax or duplicate keys raise ``ProblemsError`` (file, line).

    ``text`` is used instead of reading ``path`` when given (e.g. an upload); ``display_name`` is the name
    shown in problems (default: ``path`` as given). An empty file gives ``data=None``.
    """
    file = display_name if display_name is not None else str(path)
    if text is None:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except FileNotFoundError:
            raise ProblemsError([Problem(file=file, message="File not found")]) from None
        except UnicodeDecodeError as exc:
            raise ProblemsError([Problem(
                file=file, message=f"The file is not UTF-8 text ({exc.reason})")]) from None
        except OSError as exc:
            message = f"Cannot read the file: {exc.strerror}"
            raise ProblemsError([Problem(file=file, message=message)]) from None
    try:
        loader = _Loader(text)  # reads the first characters: a control character fails here already
    except yaml.YAMLError as exc:
        raise ProblemsError([_syntax_problem(exc, file)]) from None
    try:
        root = loader.get_single_node()
        problems = _duplicate_keys(root, file)
        if problems:
            raise ProblemsError(problems)
        if root is not None and _expanded_size(root) > MAX_VALUES:
            raise ProblemsError([Problem(
                file=file, line=1,
                message=f"The document expands to more than {MAX_VALUES:,} values (through aliases?)")])
        data = loader.construct_document(root) if root is not None else None
    except yaml.YAMLError as exc:
        raise ProblemsError([_syntax_problem(exc, file)]) from None
    except RecursionError:
        raise ProblemsError([Problem(file=file, line=1, message="The document is nested too deeply")]) from None
    finally:
        loader.dispose()
    return SourcedYaml(file=file, data=data, root=root)


# --------------------------------------------------------------------------------------------------- models


def _text_from_yaml(value: Any) -> Any:
    if isinstance(value, bool):
        return value
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, int | Decimal):
        return str(value)
    return value


YamlStr = Annotated[str, BeforeValidator(_text_from_yaml)]
"""A ``str`` field that also accepts unquoted YAML numbers and dates, as the text that was written."""


def field_path(loc: Loc) -> str:
    """``("sections", 0, "criteria", 1, "weight")`` → ``"sections[0].criteria[1].weight"``."""
    out = ""
    for step in loc:
        if isinstance(step, int) and not isinstance(step, bool):
            out += f"[{step}]"
        else:
            out += f".{step}" if out else str(step)
    return out


def _data_loc(loc: Loc, data: Any) -> tuple[str | int, ...]:
    """Keep the steps of a pydantic error location that walk the data; drop union tags and validator names."""
    kept: list[str | int] = []
    current = data
    for index, step in enumerate(loc):
        last = index == len(loc) - 1
        if isinstance(current, Mapping):
            if step in current:
                kept.append(step)
                current = current[step]
            elif last and isinstance(step, str):
                kept.append(step)  # a missing or unknown field
        elif isinstance(current, list | tuple) and isinstance(step, int) and not isinstance(step, bool):
            kept.append(step)
            current = current[step] if 0 <= step < len(current) else None
        elif last and isinstance(step, str) and current is None:
            kept.append(step)
        # anything else is a union member tag or a validator name: not part of the data's path
    return tuple(kept)


def _unwrap(annotation: Any) -> list[Any]:
    """The model classes an annotation may hold (through Optional, unions, containers, Annotated)."""
    origin = typing.get_origin(annotation)
    if origin is Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if origin in (typing.Union, types.UnionType, list, tuple, set, frozenset, dict) or (
            origin is not None and isinstance(origin, type) and issubclass(origin, Sequence | Mapping)):
        found: list[Any] = []
        for arg in typing.get_args(annotation):
            found.extend(_unwrap(arg))
        return found
    return []


def _allowed_fields(model: type[BaseModel], loc: Loc) -> list[str] | None:
    """Field names allowed at the mapping that holds ``loc[-1]`` (best effort)."""
    candidates: list[Any] = [model]
    for step in loc[:-1]:
        if isinstance(step, int):
            continue
        following: list[Any] = []
        for candidate in candidates:
            info = candidate.model_fields.get(step)
            if info is None:
                for other in candidate.model_fields.values():
                    if other.alias == step:
                        info = other
            if info is not None:
                following.extend(_unwrap(info.annotation))
        candidates = following
        if not candidates:
            return None
    names: list[str] = []
    for candidate in candidates:
        for name, info in candidate.model_fields.items():
            shown = info.alias or name
            if shown not in names:
                names.append(shown)
    return names or None


_MESSAGES = {
    "missing": "Required field is missing",
    "decimal_parsing": "Input should be a valid number",
    "decimal_type": "Input should be a valid number",
    "float_parsing": "Input should be a valid number",
    "float_type": "Input should be a valid number",
    "finite_number": "Input should be a finite number",
    "int_from_float": "Input should be a whole number",
    "int_parsing": "Input should be a whole number",
    "int_type": "Input should be a whole number",
    "dict_type": "Input should be a mapping of fields (key: value)",
    "model_type": "Input should be a mapping of fields (key: value)",
    "model_attributes_type": "Input should be a mapping of fields (key: value)",
    "list_type": "Input should be a list",
    "tuple_type": "Input should be a list",
}


_PATTERN_MESSAGES: dict[str, str] = {}


def register_pattern_message(pattern: str, message: str) -> None:
    """Say ``message`` (e.g. "Use letters, digits and hyphens") when a value does not match ``pattern``."""
    _PATTERN_MESSAGES[pattern] = message


def _message(error: Any, model: type[BaseModel], loc: Loc) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "string_pattern_mismatch" and ctx.get("pattern") in _PATTERN_MESSAGES:
        return f"{_PATTERN_MESSAGES[ctx['pattern']]}, not {error['input']!r}"
    if kind in ("string_too_short", "too_short") and ctx.get("min_length") == 1:
        return "Must not be empty"
    if kind in ("value_error", "assertion_error"):
        cause = (error.get("ctx") or {}).get("error")
        if cause is not None:
            return str(cause)
        return str(error["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
    if kind == "extra_forbidden":
        allowed = _allowed_fields(model, loc)
        if allowed:
            return f"Unknown field; the fields allowed here are: {', '.join(allowed)}"
        return "Unknown field"
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    return str(error["msg"])


def problems_from_validation_error(
        exc: ValidationError, sourced: SourcedYaml, model: type[BaseModel]) -> list[Problem]:
    """One ``Problem`` per pydantic error, placed at the line of the node it concerns."""
    problems: list[Problem] = []
    seen: set[tuple[int | None, str, str]] = set()
    for error in exc.errors(include_url=False):
        loc = _data_loc(error["loc"], sourced.data)
        message = _message(error, model, loc)
        line = sourced.line_of(loc)
        path = field_path(loc)
        key = (line, path, message)
        if key in seen:
            continue
        seen.add(key)
        problems.append(Problem(file=sourced.file, message=message, line=line, field=path or None))
    return problems


def validate_model(model: type[M], sourced: SourcedYaml, *, context: dict[str, Any] | None = None) -> M:
    """Validate ``sourced.data`` with ``model``; raise ``ProblemsError`` with every error, placed by line."""
    try:
        return model.model_validate(sourced.data, context=context)
    except ValidationError as exc:
        raise ProblemsError(problems_from_validation_error(exc, sourced, model)) from None
