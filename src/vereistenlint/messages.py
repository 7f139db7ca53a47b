"""Every message a finding can carry, by key, with named placeholders."""

from __future__ import annotations

from .findings import Finding

EN: dict[str, str] = {
    # reading and front matter
    "read.oserror": "cannot read the file: {reason}",
    "read.binary": "the file holds binary data (a NUL byte), not Markdown text",
    "read.encoding": "byte {byte} is not valid UTF-8; save the file as UTF-8",
    "front_matter.empty_file": "the file is empty; expected front matter between '---' lines and the requirement's sections",
    "front_matter.missing": "no front matter: the first line must be '---', followed by the YAML keys and a closing '---'",
    "front_matter.unterminated": "the front matter opened here is never closed with a '---' line",
    "front_matter.empty": "the front matter is empty; expected the requirement's keys (title, toelichting, ...)",
    "yaml.syntax": "YAML syntax error: {problem}",
    "yaml.too_complex": "the front matter is refused: {reason}",
    "yaml.duplicate_key": "key '{key}' appears twice (first on line {first}); YAML keeps only the last one",
    "profile.none": "the file fits no known format: its front matter has neither an id (urn:nl:ak:ver:... or urn:nl:ak:mtr:...) nor the 2024 keys; known profiles: {profiles}",
    "title.full_stop": "the title ends with a full stop; the template asks for none",
    "toelichting.length": "the toelichting has {words} words; the template asks for at most {limit}",
    # schema
    "schema.required": "{where} lacks the required key '{key}'",
    "schema.dependent": "{where} lacks '{key}': the applicability maps rekenregels, machine-learning and generatieve-ai go together",
    "schema.unknown_key": "unknown key '{key}' in {where}; allowed: {allowed}",
    "schema.unknown_key_suggest": "unknown key '{key}' in {where}; did you mean '{suggestion}'?",
    "schema.unknown_key_expected": "unexpected key '{key}'; expected '{expected}' here",
    "schema.empty_enum": "{where} is empty; expected one of: {allowed}",
    "schema.enum": "{value} is not allowed for {where}; expected one of: {allowed}",
    "schema.enum_suggest": "{value} is not allowed for {where}; did you mean '{suggestion}'? (allowed: {allowed})",
    "schema.blank": "{where} is empty; expected text",
    "schema.pattern": "{value} in {where} does not have the expected form ({pattern})",
    "schema.hint": "{value} is not a valid {where}; expected {hint}",
    "schema.contains": "{where} must include '{expected}': {hint}",
    "schema.type": "{where} must be {expected}, found {found}",
    "schema.type_empty": "{where} is empty; expected {expected}",
    "schema.min_items": "{where} has {count} item(s); expected at least {minimum}",
    "schema.max_items": "{where} has {count} items; expected at most {maximum}",
    "schema.extra_items": "{where} has more items than its {maximum} classes",
    "schema.unique": "{value} appears more than once in {where}",
    "schema.other": "{where}: {detail}",
    # sections
    "tags.missing": "the marker '{marker}' is missing; put it between the front matter and the first section",
    "tags.after_section": "the marker '{marker}' stands after the first section; move it above the first section",
    "section.missing": "section '## {name}' is missing",
    "section.duplicate": "section '## {name}' appears again (first on line {first})",
    "section.empty": "section '## {name}' is empty",
    "section.order": "section '## {name}' comes after '## {before}'; the template's order is: {order}",
    "section.unexpected": "section '## {name}' is not part of the template",
    "section.unexpected_suggest": "section '## {name}' is not part of the template; did you mean '## {suggestion}'?",
    "section.marker": "section '## {name}' lacks '{marker}', which the website replaces with the section's content",
    # text
    "comment.unclosed": "'<!--' opens a comment that is never closed with '-->'; the rest of the page is hidden",
    "placeholder": "placeholder text '{text}' left in the file; replace it with the real content",
    "link.broken": "broken link syntax; write a link as [text](address)",
    "link.empty": "link without an address: [text]() leads nowhere",
    # applicability
    "applicability.section_missing": "the front matter has applicability maps ({keys}) but the body has no '## {section}' section",
    "applicability.maps_missing": "section '## {section}' shows applicability tables but the front matter has none of {keys}",
    "applicability.unknown_tab": "unknown tab '{title}'; expected the tabs {expected}",
    "applicability.duplicate_tab": "tab '{title}' appears twice",
    "applicability.missing_tab": "section '## {section}' lacks the tab '=== \"{title}\"' with its table (indented by a tab or four spaces)",
    "applicability.table_shape": "tab '{title}' must hold one table with one row; found {tables} table(s) and {rows} row(s) (is the table indented by a tab or four spaces?)",
    "applicability.header": "tab '{title}': the table header is '{found}'; expected '{expected}'",
    "applicability.icon": "tab '{title}', column {header}: expected exactly one of {icons}",
    "applicability.mismatch": "tab '{title}', class {header}: the table shows '{table}' ({icon}) but the front matter says {value} for {key} (line {line})",
    # repository
    "repo.duplicate_id": "id '{id}' is also used by {others}",
    "repo.file_name": "the file name '{name}' does not start with '{code}-', the code of its id {id}",
    "repo.unknown_reference": "'{name}' under {key} is not the file name of any requirement",
    "repo.unknown_reference_suggest": "'{name}' under {key} is not the file name of any requirement; did you mean '{suggestion}'?",
    # maatregelen
    "maatregelen.missing": "no '<!-- {marker} {own}/{stem} -->' comment; the website shows no measures here",
    "maatregelen.stem": "the list names '{value}' but this file is '{stem}'; the website would list another requirement's measures",
    "maatregelen.no_stem": "'{marker}' names no requirement; expected '{own}/{stem}'",
    "maatregelen.unknown_flag": "unknown option '{token}' in the list comment; allowed: {allowed}",
    "maatregelen.unknown_filter": "unknown filter '{name}/'; allowed: {allowed}",
    "maatregelen.unknown_filter_suggest": "unknown filter '{name}/'; did you mean '{suggestion}/'? (allowed: {allowed})",
    "maatregelen.unknown_value": "'{value}' is not a known {name}; the website would show an empty list",
    "maatregelen.unknown_value_suggest": "'{value}' is not a known {name}; did you mean '{suggestion}'?",
}

CATALOGUES: dict[str, dict[str, str]] = {"en": EN}


def render(f: Finding, lang: str = "en") -> str:
    template = CATALOGUES.get(lang, EN).get(f.key) or EN[f.key]
    return template.format(**dict(f.args))
