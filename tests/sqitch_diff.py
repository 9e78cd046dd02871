"""Differential test of miglint's sqitch plan reader against `sqitch plan` (Debian's sqitch).

Generates random plans (requirements, conflicts, tags, reworked changes, and now and then a
requirement planned later, an unknown one, a self-requirement or a duplicate without rework).
Now and then a line is written in a way sqitch's plan syntax refuses (no timestamp or planner,
an invalid or reserved name, a tag before any change or with requirements, a bad requirement,
no blank line after the pragmas, no %project), or in a way it accepts that a reader might not
(names with '/' and '.', '+'/'-' operators, blanks and notes in odd places). sqitch refuses a
broken plan; miglint must then report MG104/MG105/MG106/MG117/MG119 at sqitch.plan, and for a plan sqitch accepts report none of them and list the same changes in
the same order in `miglint graph --format json`."""
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile

BIN = sys.argv[1]
COUNT = int(sys.argv[2]) if len(sys.argv) > 2 else 60
PLAN_RULES = {"MG104", "MG105", "MG106", "MG117", "MG119"}
D = "2024-01-01T00:00:00Z Ann <ann@example.com>"


def make_plan(rnd):
    lines, planned, tags = [], [], []
    since_tag = set()
    for i in range(rnd.randint(2, 12)):
        if planned and rnd.random() < 0.15:
            tag = f"v{len(tags) + 1}"
            tags.append(tag)
            lines.append(f"@{tag} {D} # tag")
            since_tag = set()
            continue
        rework = [c for c in planned if c not in since_tag]
        if tags and rework and rnd.random() < 0.15:
            name = rnd.choice(rework)
            reqs = [f"{name}@{tags[-1]}"]
        else:
            name = f"c{i}"
            reqs = rnd.sample(planned, min(len(planned), rnd.randint(0, 2)))
        if rnd.random() < 0.1:
            reqs.append("!" + f"gone{i}")
        planned.append(name)
        since_tag.add(name)
        lines.append(f"{name} [{' '.join(reqs)}] {D} # change" if reqs else f"{name} {D} # change")
    fault = rnd.random()
    changes = [k for k, l in enumerate(lines) if not l.startswith("@")]
    if fault < 0.1 and len(changes) > 1:  # a requirement planned later
        a, b = sorted(rnd.sample(changes, 2))
        later = lines[b].split()[0]
        first = lines[a].split(" ", 1)
        lines[a] = f"{first[0]} [{later}] {D} # change"
    elif fault < 0.2:
        k = rnd.choice(changes)
        lines[k] = f"{lines[k].split()[0]} [nosuch] {D} # change"
    elif fault < 0.27:
        k = rnd.choice(changes)
        n = lines[k].split()[0]
        lines[k] = f"{n} [{n}] {D} # change"
    elif fault < 0.35:
        k = rnd.choice(changes)
        lines.insert(k + 1, f"{lines[k].split()[0]} {D} # again")
    header = "%syntax-version=1.0.0\n%project=diff\n\n"
    syntax = rnd.random()
    if syntax < 0.3:
        k = rnd.choice(changes)
        name = lines[k].split()[0]
        lines[k] = rnd.choice([
            f"{name}",                                          # no timestamp, no planner
            f"{name} 2024-01-01T00:00:00Z",                     # no planner
            f"{name} Ann <ann@example.com>",                    # no timestamp
            f"{name}: {D}",                                     # invalid name
            f"-{name}- {D}",                                    # ends in punctuation
            f"{name}/7 {D}",                                    # a symbolic reference
            f"HEAD {D}",                                        # reserved
            f"{'ab' * 20} {D}",                                 # looks like a SHA1
            f"{name} [a::b] {D}",                               # bad requirement
            f"{name} [] {D}",                                   # empty requirements
            f"{name} 2024-01-01 {D}",                           # a broken timestamp
            "#",                                                # a '#' alone is not a note
        ])
    elif syntax < 0.35:
        lines.insert(0, f"@t0 {D}")                             # a tag before any change
    elif syntax < 0.4 and tags:
        k = next(k for k, l in enumerate(lines) if l.startswith("@"))
        lines[k] = lines[k].replace(" ", " [c0] ", 1)           # a tag with requirements
    elif syntax < 0.45:
        header = "%syntax-version=1.0.0\n%project=diff\n"      # no blank line after pragmas
    elif syntax < 0.5:
        header = "%syntax-version=1.0.0\n\n"                   # no %project
    elif syntax < 0.55:
        header = "% project = diff # named\n# a note in the header\n\n"
    elif syntax < 0.75:
        k = rnd.choice(changes)
        name = lines[k].split()[0]
        rest = lines[k].split(" ", 1)[1]
        lines[k] = rnd.choice([
            f"app.{name}/create {rest}",                        # schema.table/create
            f"  + {name} {rest}",                               # deploy operator, blanks
            f"{name}   {rest.replace(' # ', '#')}",              # blanks, a note without a blank
            f"{name}[{rest.split(']')[0][1:]}]{rest.split(']', 1)[1]}" if "[" in rest else f"{name} {rest}",  # refused: the name runs to a blank
        ])
        lines.insert(rnd.randint(0, len(lines)), "  # a note between changes")
    return header + "\n".join(lines) + "\n"


def main():
    rnd = random.Random(20261121)
    passed = failed = 0
    for case in range(COUNT):
        root = tempfile.mkdtemp(prefix="mg-sqitch-")
        with open(os.path.join(root, "sqitch.conf"), "w") as f:
            f.write("[core]\n\tengine = pg\n")
        with open(os.path.join(root, "sqitch.plan"), "w") as f:
            f.write(make_plan(rnd))
        r = subprocess.run(["sqitch", "plan", "--no-headers", "-f", "format:%n"], cwd=root,
                           capture_output=True, text=True)
        sqitch_ok = r.returncode == 0 and "error" not in r.stderr.lower() and "error" not in r.stdout.lower()
        # every planned change needs a deploy script for miglint to see the project
        names = []
        for line in open(os.path.join(root, "sqitch.plan")):
            w = line.replace("[", " ").split()
            if w and w[0] in "+-" and len(w) > 1:
                w = w[1:]
            if w and not line.lstrip().startswith(("%", "@", "#")):
                names.append(w[0].lstrip("+-"))
        for d in ("deploy", "revert", "verify"):
            os.makedirs(os.path.join(root, d))
            for n in set(names):
                path = os.path.join(root, d, n + ".sql")
                os.makedirs(os.path.dirname(path), exist_ok=True)
                open(path, "w").write("SELECT 1;\n")
        chk = json.loads(subprocess.run([BIN, "check", "--format", "json", root], capture_output=True,
                                        text=True).stdout)
        # (reworked changes have no scripts here: MG117's "no deploy script" is not the plan's)
        found = {x["rule"] for x in chk["findings"] if "no deploy script" not in x["message"]} & PLAN_RULES
        ok = (not found) == sqitch_ok
        why = f"sqitch {'accepts' if sqitch_ok else 'refuses'} the plan, miglint reports {sorted(found)}"
        if ok and sqitch_ok:
            graph = json.loads(subprocess.run([BIN, "graph", "--format", "json", root], capture_output=True,
                                              text=True, check=True).stdout)
            ours = [m["id"].split("@")[0] for g in graph["graphs"] for m in g["migrations"]]
            theirs = r.stdout.split()
            ok = ours == theirs
            why = f"change order {ours} != sqitch's {theirs}"
        if ok:
            passed += 1
            shutil.rmtree(root)
        else:
            failed += 1
            print(f"sqitch: FAIL case {case}: {why}\n  kept in {root}")
    print(f"sqitch: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


main()
