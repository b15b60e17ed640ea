"""Fill a Qt .ts catalogue from a checked-in mapping so translations survive re-extraction.

``scripts/update-translations.sh`` runs ``pyside6-lupdate`` (which only extracts), then this
tool, then ``pyside6-lrelease``. The mapping (``resources/translations/de.json``) is the
source of truth for the German text::

    {
      "common":   {"English source": "Deutscher Text", "%n note(s)": ["%n Notiz", "%n Notizen"]},
      "contexts": {"PopView": {"Answer": "Annehmen"}}
    }

A context entry wins over a common one; a list fills the plural forms of a ``%n`` message.
Every message found in the mapping gets that translation and loses ``type="unfinished"``;
messages not in the mapping stay unfinished and are listed on stderr.

The tool also repairs contexts that lupdate's Python parser gets wrong: a message whose
context is not a class name (empty, or ``self.window`` for ``self.window.tr(...)``) is
moved to the class that ``tr()`` uses at run time, found with :mod:`ast` at its location.

Run ``python scripts/translate_ts.py --help`` for the options.
"""

from __future__ import annotations

import argparse
import ast
import json
import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TS = ROOT / "resources" / "translations" / "vorzimmer_de.ts"
DEFAULT_MAPPING = ROOT / "resources" / "translations" / "de.json"

Translation = str | list[str]


class MappingError(ValueError):
    """The mapping file cannot be used (bad JSON or wrong shape)."""


@dataclass
class Mapping:
    """German text per source, optionally per context."""

    common: dict[str, Translation] = field(default_factory=dict)
    contexts: dict[str, dict[str, Translation]] = field(default_factory=dict)
    used: set[tuple[str, str]] = field(default_factory=set)  # ("", source) for common entries

    def lookup(self, context: str, source: str) -> Translation | None:
        specific = self.contexts.get(context, {})
        if source in specific:
            self.used.add((context, source))
            return specific[source]
        if source in self.common:
            self.used.add(("", source))
        return self.common.get(source)

    def unused(self) -> list[tuple[str, str]]:
        """Entries no message asked for: strings since removed from the UI."""
        entries = [("", source) for source in self.common]
        entries += [(ctx, source) for ctx, sources in self.contexts.items() for source in sources]
        return [entry for entry in entries if entry not in self.used]


@dataclass
class Outcome:
    """What a run did: counts for the summary line, the messages still untranslated."""

    total: int = 0
    filled: int = 0
    missing: list[tuple[str, str]] = field(default_factory=list)
    moved: int = 0
    unresolved: list[tuple[str, str]] = field(default_factory=list)


def _check_translation(where: str, value: object) -> Translation:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(v, str) for v in value):
        return [str(v) for v in value]
    raise MappingError(f"{where}: expected a string or a list of strings, got {value!r}")


def load_mapping(path: Path) -> Mapping:
    """Read and validate the mapping; a broken file is an error, never an empty mapping."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise MappingError(f"{path}: {exc}") from exc
    if not isinstance(data, dict):
        raise MappingError(f"{path}: the top level must be an object")
    unknown = set(data) - {"common", "contexts"} - {k for k in data if k.startswith("_")}
    if unknown:
        raise MappingError(f"{path}: unknown keys {sorted(unknown)}")
    mapping = Mapping()
    common = data.get("common", {})
    if not isinstance(common, dict):
        raise MappingError(f"{path}: 'common' must be an object")
    for source, value in common.items():
        mapping.common[source] = _check_translation(f"{path}: common[{source!r}]", value)
    contexts = data.get("contexts", {})
    if not isinstance(contexts, dict):
        raise MappingError(f"{path}: 'contexts' must be an object")
    for context, entries in contexts.items():
        if not isinstance(entries, dict):
            raise MappingError(f"{path}: contexts[{context!r}] must be an object")
        mapping.contexts[context] = {
            source: _check_translation(f"{path}: contexts[{context!r}][{source!r}]", value)
            for source, value in entries.items()
        }
    return mapping


# ---- context repair ------------------------------------------------------------------------


def _tr_calls(tree: ast.AST) -> list[tuple[ast.Call, list[ast.ClassDef]]]:
    """Every ``<expr>.tr("literal", ...)`` call with the classes that enclose it."""
    found: list[tuple[ast.Call, list[ast.ClassDef]]] = []

    def visit(node: ast.AST, classes: list[ast.ClassDef]) -> None:
        if isinstance(node, ast.ClassDef):
            classes = [*classes, node]
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr == "tr"
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.append((node, classes))
        for child in ast.iter_child_nodes(node):
            visit(child, classes)

    visit(tree, [])
    return found


def _attribute_class(cls: ast.ClassDef, attr: str) -> str | None:
    """The class of ``self.<attr>`` from ``self.attr = C(...)`` or ``self.attr: C`` in *cls*."""
    for node in ast.walk(cls):
        target: ast.expr | None = None
        value: ast.expr | None = None
        if isinstance(node, ast.Assign) and len(node.targets) == 1:
            target, value = node.targets[0], node.value
        elif isinstance(node, ast.AnnAssign):
            target, value = node.target, node.annotation
        if not (
            isinstance(target, ast.Attribute)
            and target.attr == attr
            and isinstance(target.value, ast.Name)
            and target.value.id == "self"
        ):
            continue
        if isinstance(value, ast.Call):
            value = value.func
        if isinstance(value, ast.Name):
            return value.id
        if isinstance(value, ast.Attribute):
            return value.attr
    return None


def runtime_context(source_file: Path, line: int, source: str) -> str | None:
    """The class whose name ``tr()`` uses for *source* near *line* of *source_file*."""
    try:
        tree = ast.parse(source_file.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return None
    candidates = [
        (call, classes)
        for call, classes in _tr_calls(tree)
        if isinstance(call.args[0], ast.Constant) and call.args[0].value == source and classes
    ]
    if not candidates:
        return None
    call, classes = min(candidates, key=lambda item: abs(item[0].lineno - line))
    receiver = call.func.value if isinstance(call.func, ast.Attribute) else None
    if isinstance(receiver, ast.Name) and receiver.id == "self":
        return classes[-1].name
    if (
        isinstance(receiver, ast.Attribute)
        and isinstance(receiver.value, ast.Name)
        and receiver.value.id == "self"
    ):
        return _attribute_class(classes[-1], receiver.attr)
    return None


def _is_class_name(name: str) -> bool:
    return name.isidentifier()


def _find_context(root: ET.Element, name: str) -> ET.Element:
    for context in root.findall("context"):
        if context.findtext("name", "") == name:
            return context
    context = ET.SubElement(root, "context")
    ET.SubElement(context, "name").text = name
    return context


def _same_message(a: ET.Element, b: ET.Element) -> bool:
    return a.findtext("source") == b.findtext("source") and a.findtext("comment") == b.findtext(
        "comment"
    )


def repair_contexts(root: ET.Element, ts_path: Path, outcome: Outcome) -> None:
    """Move messages out of contexts that are no class name into the runtime context."""
    for context in list(root.findall("context")):
        name = context.findtext("name", "")
        if _is_class_name(name):
            continue
        for message in list(context.findall("message")):
            source = message.findtext("source", "")
            target = None
            location = message.find("location")
            if location is not None:
                source_file = (ts_path.parent / location.get("filename", "")).resolve()
                target = runtime_context(source_file, int(location.get("line", "0")), source)
            if target is None:
                outcome.unresolved.append((name, source))
                continue
            destination = _find_context(root, target)
            twin = next(
                (m for m in destination.findall("message") if _same_message(m, message)), None
            )
            context.remove(message)
            outcome.moved += 1
            if twin is None:
                destination.append(message)
            else:  # same text in the same class: one message with both locations
                last = max(
                    (i for i, child in enumerate(twin) if child.tag == "location"), default=-1
                )
                for offset, loc in enumerate(message.findall("location")):
                    twin.insert(last + 1 + offset, loc)
        if not context.findall("message"):
            root.remove(context)
    contexts = root.findall("context")
    for context in contexts:
        root.remove(context)
    for context in sorted(contexts, key=lambda c: c.findtext("name", "")):
        root.append(context)


# ---- filling --------------------------------------------------------------------------------


def fill(root: ET.Element, mapping: Mapping, outcome: Outcome) -> None:
    """Write the mapping's text into every message it knows; leave the others unfinished."""
    for context in root.findall("context"):
        name = context.findtext("name", "")
        for message in context.findall("message"):
            if message.get("type") in ("obsolete", "vanished"):
                continue
            outcome.total += 1
            source = message.findtext("source", "")
            text = mapping.lookup(name, source)
            translation = message.find("translation")
            if translation is None:
                translation = ET.SubElement(message, "translation")
            if text is None:
                if not translation.get("type"):
                    finished = _text_of(translation)
                    if not any(finished):
                        translation.set("type", "unfinished")
                if translation.get("type") == "unfinished":
                    outcome.missing.append((name, source))
                continue
            plural = message.get("numerus") == "yes"
            forms = text if isinstance(text, list) else [text]
            if plural:
                count = max(len(translation.findall("numerusform")), 2)
                forms = [*forms, *[forms[-1]] * (count - len(forms))][:count]
                for child in list(translation):
                    translation.remove(child)
                translation.text = None
                for form in forms:
                    ET.SubElement(translation, "numerusform").text = form
            else:
                if len(forms) != 1:
                    raise MappingError(f"{name}/{source!r}: plural forms for a singular message")
                translation.text = forms[0]
            translation.attrib.pop("type", None)
            outcome.filled += 1


def _text_of(translation: ET.Element) -> list[str]:
    forms = translation.findall("numerusform")
    if forms:
        return [f.text or "" for f in forms]
    return [translation.text or ""]


# ---- writing in lupdate's layout (so lupdate's next run changes nothing needlessly) --------


def _escape(text: str) -> str:
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&apos;")
    )


def _write_element(element: ET.Element, depth: int, out: list[str]) -> None:
    indent = "    " * depth
    attrs = "".join(f' {key}="{_escape(value)}"' for key, value in element.attrib.items())
    children = list(element)
    if not children:
        if element.text is None and element.tag == "location":
            out.append(f"{indent}<{element.tag}{attrs}/>\n")
        else:
            text = _escape(element.text or "")
            out.append(f"{indent}<{element.tag}{attrs}>{text}</{element.tag}>\n")
        return
    out.append(f"{indent}<{element.tag}{attrs}>\n")
    for child in children:
        _write_element(child, depth + 1, out)
    out.append(f"{indent}</{element.tag}>\n")


def serialize(root: ET.Element) -> str:
    out = ['<?xml version="1.0" encoding="utf-8"?>\n', "<!DOCTYPE TS>\n"]
    attrs = "".join(f' {key}="{_escape(value)}"' for key, value in root.attrib.items())
    out.append(f"<TS{attrs}>\n")
    for child in root:
        _write_element(child, 0, out)
    out.append("</TS>\n")
    return "".join(out)


# ---- command line ---------------------------------------------------------------------------


def translate(ts_path: Path, mapping: Mapping) -> Outcome:
    """Repair contexts and fill *ts_path* in place from *mapping*."""
    root = ET.parse(ts_path).getroot()
    outcome = Outcome()
    repair_contexts(root, ts_path, outcome)
    fill(root, mapping, outcome)
    text = serialize(root)
    if text != ts_path.read_text(encoding="utf-8"):
        ts_path.write_text(text, encoding="utf-8")
    return outcome


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--ts", type=Path, default=DEFAULT_TS, help="catalogue to fill in place")
    parser.add_argument("--mapping", type=Path, default=DEFAULT_MAPPING, help="source → German")
    parser.add_argument(
        "--check", action="store_true", help="exit 1 while any message is left untranslated"
    )
    parser.add_argument(
        "--missing-json",
        action="store_true",
        help="print the untranslated messages as JSON to paste into the mapping",
    )
    args = parser.parse_args(argv)
    try:
        mapping = load_mapping(args.mapping)
        outcome = translate(args.ts, mapping)
    except (MappingError, ET.ParseError, OSError) as exc:
        print(f"translate_ts: {exc}", file=sys.stderr)
        return 2
    print(
        f"translate_ts: {outcome.filled} of {outcome.total} messages translated"
        f"{f', {outcome.moved} moved to their runtime context' if outcome.moved else ''}",
        file=sys.stderr,
    )
    unused = mapping.unused()
    if unused:
        print(f"  {len(unused)} entries of {args.mapping.name} no longer used:", file=sys.stderr)
        for context, source in unused:
            print(f"    [{context or 'common'}] {source!r}", file=sys.stderr)
    for context, source in outcome.unresolved:
        print(f"  context {context!r} not resolved for {source!r}", file=sys.stderr)
    for context, source in outcome.missing:
        print(f"  untranslated [{context}] {source!r}", file=sys.stderr)
    if args.missing_json:
        missing: dict[str, dict[str, str]] = {}
        for context, source in outcome.missing:
            missing.setdefault(context, {})[source] = ""
        print(json.dumps(missing, ensure_ascii=False, indent=2))
    if args.check and (outcome.missing or outcome.unresolved):
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
