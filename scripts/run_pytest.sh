#!/usr/bin/env bash
# Run the suite. pytest exits 5 when it collected nothing: for the whole suite that is a
# failure (a suite that silently stopped collecting), reported as such.
set -u
UV=${UV:-$(command -v uv || echo "python3 -m uv")}
$UV run --frozen pytest "$@"
status=$?
if [ "$status" = "5" ]; then
  echo "ERREUR : pytest n'a collecté aucun test (code 5)." >&2
  exit 1
fi
exit $status
