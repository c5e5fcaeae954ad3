#!/bin/sh
# Debian packages the tests need: a headless browser for the search and page
# tests, poppler for reading PDFs, a CJK font for rendering them, Pango, which
# WeasyPrint prints the sector briefings with, faketime to build on another
# day for the reproducible-build tests, and LibreOffice's Writer, which reads
# Word 97-2003 (.doc) and WPS speeches (about 85 MB to download, 260 MB
# installed, 15 s).
# Installs only what is missing, so a second run costs nothing.
set -eu

missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
command -v faketime >/dev/null 2>&1 || missing="$missing faketime"
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-writer-nogui"
fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing="$missing fonts-noto-cjk"
fc-list 2>/dev/null | grep -q "Noto Serif CJK" || missing="$missing fonts-noto-cjk"
ldconfig -p 2>/dev/null | grep -q "libpango-1.0.so.0" || missing="$missing libpango-1.0-0"
ldconfig -p 2>/dev/null | grep -q "libpangoft2-1.0.so.0" || missing="$missing libpangoft2-1.0-0"
[ -z "$missing" ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing Debian packages:$missing"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
