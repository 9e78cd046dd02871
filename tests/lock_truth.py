"""Lock truth test: the locking rules (MG3xx) against what a real PostgreSQL does.

Every fixture of fixtures/locking/ is applied to a fresh database whose pre-existing tables
(tests/lock-truth-setup.sql) hold rows. Two passes, statement by statement:
  A. measured: each statement alone in a transaction of its own (the file's BEGIN/COMMIT are
     left out; what PostgreSQL refuses in a transaction block runs bare), recording the locks
     the session holds on pre-existing tables (pg_locks), whether one was scanned
     (pg_stat_xact_user_tables) or rewritten (relfilenode), whether an index was built on one,
     and whether the statement failed;
  B. as written: the file's own BEGIN/COMMIT and SET LOCAL, recording the lock_timeout in
     effect before each statement (SHOW lock_timeout).
Each rule has a scope (the statements it judges) and a truth predicate over the measurements:
the rule must flag exactly the statements of its scope for which the predicate holds. Precision
and recall are printed per rule and overall; any difference fails the test.

usage: /usr/bin/python3 tests/lock_truth.py BUILD_DIR"""
import glob
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.dirname(__file__))
from pgcluster import Cluster  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STRONG = {"ShareLock", "ShareRowExclusiveLock", "ExclusiveLock", "AccessExclusiveLock"}
OUTSIDE_TX = re.compile(r"\b(CONCURRENTLY|VACUUM)\b")
TX_CONTROL = re.compile(r"^(BEGIN|START\s+TRANSACTION|COMMIT|END|ROLLBACK)\b")


def statements(build, path):
    out = subprocess.run([os.path.join(build, "tests/pgsplit"), path], check=True,
                         capture_output=True, text=True).stdout
    data = open(path, "rb").read()
    result = []
    for line in out.splitlines():
        s = json.loads(line)
        start, end = s["offset"], s["offset"] + s["length"]
        text = data[start:end].decode()
        body = re.sub(r"--[^\n]*", " ", text)
        norm = " ".join(body.split()).upper()
        lead = len(data[start:end]) - len(data[start:end].lstrip())
        result.append({"offset": start, "end": end, "text": text, "norm": norm,
                       "line": data[:start + lead].count(b"\n") + 1})
    return result


def target(norm):
    m = re.search(r'\bALTER TABLE (?:IF EXISTS )?(?:ONLY )?([\w."]+)', norm)
    return m.group(1).split(".")[-1].strip('"').lower() if m else None


# rule -> (scope over the normalised text, truth over the measurements)
def scope_index(s):
    return re.search(r"\bCREATE (UNIQUE )?INDEX\b", s["norm"])


def strong_on_pre(m):
    return any(mode in STRONG for modes in m["locks"].values() for mode in modes)


def scanned_target(s, m):
    t = target(s["norm"])
    return t is not None and t in m["scanned"]


def rewrote_target(s, m):
    t = target(s["norm"])
    return t is not None and t in m["rewritten"]


def indexed_under_ae(s, m):
    t = target(s["norm"])
    return t is not None and t in m["indexed"] and "AccessExclusiveLock" in m["locks"].get(t, ())


def access_exclusive_on_pre(s, m):
    return any("AccessExclusiveLock" in v for v in m["locks"].values())


def validated_under_held_lock(s, m):
    """VALIDATE read the table while the file's transaction already held SHARE ROW EXCLUSIVE or
    stronger on it (as written: the lock of an ADD ... NOT VALID earlier in it)."""
    t = target(s["norm"])
    return t is not None and t in m["scanned"] and bool(m["held"].get(t, set()) & STRONG)


def slow_under_exclusive(s, m):
    """The statement read, wrote or indexed a pre-existing table while the file's transaction
    already held ACCESS EXCLUSIVE on one (as written: taken by an earlier statement of it)."""
    held = any("AccessExclusiveLock" in modes for modes in m["held"].values())
    return held and bool(m["scanned"] or m["indexed"] or m["rewritten"])


def rewrote_or_ae(s, m):
    return bool(m["rewritten"]) or any("AccessExclusiveLock" in v for v in m["locks"].values())


RULES = {
    "MG311": (scope_index, lambda s, m: any("ShareLock" in v or "ShareRowExclusiveLock" in v or
                                           "AccessExclusiveLock" in v for v in m["locks"].values())),
    "MG312": (lambda s: re.search(r"\bDROP INDEX\b", s["norm"]),
              lambda s, m: any("AccessExclusiveLock" in v for v in m["locks"].values())),
    "MG321": (lambda s: re.search(r"\bALTER TABLE\b", s["norm"]) and
              re.search(r"\b(FOREIGN KEY|REFERENCES)\b", s["norm"]), scanned_target),
    "MG322": (lambda s: re.search(r"\bALTER TABLE\b", s["norm"]) and re.search(r"\bCHECK\b", s["norm"]),
              scanned_target),
    "MG323": (lambda s: re.search(r"\bSET NOT NULL\b", s["norm"]), scanned_target),
    "MG331": (lambda s: re.search(r"\bALTER TABLE\b.*\bADD (COLUMN )?(?!(CONSTRAINT|PRIMARY|UNIQUE|"
                                  r"CHECK|FOREIGN|EXCLUDE)\b)", s["norm"]), rewrote_target),
    "MG332": (lambda s: re.search(r"\bALTER TABLE\b.*\bALTER (COLUMN )?\S+ (SET DATA )?TYPE\b", s["norm"]),
              rewrote_target),
    "MG314": (lambda s: re.search(r"\bALTER TABLE\b.*\b(UNIQUE|PRIMARY KEY)\b", s["norm"]), indexed_under_ae),
    "MG315": (lambda s: re.search(r"\bALTER TABLE\b.*\bEXCLUDE\b", s["norm"]), indexed_under_ae),
    "MG341": (lambda s: re.search(r"\bDETACH PARTITION\b", s["norm"]), access_exclusive_on_pre),
    "MG343": (lambda s: re.search(r"\bREFRESH MATERIALIZED VIEW\b", s["norm"]), access_exclusive_on_pre),
    # VALIDATE of a constraint the transaction added NOT VALID is MG324's, proven there
    "MG303": (lambda s: re.match(r"(UPDATE|DELETE|INSERT INTO .* SELECT .* FROM|CREATE (UNIQUE )?INDEX "
                                  r"(?!CONCURRENTLY)|REFRESH MATERIALIZED VIEW (?!CONCURRENTLY))\b", s["norm"]),
              slow_under_exclusive),
    "MG313": (lambda s: re.search(r"\bREINDEX\b", s["norm"]), lambda s, m: strong_on_pre(m)),
    # VACUUM runs outside a transaction, so its locks are not seen: its rewrite is
    "MG333": (lambda s: re.match(r"(VACUUM|CLUSTER)\b", s["norm"]), rewrote_or_ae),
    "MG324": (lambda s: re.search(r"\bVALIDATE CONSTRAINT\b", s["norm"]), validated_under_held_lock),
    "MG334": (lambda s: re.search(r"\bALTER TABLE\b.*\bSET (UNLOGGED|LOGGED|TABLESPACE|ACCESS METHOD)\b",
                                  s["norm"]), rewrote_or_ae),
}


def pre_tables(cur):
    cur.execute("SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'm')")
    return dict(cur.fetchall())


def snapshot(cur, pre):
    cur.execute("SELECT oid, relfilenode FROM pg_class WHERE oid = ANY(%s)", (list(pre),))
    files = dict(cur.fetchall())
    cur.execute("SELECT relid, coalesce(seq_scan, 0) + coalesce(idx_scan, 0) FROM "
                "pg_stat_xact_user_tables WHERE relid = ANY(%s)", (list(pre),))
    scans = dict(cur.fetchall())
    cur.execute("SELECT indrelid, count(*) FROM pg_index WHERE indrelid = ANY(%s) GROUP BY 1",
                (list(pre),))
    return files, scans, dict(cur.fetchall())


def measure_pass(cluster, db, stmts):
    """Pass A: each statement alone, measured."""
    conn = cluster.connect(db)
    conn.autocommit = True
    cur = conn.cursor()
    pre = pre_tables(cur)
    out = []
    for s in stmts:
        m = {"locks": {}, "scanned": set(), "rewritten": set(), "indexed": set(), "failed": None,
             "skipped": False}
        out.append(m)
        if TX_CONTROL.match(s["norm"]):
            m["skipped"] = True
            continue
        bare = bool(OUTSIDE_TX.search(s["norm"])) and not s["norm"].startswith("DO ")
        if not bare:
            cur.execute("BEGIN")
        f0, sc0, ix0 = snapshot(cur, pre)
        try:
            cur.execute(s["text"])
        except Exception as e:  # noqa: BLE001 (any database error is a measurement)
            m["failed"] = str(e).splitlines()[0]
            if not bare:
                cur.execute("ROLLBACK")
            continue
        if not bare:
            cur.execute("SELECT relation::regclass::text, mode FROM pg_locks WHERE pid = "
                        "pg_backend_pid() AND locktype = 'relation' AND relation = ANY(%s)",
                        (list(pre),))
            for rel, mode in cur.fetchall():
                m["locks"].setdefault(rel.split(".")[-1], set()).add(mode)
        f1, sc1, ix1 = snapshot(cur, pre)
        for oid, name in pre.items():
            if oid in f0 and oid in f1 and f0[oid] != f1[oid]:
                m["rewritten"].add(name)
            if sc1.get(oid, 0) > sc0.get(oid, 0):
                m["scanned"].add(name)
            if ix1.get(oid, 0) > ix0.get(oid, 0):
                m["indexed"].add(name)
        if not bare:
            cur.execute("COMMIT")
    conn.close()
    return out


def timeout_pass(cluster, db, stmts):
    """Pass B: the file as written; lock_timeout before each statement, and the locks the
    file's open transaction already holds on pre-existing tables then."""
    conn = cluster.connect(db)
    conn.autocommit = True
    cur = conn.cursor()
    pre = pre_tables(cur)
    timeouts, held, in_tx = [], [], False
    for s in stmts:
        try:
            cur.execute("SHOW lock_timeout")
            timeouts.append(cur.fetchone()[0])
        except Exception:  # noqa: BLE001 (an aborted transaction)
            timeouts.append("?")
        locks = {}
        try:
            cur.execute("SELECT relation::regclass::text, mode FROM pg_locks WHERE pid = "
                        "pg_backend_pid() AND locktype = 'relation' AND relation = ANY(%s)",
                        (list(pre),))
            for rel, mode in cur.fetchall():
                locks.setdefault(rel.split(".")[-1], set()).add(mode)
        except Exception:  # noqa: BLE001
            pass
        held.append(locks)
        try:
            cur.execute(s["text"])
            if re.match(r"^(BEGIN|START)", s["norm"]):
                in_tx = True
            elif TX_CONTROL.match(s["norm"]):
                in_tx = False
        except Exception:  # noqa: BLE001
            if in_tx:
                cur.execute("ROLLBACK")
                in_tx = False
    conn.close()
    return timeouts, held


def flagged(build, path, stmts):
    codes = sorted(list(RULES) + ["MG301"])
    out = subprocess.run([os.path.join(build, "miglint"), "check", "--format", "json", "--jobs", "1"]
                         + sum((["--select", c] for c in codes), []) + [path],
                         capture_output=True, text=True)
    if out.returncode not in (0, 1):
        raise SystemExit(f"miglint failed on {path}: {out.stderr}")
    hits = {}
    for f in json.loads(out.stdout)["findings"]:
        for i, s in enumerate(stmts):
            if s["offset"] <= f["offset"] < s["end"]:
                hits.setdefault(f["rule"], set()).add(i)
    return hits


def main():
    build = sys.argv[1]
    fixtures = sorted(glob.glob(os.path.join(ROOT, "fixtures/locking/*.sql")))
    setup = open(os.path.join(ROOT, "tests/lock-truth-setup.sql")).read()
    counts = {r: [0, 0, 0] for r in sorted(list(RULES) + ["MG301"])}  # tp, fp, fn
    problems, total, measured = [], 0, {"failed": 0, "scanned": 0, "rewritten": 0, "strong": 0}
    with Cluster() as cluster:
        admin = cluster.connect()
        admin.autocommit = True
        for index, path in enumerate(fixtures):
            rel = os.path.relpath(path, ROOT)
            stmts = statements(build, path)
            total += len(stmts)
            dbs = [f"locks_{index}_a", f"locks_{index}_b"]
            for db in dbs:
                admin.cursor().execute(f"CREATE DATABASE {db}")
                conn = cluster.connect(db)
                conn.autocommit = True
                conn.cursor().execute(setup)
                conn.close()
            meas = measure_pass(cluster, dbs[0], stmts)
            timeouts, held = timeout_pass(cluster, dbs[1], stmts)
            for m, h in zip(meas, held):
                m["held"] = h
            hits = flagged(build, path, stmts)
            for m in meas:
                measured["failed"] += m["failed"] is not None
                measured["scanned"] += bool(m["scanned"])
                measured["rewritten"] += bool(m["rewritten"])
                measured["strong"] += strong_on_pre(m)
            truth = {r: set() for r in counts}
            scope = {r: set() for r in counts}
            for i, (s, m) in enumerate(zip(stmts, meas)):
                if m["skipped"] or m["failed"]:
                    continue
                for r, (in_scope, holds) in RULES.items():
                    if in_scope(s):
                        scope[r].add(i)
                        if holds(s, m):
                            truth[r].add(i)
            # MG301: the first statement taking SHARE or stronger on a pre-existing table
            # while no lock_timeout is in effect (as the file runs)
            first = next((i for i, m in enumerate(meas) if strong_on_pre(m)
                          and timeouts[i] == "0"), None)
            scope["MG301"] = set(i for i, m in enumerate(meas) if not m["skipped"])
            if first is not None:
                truth["MG301"].add(first)
            for r in counts:
                got = hits.get(r, set())
                for i in sorted(got | truth[r]):
                    s = stmts[i]
                    desc = s["norm"][:80]
                    if i in got and i in truth[r]:
                        counts[r][0] += 1
                    elif i in got:
                        counts[r][1] += 1
                        problems.append(f"{rel}:{s['line']}: {r} flags it, but PostgreSQL "
                                        f"{describe(meas[i])}: {desc}")
                    else:
                        counts[r][2] += 1
                        problems.append(f"{rel}:{s['line']}: {r} does not flag it, but PostgreSQL "
                                        f"{describe(meas[i])}: {desc}")
        admin.close()
    print(f"lock-truth: {len(fixtures)} fixtures, {total} statements; PostgreSQL took SHARE or "
          f"stronger on a pre-existing table in {measured['strong']}, scanned one in "
          f"{measured['scanned']}, rewrote one in {measured['rewritten']}, refused {measured['failed']}")
    tp_all = fp_all = fn_all = 0
    for r, (tp, fp, fn) in counts.items():
        tp_all, fp_all, fn_all = tp_all + tp, fp_all + fp, fn_all + fn
        print(f"  {r}: {tp} flagged rightly, {fp} wrongly, {fn} missed; "
              f"precision {ratio(tp, tp + fp)}, recall {ratio(tp, tp + fn)}")
    print(f"  all: precision {ratio(tp_all, tp_all + fp_all)}, recall {ratio(tp_all, tp_all + fn_all)}")
    for p in problems:
        print("  " + p)
    print(f"lock-truth: {'passed' if not problems else f'{len(problems)} differences'}")
    return 1 if problems else 0


def describe(m):
    parts = []
    if m["locks"]:
        parts.append("locked " + ", ".join(f"{t} ({'+'.join(sorted(v))})" for t, v in sorted(m["locks"].items())))
    if m["scanned"]:
        parts.append("scanned " + ", ".join(sorted(m["scanned"])))
    if m["rewritten"]:
        parts.append("rewrote " + ", ".join(sorted(m["rewritten"])))
    if m["failed"]:
        parts.append("refused it: " + m["failed"])
    return "; ".join(parts) or "took no strong lock on a pre-existing table"


def ratio(a, b):
    return f"{a / b:.3f}" if b else "n/a"


if __name__ == "__main__":
    sys.exit(main())
