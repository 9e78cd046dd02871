"""Generates the benchmark corpus: N migration-sized files of realistic DDL and DML, and one
large file, deterministically (seeded). usage: gen_corpus.py DIR FILES BIG_MB"""
import os
import random
import sys

STATEMENTS = [
    "CREATE TABLE IF NOT EXISTS {t} (id bigserial PRIMARY KEY, name text NOT NULL, created_at timestamptz NOT NULL DEFAULT now(), payload jsonb);",
    "CREATE TABLE {t} (id bigint PRIMARY KEY, owner_id bigint REFERENCES owners (id), amount numeric(12, 2), note varchar(255));",
    "ALTER TABLE {t} ADD COLUMN IF NOT EXISTS {c} text;",
    "ALTER TABLE {t} ADD COLUMN {c} integer DEFAULT 0;",
    "ALTER TABLE {t} DROP COLUMN IF EXISTS {c};",
    "CREATE INDEX IF NOT EXISTS {t}_{c}_idx ON {t} ({c});",
    "CREATE INDEX CONCURRENTLY {t}_{c}_idx2 ON {t} (lower({c}), id) WHERE {c} IS NOT NULL;",
    "CREATE UNIQUE INDEX IF NOT EXISTS {t}_name_key ON {t} (name);",
    "INSERT INTO {t} (name, payload) VALUES ('{c}', '{{\"k\": 1}}') ON CONFLICT DO NOTHING;",
    "UPDATE {t} SET {c} = {c} || '-x' WHERE id IN (SELECT id FROM {t} WHERE {c} IS NULL LIMIT 100);",
    "CREATE OR REPLACE VIEW {t}_view AS SELECT t.id, t.name, count(*) AS n FROM {t} t JOIN owners o ON o.id = t.id GROUP BY t.id, t.name;",
    "CREATE OR REPLACE FUNCTION {t}_touch() RETURNS trigger LANGUAGE plpgsql AS $$\nBEGIN\n    NEW.updated_at := now();\n    RETURN NEW;\nEND $$;",
    "DROP TRIGGER IF EXISTS {t}_touch ON {t};\nCREATE TRIGGER {t}_touch BEFORE UPDATE ON {t} FOR EACH ROW EXECUTE FUNCTION {t}_touch();",
    "ALTER TABLE {t} DROP CONSTRAINT IF EXISTS {t}_{c}_check, ADD CONSTRAINT {t}_{c}_check CHECK (char_length({c}) < 100);",
    "COMMENT ON TABLE {t} IS 'generated table {t}';",
    "DO $$\nBEGIN\n    IF NOT EXISTS (SELECT 1 FROM pg_type WHERE typname = '{t}_kind') THEN\n        CREATE TYPE {t}_kind AS ENUM ('a', 'b');\n    END IF;\nEND $$;",
]


# How often each template is used. DO blocks are weighted to about 1% of statements, about
# what real migration folders show; each one costs a second parse (PL/pgSQL), so a corpus
# made of them would measure that parser rather than the pipeline.
WEIGHTS = [8] * (len(STATEMENTS) - 1) + [1]


def migration(rng, k):
    t = f"tbl_{k % 997}"
    parts = [f"-- migration {k}"]
    for _ in range(rng.randint(4, 12)):
        template = rng.choices(STATEMENTS, weights=WEIGHTS)[0]
        parts.append(template.format(t=t, c=f"col_{rng.randint(0, 40)}"))
    return "\n\n".join(parts) + "\n"


def main():
    if sys.argv[1] == "--alembic":
        alembic_history(sys.argv[2], int(sys.argv[3]))
        return
    out, files, big_mb = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rng = random.Random(42)
    small = os.path.join(out, "small")
    os.makedirs(small, exist_ok=True)
    for k in range(files):
        with open(os.path.join(small, f"{k:05d}_migration.sql"), "w") as f:
            f.write(migration(rng, k))
    with open(os.path.join(out, "big.sql"), "w") as f:
        written, k = 0, 0
        while written < big_mb * 1024 * 1024:
            chunk = migration(rng, k)
            f.write(chunk)
            written += len(chunk)
            k += 1



def alembic_history(out, n):
    """n Alembic revisions: a linear run with a branch and a merge every 100, as files."""
    rng = random.Random(7)
    os.makedirs(out, exist_ok=True)
    ids = []
    for i in range(n):
        rid = "%012x" % rng.getrandbits(48)
        if i % 100 == 50 and len(ids) > 2:
            parents = [ids[-1], ids[-3]]  # a merge of the run and a side branch
            down = repr(tuple(parents))
        else:
            parents = ids[-1:]
            down = repr(ids[-1]) if ids else "None"
        with open(os.path.join(out, f"{rid}_step_{i}.py"), "w") as f:
            f.write(f'"""step {i}\n\nRevision ID: {rid}\nRevises: {", ".join(parents)}\n"""\n'
                    f"from alembic import op\n\nrevision = {rid!r}\ndown_revision = {down}\n"
                    f"branch_labels = None\ndepends_on = None\n\n\ndef upgrade():\n    pass\n")
        ids.append(rid)


if __name__ == "__main__":
    main()
