#!/usr/bin/env bash
# Playwright cannot download its own browsers here: e2e tests drive Debian's chromium.
set -euo pipefail
CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ -x "$CHROMIUM" ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Chromium est introuvable ($CHROMIUM). Installez-le : sudo apt-get install -y chromium" >&2
  exit 1
fi
echo "Installing Debian's chromium for the e2e tests…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null
