"""The GitHub Action (action.yml): its structure, and its shell steps run here the way the
runner runs them (GITHUB_ACTION_PATH, GITHUB_OUTPUT, GITHUB_PATH, env with ${{ inputs.* }}).
usage: /usr/bin/python3 tests/action_test.py"""
import json
import os
import re
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
passed = failed = 0


def check(name, ok, detail=""):
    global passed, failed
    if ok:
        passed += 1
    else:
        failed += 1
        print(f"action: FAIL {name} {detail}")


def run_step(step, inputs, workspace, outputs_file, path_file, extra_env=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAKE") and k != "MFLAGS"}
    env.update({"GITHUB_ACTION_PATH": ROOT, "GITHUB_OUTPUT": outputs_file, "GITHUB_PATH": path_file,
                "GITHUB_WORKSPACE": workspace})
    for key, value in (step.get("env") or {}).items():
        env[key] = re.sub(r"\$\{\{\s*inputs\.([\w-]+)\s*\}\}", lambda m: inputs[m.group(1)], str(value))
    env.update(extra_env or {})
    return subprocess.run(["bash", "-c", step["run"]], cwd=workspace, env=env,
                          capture_output=True, text=True)


def outputs(path):
    out = {}
    for line in open(path):
        if "=" in line:
            k, v = line.rstrip("\n").split("=", 1)
            out[k] = v
    return out


def main():
    action = yaml.safe_load(open(os.path.join(ROOT, "action.yml")))
    steps = action["runs"]["steps"]
    check("composite action", action["runs"]["using"] == "composite")
    upload = [s for s in steps if str(s.get("uses", "")).startswith("github/codeql-action/upload-sarif@")]
    check("uploads SARIF with upload-sarif", len(upload) == 1 and "inputs.sarif-file" in upload[0]["with"]["sarif_file"])
    check("run steps declare a shell", all(s.get("shell") == "bash" for s in steps if "run" in s))
    defaults = {k: v.get("default", "") for k, v in action["inputs"].items()}
    build, lint, fail = (next(s for s in steps if s.get("name") == n)
                         for n in ("Build miglint", "Run miglint", "Fail on findings"))
    check("fail step depends on the lint step's exit code", "steps.lint.outputs.exit-code" in fail["if"])

    with tempfile.TemporaryDirectory() as ws:
        out_file, path_file = os.path.join(ws, "out"), os.path.join(ws, "path")
        open(out_file, "w").close()
        r = run_step(build, defaults, ws, out_file, path_file)
        check("build step", r.returncode == 0, r.stderr[-500:])
        check("build step puts miglint on PATH", open(path_file).read().strip() == os.path.join(ROOT, "build"))

        os.makedirs(os.path.join(ws, "db"))
        open(os.path.join(ws, "db", "001.sql"), "w").write("CREATE TABLE users (id int);\nDROP TABLE old;\n")
        r = run_step(lint, dict(defaults, paths="db"), ws, out_file, path_file)
        check("lint step succeeds with findings", r.returncode == 0, r.stderr)
        check("lint step records exit-code=1", outputs(out_file).get("exit-code") == "1", open(out_file).read())
        sarif = json.load(open(os.path.join(ws, "miglint.sarif")))
        results = sarif["runs"][0]["results"]
        check("SARIF written", sarif["version"] == "2.1.0" and len(results) == 4, str(len(results)))  # MG201, MG212, MG401, MG301
        check("relative URIs for code scanning",
              results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "db/001.sql")
        check("annotations printed", "::error file=db/001.sql,line=1,col=14" in r.stdout, r.stdout[:300])

        r = run_step(fail, defaults, ws, out_file, path_file, {"MIGLINT_EXIT": "1"})
        check("fail step fails", r.returncode == 1 and "::error title=miglint::" in r.stdout)

        open(out_file, "w").close()
        r = run_step(lint, dict(defaults, paths="db", args="--select MG5", **{"sarif-file": "x.sarif"}), ws, out_file, path_file)
        check("args and sarif-file inputs", r.returncode == 0 and outputs(out_file).get("exit-code") == "0"
              and json.load(open(os.path.join(ws, "x.sarif")))["runs"][0]["results"] == [])

        open(out_file, "w").close()
        r = run_step(lint, dict(defaults, paths="db", args="--bogus"), ws, out_file, path_file)
        check("a usage error fails the step", r.returncode == 2 and outputs(out_file).get("exit-code") == "2")

    print(f"action: {passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
