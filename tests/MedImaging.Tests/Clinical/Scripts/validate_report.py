"""Validates JSON files against a JSON Schema (draft 2020-12) with the python-jsonschema package.

usage: validate_report.py SCHEMA FILE...   prints one line per error ("FILE: /json/path: message"), exit 1 if any.
"""
import json
import sys

import jsonschema

schema = json.load(open(sys.argv[1], encoding="utf-8"))
jsonschema.Draft202012Validator.check_schema(schema)
validator = jsonschema.Draft202012Validator(schema, format_checker=jsonschema.FormatChecker())
errors = 0
for path in sys.argv[2:]:
    for error in validator.iter_errors(json.load(open(path, encoding="utf-8"))):
        errors += 1
        print(f"{path}: {error.json_path}: {error.message}")
sys.exit(1 if errors else 0)
