#!/usr/bin/env bash
# The service tests also run on PostgreSQL (issue 18): each test file starts a throw-away
# server of its own (tests/unit/temp-postgres.ts) from Debian's postgresql package.
set -euo pipefail
if ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "PostgreSQL est introuvable. Installez-le : sudo apt-get install -y postgresql" >&2
  exit 1
fi
echo "Installing PostgreSQL for the tests…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends postgresql >/dev/null
