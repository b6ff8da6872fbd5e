#!/usr/bin/env bash
# The export tests convert .docx and .xlsx files to PDF with LibreOffice (headless),
# and recalculate KPI workbooks with it. Debian packages; pdfinfo comes from poppler-utils.
set -euo pipefail
if command -v soffice >/dev/null && command -v pdfinfo >/dev/null; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "LibreOffice est introuvable. Installez-le : sudo apt-get install -y libreoffice-writer libreoffice-calc poppler-utils" >&2
  exit 1
fi
echo "Installing LibreOffice (headless) for the export tests…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends libreoffice-writer libreoffice-calc poppler-utils >/dev/null
