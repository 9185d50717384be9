#!/usr/bin/env bash
# Make Debian's Chromium available for the browser tests.
# With CI=true a missing browser is an error; elsewhere the browser tests are skipped loudly.
set -u
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installation de Chromium (apt-get install chromium)…"
  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) || true
fi
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
if [ "${CI:-}" = "true" ]; then
  echo "ERREUR : Chromium est introuvable et CI=true : les tests navigateur ne peuvent pas être ignorés." >&2
  exit 1
fi
echo "##############################################################################"
echo "# ATTENTION : Chromium introuvable — les tests navigateur seront IGNORÉS.      #"
echo "# Installez-le (apt-get install chromium) pour lancer toute la suite.          #"
echo "##############################################################################"
exit 0
