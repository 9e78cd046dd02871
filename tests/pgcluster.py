"""A throwaway PostgreSQL cluster on 127.0.0.1 for tests: initdb as the postgres user into a
temporary directory, start on a free port, stop by the postmaster's pid (also when the test
fails). Run with Debian's /usr/bin/python3."""
import glob
import os
import pwd
import shutil
import signal
import socket
import subprocess
import tempfile
import time


def _bindir():
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not found:
        raise SystemExit("pg-truth: no PostgreSQL server (initdb) installed; run ci/install-deps test")
    return os.path.dirname(found[-1])


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Cluster:
    def __init__(self):
        self.bindir = _bindir()
        self.dir = tempfile.mkdtemp(prefix="miglint-pg-")
        self.port = _free_port()
        self.pid = None
        self.as_postgres = os.geteuid() == 0

    def _run(self, args, **kw):
        if self.as_postgres:
            args = ["runuser", "-u", "postgres", "--"] + args
        return subprocess.run(args, check=True, **kw)

    def __enter__(self):
        if self.as_postgres:
            pw = pwd.getpwnam("postgres")
            os.chown(self.dir, pw.pw_uid, pw.pw_gid)
        data = os.path.join(self.dir, "data")
        self._run([self.bindir + "/initdb", "-D", data, "-U", "postgres", "--auth=trust",
                   "-E", "UTF8", "--locale=C.UTF-8"], stdout=subprocess.DEVNULL)
        self._run([self.bindir + "/pg_ctl", "-D", data, "-l", os.path.join(self.dir, "log"), "-w",
                   "-o", f"-p {self.port} -k {self.dir} -c listen_addresses=127.0.0.1 -c fsync=off",
                   "start"], stdout=subprocess.DEVNULL)
        with open(os.path.join(data, "postmaster.pid")) as f:
            self.pid = int(f.readline())
        return self

    def __exit__(self, *exc):
        if self.pid:
            try:
                os.kill(self.pid, signal.SIGINT)  # fast shutdown
                for _ in range(100):
                    os.kill(self.pid, 0)
                    time.sleep(0.05)
            except ProcessLookupError:
                pass
        shutil.rmtree(self.dir, ignore_errors=True)
        return False

    def connect(self, dbname="postgres"):
        import psycopg2
        return psycopg2.connect(host="127.0.0.1", port=self.port, user="postgres", dbname=dbname)
