#!/usr/bin/env bash
# Ensures a PostgreSQL cluster runs on loopback for the server's tests and prints a connection
# URL for a `mutasi_test` role (allowed to create databases: each test makes its own) and a
# `mutasi_test` database. Idempotent: installs PostgreSQL only when missing, creates the cluster
# only when missing, starts it only when stopped. The role's password is random, made on the
# first run and kept in postgres's home (mode 600), so the URL stays the same between runs and
# nothing secret is kept in the repository.
#
#   export MUTASI_TEST_POSTGRES_URL=$(scripts/postgres.sh)
#
# Needs root (apt-get, pg_ctlcluster, su postgres). Progress goes to stderr, the URL to stdout.
set -euo pipefail

log() { echo "postgres.sh: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  log "installing postgresql"
  export DEBIAN_FRONTEND=noninteractive
  apt-get install -y postgresql >&2 || { apt-get update >&2 && apt-get install -y postgresql >&2; }
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main"' | grep -q .; then
  log "creating cluster $version/main"
  pg_createcluster "$version" main >&2
fi
# Loopback only.
pg_conftool -s "$version" main set listen_addresses 'localhost' >&2
if ! pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" && $4 == "online"' | grep -q .; then
  log "starting cluster $version/main"
  pg_ctlcluster "$version" main start >&2
fi
port=$(pg_lsclusters -h | awk -v v="$version" '$1 == v && $2 == "main" {print $3}')

psql_admin() { su postgres -c "psql -X -q -v ON_ERROR_STOP=1 -p $port $*"; }

pwfile=$(getent passwd postgres | cut -d: -f6)/mutasi_test.password
if [ ! -s "$pwfile" ]; then
  (umask 077; head -c 32 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 24 > "$pwfile")
  chown postgres "$pwfile"
fi
password=$(cat "$pwfile")
if [ "$(psql_admin "-tAc \"SELECT 1 FROM pg_roles WHERE rolname = 'mutasi_test'\"")" != "1" ]; then
  psql_admin "-c \"CREATE ROLE mutasi_test LOGIN CREATEDB PASSWORD '$password'\"" >&2
else
  psql_admin "-c \"ALTER ROLE mutasi_test LOGIN CREATEDB PASSWORD '$password'\"" >&2
fi
if [ "$(psql_admin "-tAc \"SELECT 1 FROM pg_database WHERE datname = 'mutasi_test'\"")" != "1" ]; then
  psql_admin "-c \"CREATE DATABASE mutasi_test OWNER mutasi_test\"" >&2
fi
echo "postgres://mutasi_test:${password}@127.0.0.1:${port}/mutasi_test"
