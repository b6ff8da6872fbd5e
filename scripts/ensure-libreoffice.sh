#!/usr/bin/env bash
# The export tests convert .docx, .xlsx and .pptx files to PDF with LibreOffice (headless),
# and recalculate KPI workbooks with it. Debian packages; pdfinfo comes from poppler-utils.
# Impress is needed to open a .pptx (Writer and Calc are not enough).
set -euo pipefail
PACKAGES=(libreoffice-writer libreoffice-calc libreoffice-impress poppler-utils)
installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'install ok installed'; }
missing=()
for p in "${PACKAGES[@]}"; do installed "$p" || missing+=("$p"); done
if [ ${#missing[@]} -eq 0 ] && command -v soffice >/dev/null && command -v pdfinfo >/dev/null; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "LibreOffice est introuvable ou incomplet. Installez-le : sudo apt-get install -y ${PACKAGES[*]}" >&2
  exit 1
fi
echo "Installing LibreOffice (headless) for the export tests: ${missing[*]:-${PACKAGES[*]}}…"
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
