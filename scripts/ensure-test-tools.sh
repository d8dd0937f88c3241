#!/bin/sh
# Installs what memoflow's tests need beyond Java and Maven, if it is missing:
# poppler-utils (pdftotext, pdffonts, pdfsig, pdfdetach, pdftoppm), used by the PDF tests to
# check the produced PDFs the way a reader would, and libreoffice-writer-nogui (soffice), used
# by the draft format tests to make .docx and .pdf drafts the way an office does, chromium
# with chromium-driver (/usr/bin/chromedriver), the headless browser the web desk's browser test
# drives through Selenium, postgresql for the PostgreSQL store and cluster tests, and iproute2
# (ss), with which MailboxFailoverIT sees which daemon is connected to the mail server, and openssl,
# which reads the demonstration keystores as another PKCS#12 reader (SigningKeysTest). Run by the
# Maven build (test phase) and by .ci/run.
set -eu
missing=""
for tool in pdftotext pdffonts pdfsig pdfdetach pdftoppm; do
  command -v "$tool" >/dev/null 2>&1 || missing="poppler-utils"
done
command -v soffice >/dev/null 2>&1 || missing="$missing libreoffice-writer-nogui"
[ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ] || missing="$missing chromium chromium-driver"
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing="$missing postgresql"
command -v ss >/dev/null 2>&1 || missing="$missing iproute2"
command -v openssl >/dev/null 2>&1 || missing="$missing openssl"
[ -z "$missing" ] && exit 0
echo "memoflow tests: installing$missing (Debian packages) ..." >&2
if [ "$(id -u)" = 0 ]; then run=""; elif command -v sudo >/dev/null 2>&1; then run="sudo -n"; else
  echo "memoflow tests need$missing; install: apt-get install -y$missing" >&2; exit 1
fi
export DEBIAN_FRONTEND=noninteractive
$run apt-get update -q >/dev/null || $run apt-get update -q
$run apt-get install -y -q --no-install-recommends $missing >/dev/null
