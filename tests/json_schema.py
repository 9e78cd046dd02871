"""Validates miglint's JSON report against docs/miglint.schema.json, on every fixture, and
checks what the schema cannot: spans agree with the offsets, summary counts add up, order.
usage: /usr/bin/python3 tests/json_schema.py MIGLINT"""
import glob
import json
import os
import subprocess
import sys

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    miglint = os.path.abspath(sys.argv[1])
    schema = json.load(open(os.path.join(ROOT, "docs/miglint.schema.json")))
    jsonschema.Draft7Validator.check_schema(schema)
    validator = jsonschema.Draft7Validator(schema)
    targets = sorted(glob.glob("fixtures/**/", recursive=True))
    passed = failed = 0
    for target in targets:
        out = subprocess.run([miglint, "check", "--format", "json", target], cwd=ROOT,
                             capture_output=True, text=True)
        problems = []
        if out.returncode not in (0, 1):
            problems.append(f"exit {out.returncode}: {out.stderr.strip()}")
        else:
            doc = json.loads(out.stdout)
            problems += [e.message for e in validator.iter_errors(doc)]
            f = doc["findings"]
            s = doc["summary"]
            if s["findings"] != len(f) or s["errors"] + s["warnings"] + s["infos"] != len(f):
                problems.append("summary counts do not add up")
            keys = [(x["path"], x["line"], x["column"], x["rule"], x["message"]) for x in f]
            if keys != sorted(keys):
                problems.append("findings are not sorted")
            for x in f:
                if x["rule"] == "MG902":  # the file that cannot be read
                    continue
                data = open(os.path.join(ROOT, x["path"]), "rb").read()
                if x["offset"] + x["length"] > len(data):
                    problems.append(f"{x['path']}: span past the end of the file")
                line_start = data.rfind(b"\n", 0, x["offset"]) + 1
                if x["line"] == data[:x["offset"]].count(b"\n") + 1 and b"\r" not in data:
                    col = len(data[line_start:x["offset"]].decode("utf-8", "replace")) + 1
                    if data.startswith(b"\xef\xbb\xbf") and line_start == 0:
                        col -= 1
                    if col != x["column"]:
                        problems.append(f"{x['path']}:{x['line']}: column {x['column']} but the offset says {col}")
                if x["path"].startswith("-") or os.path.isabs(x["path"]):
                    problems.append(f"path {x['path']} is not as given")
        if problems:
            failed += 1
            print(f"json-schema: {target}:")
            for p in problems[:10]:
                print("  " + p)
        else:
            passed += 1
    print(f"json-schema: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
