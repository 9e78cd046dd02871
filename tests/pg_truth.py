"""Truth test: for every idempotency fixture, a real PostgreSQL applies the file once, then a
second time statement by statement (a savepoint each). The statements that fail the second
time must be exactly the statements miglint flags with an MG2xx finding, except the deliberate
differences listed, with their reasons, in tests/pg-truth-differences.txt.

usage: /usr/bin/python3 tests/pg_truth.py BUILD_DIR"""
import glob
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from pgcluster import Cluster  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def statements(build, path):
    out = subprocess.run([os.path.join(build, "tests/pgsplit"), path], check=True,
                         capture_output=True, text=True).stdout
    data = open(path, "rb").read()
    result = []
    for line in out.splitlines():
        s = json.loads(line)
        text = data[s["offset"]:s["offset"] + s["length"]].decode()
        # the line of the statement's first non-blank, non-comment character
        start = s["offset"]
        body = data[start:start + s["length"]]
        i = 0
        while i < len(body):
            if body[i:i + 2] == b"--":
                i = body.find(b"\n", i)
                i = len(body) if i < 0 else i
            elif body[i:i + 1].isspace():
                i += 1
            else:
                break
        result.append({"offset": start, "end": start + s["length"], "text": text,
                       "line": data[:start + i].count(b"\n") + 1})
    return result


def flagged(build, path, stmts):
    out = subprocess.run([os.path.join(build, "miglint"), "check", "--format", "json",
                          "--select", "MG2", "--jobs", "1", path],
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        raise SystemExit(f"miglint failed on {path}: {out.stderr}")
    hits = set()
    for f in json.loads(out.stdout)["findings"]:
        for i, s in enumerate(stmts):
            if s["offset"] <= f["offset"] < s["end"]:
                hits.add(i)
    return hits


def load_differences():
    diffs = {}
    with open(os.path.join(ROOT, "tests/pg-truth-differences.txt")) as f:
        for raw in f:
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            where, reason = line.split(" ", 1)
            diffs[where] = reason
    return diffs


def run_fixture(cluster, build, path, index):
    dbname = f"truth_{index}"
    admin = cluster.connect()
    admin.autocommit = True
    admin.cursor().execute(f"CREATE DATABASE {dbname}")
    admin.close()
    stmts = statements(build, path)
    conn = cluster.connect(dbname)
    conn.autocommit = True
    cur = conn.cursor()
    for s in stmts:  # first run: every statement must succeed
        try:
            cur.execute(s["text"])
        except Exception as e:
            raise SystemExit(f"{path}:{s['line']}: fixture statement fails on its first run: {e}")
    # the second run is a new session, as a migration tool's next run is: what the first
    # run's session held (temporary tables, SET) is gone
    conn.close()
    conn = cluster.connect(dbname)
    cur = conn.cursor()
    conn.autocommit = False
    failed = set()
    for i, s in enumerate(stmts):  # second run, a savepoint per statement
        cur.execute("SAVEPOINT s")
        try:
            cur.execute(s["text"])
            cur.execute("RELEASE SAVEPOINT s")
        except Exception:
            cur.execute("ROLLBACK TO SAVEPOINT s")
            failed.add(i)
    conn.rollback()
    conn.close()
    return stmts, failed, flagged(build, path, stmts)


USING_RULE = "rules/idempotency/alter_column_type_using_old_type.c"


def using_table():
    """The MG217 rule's table, read from its source: the known types, and for each built-in
    function the argument it judges and the known types that argument takes."""
    src = open(os.path.join(ROOT, USING_RULE)).read()
    macros = dict(re.findall(r'#define (\w+) "([^"]*)"', src))

    def words(expr):
        return " ".join(lit or macros[name] for lit, name in
                        re.findall(r'"([^"]*)"|\b([A-Z][A-Z_]+)\b', expr)).split()
    known = words(re.search(r'static const char known\[\] = ((?:\s*"[^"]*")+);', src).group(1))
    entries = [(fn, int(arg), set(words(types))) for fn, arg, types in
               re.findall(r'\{"(\w+)", (\d+), ([^}]*)\}', src)]
    return known, entries


def check_using_table(cluster):
    """Each line of MG217's table against PostgreSQL: for every known type, a call of the
    function with a NULL of that type at the judged argument (the other arguments NULL, as
    untyped as a literal), for every number of arguments the function has, either resolves
    somewhere (the type is listed) or is undefined_function for all of them (it is not)."""
    import psycopg2
    known, entries = using_table()
    problems = []
    conn = cluster.connect()
    conn.autocommit = True
    cur = conn.cursor()
    for fn, arg, takes in entries:
        cur.execute("SELECT DISTINCT pronargs, provariadic <> 0 FROM pg_proc "
                    "WHERE proname = %s AND pronamespace = 'pg_catalog'::regnamespace", (fn,))
        arities = cur.fetchall()
        if not arities or any(variadic for _, variadic in arities):
            problems.append(f"{USING_RULE}: {fn}: no such function, or a VARIADIC one")
            continue
        for t in known:
            resolves = False
            for n, _ in arities:
                if n <= arg:
                    continue
                args = ["NULL"] * n
                args[arg] = f"NULL::{t}"
                try:
                    cur.execute(f"SELECT pg_catalog.{fn}({', '.join(args)})")
                    resolves = True
                except psycopg2.Error as e:
                    resolves = resolves or e.pgcode != "42883"  # undefined_function
            if resolves != (t in takes):
                problems.append(f"{USING_RULE}: {fn}: argument {arg + 1} {'takes' if resolves else 'does not take'} "
                                f"{t} in PostgreSQL, but the table says otherwise")
    conn.close()
    print(f"pg-truth: MG217's table, {len(entries)} functions x {len(known)} types checked")
    return problems


def main():
    build = sys.argv[1]
    fixtures = sorted(glob.glob(os.path.join(ROOT, "fixtures/idempotency/*.sql")))
    diffs = load_differences()
    used = set()
    problems = []
    total = n_failed = n_flagged = agreed = 0
    with Cluster() as cluster:
        for index, path in enumerate(fixtures):
            stmts, failed, hits = run_fixture(cluster, build, path, index)
            rel = os.path.relpath(path, ROOT)
            total += len(stmts)
            n_failed += len(failed)
            n_flagged += len(hits)
            for i, s in enumerate(stmts):
                where = f"{os.path.basename(path)}:{s['line']}"
                fails, flags = i in failed, i in hits
                if fails == flags:
                    agreed += 1
                    if where in diffs:
                        problems.append(f"{rel}:{s['line']}: listed as a difference but miglint and PostgreSQL agree")
                    continue
                if where in diffs:
                    used.add(where)
                    continue
                first = s["text"].strip().splitlines()
                first = first[-1] if first else ""
                problems.append(f"{rel}:{s['line']}: PostgreSQL {'fails' if fails else 'succeeds'} on the "
                                f"second run but miglint {'does not flag' if fails else 'flags'} it: {first[:90]}")
        problems += check_using_table(cluster)
    for where in sorted(set(diffs) - used):
        problems.append(f"tests/pg-truth-differences.txt: {where} is not a difference any more")
    print(f"pg-truth: {len(fixtures)} fixtures, {total} statements; PostgreSQL failed {n_failed} on the "
          f"second run, miglint flagged {n_flagged}; {agreed} agree, {len(used)} listed differences")
    for p in problems:
        print("  " + p)
    print(f"pg-truth: {total - len(problems)} passed, {len(problems)} failed")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
