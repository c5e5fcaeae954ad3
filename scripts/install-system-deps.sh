#!/bin/sh
# Debian packages the tests need: a headless browser for the search and page
# tests, poppler for reading PDFs, a CJK font for rendering them, and faketime
# to build on another day for the reproducible-build tests.
# Installs only what is missing, so a second run costs nothing.
set -eu

missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
command -v faketime >/dev/null 2>&1 || missing="$missing faketime"
fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing="$missing fonts-noto-cjk"
[ -z "$missing" ] && exit 0

sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
echo "installing Debian packages:$missing"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null
