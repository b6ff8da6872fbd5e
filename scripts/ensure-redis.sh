#!/usr/bin/env bash
# Several app servers share live co-editing and rate limits through Redis (issue 18): the tests
# start a throw-away redis-server of their own (tests/unit/temp-redis.ts) from Debian's package.
set -euo pipefail
if command -v redis-server >/dev/null 2>&1; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Redis est introuvable. Installez-le : sudo apt-get install -y redis-server" >&2
  exit 1
fi
echo "Installing Redis for the tests…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
