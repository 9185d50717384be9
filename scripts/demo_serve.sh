#!/usr/bin/env bash
# `make demo`, last step: the web server and the task worker side by side; Ctrl-C stops both.
#
# The demo runs with DEBUG off and DEMO on, so that visitors see the site's own 404 and 500
# pages (Django shows its debug pages whenever DEBUG is on), static files are served by
# WhiteNoise straight from the apps (no `collectstatic`, which takes minutes to compress the
# API documentation's assets), and e-mails are kept for the "Courriels envoyés" page
# instead of being sent (essaim/outbox). Safe to run again: nothing is duplicated, a worker
# left over from an earlier run is stopped (by the id this script wrote), and a busy port is
# reported instead of failing half-way.
set -euo pipefail

HOST=${HOST:-127.0.0.1}
PORT=${PORT:-8000}
read -r -a UV_CMD <<< "${UV:-uv}"
MANAGE=("${UV_CMD[@]}" run --frozen python manage.py)
WORKER_PID_FILE=var/demo-worker.pid

export DEMO=true DEBUG=false
export SITE_URL=${SITE_URL:-http://$HOST:$PORT}  # links in the demo's e-mails
mkdir -p var

# A key of this machine's own, written once (sessions survive a restart); never the public one.
if [ -z "${SECRET_KEY:-}" ] && [ ! -s var/secret_key ]; then
  (umask 077 && python3 -c 'import secrets; print(secrets.token_urlsafe(50))' > var/secret_key)
fi

if (exec 3<>"/dev/tcp/$HOST/$PORT") 2>/dev/null; then
  echo "Le port $PORT est déjà utilisé sur $HOST (une démo déjà lancée ?). Arrêtez-la, ou : make demo PORT=8001" >&2
  exit 1
fi

if [ -s "$WORKER_PID_FILE" ]; then
  old=$(cat "$WORKER_PID_FILE")
  if [ -r "/proc/$old/cmdline" ] && tr '\0' ' ' < "/proc/$old/cmdline" | grep -q "manage.py db_worker"; then
    echo "Arrêt du travailleur de tâches resté d'une démo précédente (processus $old)."
    kill -TERM "$old" 2>/dev/null || true
  fi
  rm -f "$WORKER_PID_FILE"
fi

"${MANAGE[@]}" db_worker --queue-name '*' --no-reload -v 0 &
worker=$!
echo "$worker" > "$WORKER_PID_FILE"
"${MANAGE[@]}" runserver --noreload "$HOST:$PORT" &
web=$!
# The periodic jobs (reminders, purge, events' waiting lists): `tick` every minute.
( while sleep 60; do "${MANAGE[@]}" tick -v 0 || true; done ) &
scheduler=$!

stop() {
  trap - INT TERM HUP EXIT
  kill -TERM "$web" "$worker" "$scheduler" 2>/dev/null || true
  pkill -TERM -P "$scheduler" 2>/dev/null || true
  wait "$web" "$worker" "$scheduler" 2>/dev/null || true
  rm -f "$WORKER_PID_FILE"
  echo "Démo arrêtée (serveur web et travailleur de tâches)."
}
trap 'stop; exit 130' INT
trap 'stop; exit 143' TERM HUP
trap stop EXIT

echo ""
echo "Essaim sert sur http://$HOST:$PORT  (Ctrl-C pour arrêter)"
echo "Travailleur de tâches lancé : les courriels de la démo sont visibles par les administrateurs"
echo "dans « Courriels envoyés » : http://$HOST:$PORT/demo/courriels/"

# If either process ends on its own, stop the other one too.
wait -n "$web" "$worker"
