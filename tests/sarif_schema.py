"""SARIF output against the official SARIF 2.1.0 schemas, and what GitHub code scanning needs.
Schemas: ../shared/schemas/*.json when that folder exists, else deps/sarif (ci/install-deps).
usage: /usr/bin/python3 tests/sarif_schema.py MIGLINT"""
import glob
import json
import os
import subprocess
import sys
import tempfile

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def schemas():
    shared = os.path.join(ROOT, "..", "shared", "schemas")
    paths = sorted(glob.glob(os.path.join(shared, "*.json"))) if os.path.isdir(shared) else []
    if not paths:
        paths = sorted(glob.glob(os.path.join(ROOT, "deps", "sarif", "*.json")))
    if not paths:
        raise SystemExit("sarif: no SARIF schema found; run ci/install-deps test")
    out = []
    for p in paths:
        schema = json.load(open(p))
        cls = jsonschema.validators.validator_for(schema)
        cls.check_schema(schema)
        out.append((os.path.basename(p), cls(schema)))
    return out


def sarif(miglint, *args, cwd=ROOT):
    out = subprocess.run([miglint, "check", "--format", "sarif", *args], cwd=cwd,
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        raise SystemExit(f"sarif: miglint {' '.join(args)} exited {out.returncode}: {out.stderr}")
    return json.loads(out.stdout)


def github_checks(doc):
    """What GitHub code scanning reads, beyond the schema."""
    problems = []
    run = doc["runs"][0]
    driver = run["tool"]["driver"]
    for key in ("name", "semanticVersion", "informationUri", "rules"):
        if key not in driver:
            problems.append(f"tool.driver.{key} missing")
    ids = [r["id"] for r in driver["rules"]]
    for r in driver["rules"]:
        for key in ("id", "name", "shortDescription", "fullDescription", "help", "defaultConfiguration"):
            if key not in r:
                problems.append(f"rule {r.get('id')}: {key} missing")
        if "markdown" not in r["help"] or "text" not in r["help"]:
            problems.append(f"rule {r['id']}: help.text and help.markdown")
        props = r.get("properties", {})
        for key in ("tags", "precision", "problem.severity"):
            if key not in props:
                problems.append(f"rule {r['id']}: properties.{key} missing")
        if "security-severity" in props:
            problems.append(f"rule {r['id']}: security-severity must not be set")
    seen = set()
    for res in run["results"]:
        if ids[res["ruleIndex"]] != res["ruleId"]:
            problems.append(f"ruleIndex {res['ruleIndex']} is not {res['ruleId']}")
        loc = res["locations"][0]["physicalLocation"]
        art = loc["artifactLocation"]
        if art.get("uriBaseId") != "%SRCROOT%" or art["uri"].startswith("/") or ":" in art["uri"]:
            problems.append(f"uri {art['uri']} is not relative to %SRCROOT%")
        for key in ("startLine", "startColumn", "endLine", "endColumn"):
            if key not in loc["region"]:
                problems.append(f"region.{key} missing")
        fp = res["partialFingerprints"]["primaryLocationLineHash"]
        key = (art["uri"], fp)
        if key in seen:
            problems.append(f"fingerprint {fp} repeated in {art['uri']}")
        seen.add(key)
    if "executionSuccessful" not in run["invocations"][0]:
        problems.append("invocations[0].executionSuccessful missing")
    return problems


def main():
    miglint = os.path.abspath(sys.argv[1])
    validators = schemas()
    passed = failed = 0

    def check(name, ok, detail=""):
        nonlocal passed, failed
        if ok:
            passed += 1
        else:
            failed += 1
            print(f"sarif: FAIL {name} {detail}")

    docs = {t: sarif(miglint, t) for t in sorted(glob.glob("fixtures/*/", root_dir=ROOT))}
    with tempfile.TemporaryDirectory() as tmp:
        # a file name that needs percent-encoding
        odd = os.path.join(tmp, "my migration #1.sql")
        open(odd, "w").write("CREATE TABLE t (id int);\n")
        docs["odd name"] = sarif(miglint, os.path.basename(odd), cwd=tmp)
        # more results than GitHub takes
        many = os.path.join(tmp, "many.sql")
        open(many, "w").write("".join(f"CREATE TABLE t{i} (id int);\n" for i in range(25003)))
        docs["many"] = sarif(miglint, "many.sql", cwd=tmp)

        # fingerprints survive unrelated lines moving
        moved = os.path.join(tmp, "moved.sql")
        body = "CREATE TABLE a (id int);\nDROP TABLE b;\n"
        open(moved, "w").write(body)
        before = sarif(miglint, "moved.sql", cwd=tmp)["runs"][0]["results"]
        open(moved, "w").write("-- a comment\n\nCREATE TABLE IF NOT EXISTS c (id int);\n" + body)
        after = sarif(miglint, "moved.sql", cwd=tmp)["runs"][0]["results"]
        fps = lambda rs: sorted((r["ruleId"], r["partialFingerprints"]["primaryLocationLineHash"]) for r in rs)
        check("fingerprints stable when lines move", fps(before) == fps(after), f"{fps(before)} != {fps(after)}")
        check("lines did move", before[0]["locations"][0]["physicalLocation"]["region"]["startLine"]
              != after[0]["locations"][0]["physicalLocation"]["region"]["startLine"])

    for name, doc in docs.items():
        for schema_name, v in validators:
            errors = list(v.iter_errors(doc))
            check(f"{name} against {schema_name}", not errors, "; ".join(e.message for e in errors[:3]))
        problems = github_checks(doc)
        check(f"{name}: what GitHub reads", not problems, "; ".join(problems[:5]))

    odd_uri = docs["odd name"]["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    check("percent-encoded uri", odd_uri == "my%20migration%20%231.sql", odd_uri)
    many = docs["many"]["runs"][0]
    check("25,000 results at most", len(many["results"]) == 25000, str(len(many["results"])))
    notes = many["invocations"][0]["toolExecutionNotifications"]
    check("truncation is said", any("25003 results" in n["message"]["text"] for n in notes))
    heads = [r for r in docs["fixtures/rules/"]["runs"][0]["results"] if r["ruleId"] == "MG102"]
    check("multiple heads carry the other heads as relatedLocations",
          heads and all(len(r.get("relatedLocations", [])) >= 1 for r in heads))
    dups = [r for r in docs["fixtures/rules/"]["runs"][0]["results"] if r["ruleId"] == "MG105"]
    check("a duplicate id points at the other file", dups and all(
        r["relatedLocations"][0]["physicalLocation"]["artifactLocation"]["uri"] !=
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in dups))
    unread = docs["fixtures/rules/"]["runs"][0]["invocations"][0]
    check("unreadable file: executionSuccessful false", unread["executionSuccessful"] is False)
    check("unreadable file: a notification", any("loop.sql" in json.dumps(n) for n in unread["toolExecutionNotifications"]))
    check("readable files: executionSuccessful", docs["fixtures/demo/"]["runs"][0]["invocations"][0]["executionSuccessful"] is True)

    print(f"sarif: validated against {', '.join(n for n, _ in validators)}")
    print(f"sarif: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
