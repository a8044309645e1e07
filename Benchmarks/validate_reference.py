#!/usr/bin/env python3
"""The same work as `freq validate`, with PyYAML (its C loader when present) and
jsonschema: read every request, parse its front matter, validate it against the schema
(formats asserted), check ids unique. The baseline freq is measured against."""
import glob, json, os, sys, yaml
from jsonschema import Draft202012Validator, FormatChecker

root = sys.argv[1]
schema = json.load(open(os.path.join(root, "schema/request.schema.json")))
validator = Draft202012Validator(schema, format_checker=FormatChecker())
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
errors, ids = 0, {}
paths = sorted(glob.glob(os.path.join(root, "requests/*.md")))
for path in paths:
    text = open(path, encoding="utf-8").read()
    if not text.startswith("---\n"):
        errors += 1
        continue
    end = text.find("\n---\n", 3)
    data = yaml.load(text[4:end], Loader=Loader)
    # PyYAML types dates as datetime.date (YAML 1.1); JSON Schema expects strings.
    for key, value in list(data.items()):
        if hasattr(value, "isoformat"):
            data[key] = value.isoformat()
    for customer in data.get("requested_by", []):
        for key, value in list(customer.items()):
            if hasattr(value, "isoformat"):
                customer[key] = value.isoformat()
    errors += sum(1 for _ in validator.iter_errors(data))
    ids.setdefault(data.get("id"), []).append(path)
errors += sum(1 for holders in ids.values() if len(holders) > 1)
print(f"{len(paths)} requests, {errors} errors")
