#!/usr/bin/env bash
# Makes a local PostgreSQL reachable for the PostgreSQL store's tests (CI, or a developer's machine
# as root): installs Debian's package when absent, starts its cluster, and creates the role the
# tests use by default (postgresql://mutual_test:mutual_test@127.0.0.1:5432/postgres, allowed to
# create the throwaway databases the tests make and drop). Without it, those tests skip.
set -euo pipefail
if ! command -v pg_lsclusters >/dev/null 2>&1; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
fi
cluster=$(pg_lsclusters -h | awk 'NR==1 {print $1" "$2}')
[ -n "$cluster" ] || { echo "postgres-for-tests: no PostgreSQL cluster found" >&2; exit 1; }
pg_ctlcluster $cluster start 2>/dev/null || true
for _ in $(seq 1 30); do pg_lsclusters -h | awk 'NR==1 {print $4}' | grep -q online && break; sleep 1; done
su postgres -c "psql -q -v ON_ERROR_STOP=1" <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'mutual_test') THEN
    CREATE ROLE mutual_test LOGIN CREATEDB PASSWORD 'mutual_test';
  END IF;
END $$;
SQL
echo "postgres-for-tests: PostgreSQL $cluster is running; tests use postgresql://mutual_test:***@127.0.0.1:5432/postgres" >&2
