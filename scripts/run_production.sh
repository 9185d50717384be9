#!/usr/bin/env bash
# Essaim as it runs in production, on one machine (docs/deployment.md):
#   - two gunicorn app servers (two masters, two process trees) sharing one port through
#     SO_REUSEPORT (`--reuse-port`): the kernel spreads connections between them, and one can be
#     restarted while the other serves;
#   - the task worker: `db_worker` (database backend), or, when REDIS_URL is set, an RQ worker on
#     Redis (TASKS_BACKEND=django_tasks.backends.rq.RQBackend);
#   - the scheduler loop: `manage.py tick` every minute, which enqueues each periodic job whose
#     interval has elapsed (reminders, contact reminders, retention purge daily; events' waiting
#     lists every 15 minutes; settings.PERIODIC_TASKS), unless SCHEDULER=off (then run
#     `manage.py tick` from cron or a systemd timer every minute, see docs/deployment.md).
# PostgreSQL (DATABASE_URL) is required; a TLS proxy is expected in front (BEHIND_TLS_PROXY=true).
#
#   DATABASE_URL=postgres://essaim@127.0.0.1/essaim SECRET_KEY=... scripts/run_production.sh
#
# Stops everything on Ctrl-C / SIGTERM. Logs and pid files go to $RUN_DIR (default var/run).
set -euo pipefail
cd "$(dirname "$0")/.."

: "${DATABASE_URL:?DATABASE_URL (postgres://...) est obligatoire}"
case "$DATABASE_URL" in
  postgres://* | postgresql://*) ;;
  *) echo "run_production.sh : DATABASE_URL doit désigner PostgreSQL." >&2; exit 2 ;;
esac

export PRODUCTION=true DEBUG=false
export BEHIND_TLS_PROXY="${BEHIND_TLS_PROXY:-true}"
export ALLOWED_HOSTS="${ALLOWED_HOSTS:-127.0.0.1,localhost}"
export STATIC_ROOT="${STATIC_ROOT:-$PWD/var/static}"
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
WEB_SERVERS="${WEB_SERVERS:-2}"          # gunicorn masters on the same port
WEB_WORKERS="${WEB_WORKERS:-2}"          # worker processes per master
WEB_THREADS="${WEB_THREADS:-4}"          # threads per worker (gthread)
RUN_DIR="${RUN_DIR:-$PWD/var/run}"
SCHEDULER="${SCHEDULER:-on}"
COLLECTSTATIC="${COLLECTSTATIC:-auto}"   # auto: only when a static file is newer than the manifest
SCHEDULE_EVERY="${SCHEDULE_EVERY:-60}"   # seconds between two ticks of the scheduler
UV="${UV:-$(command -v uv || echo 'python3 -m uv')}"
# The environment's own binaries: signals reach gunicorn and the worker directly, not through uv.
BIN="$(dirname "$($UV run --frozen python -c 'import sys; print(sys.executable)')")"
MANAGE="$BIN/python manage.py"
mkdir -p "$RUN_DIR"

if [ -n "${REDIS_URL:-}" ]; then
  export TASKS_BACKEND="${TASKS_BACKEND:-django_tasks.backends.rq.RQBackend}"
fi

if [ -z "${SECRET_KEY:-}" ] && [ ! -s "${SECRET_KEY_FILE:-var/secret_key}" ]; then
  echo "run_production.sh : SECRET_KEY (ou SECRET_KEY_FILE) est obligatoire." >&2
  exit 2
fi

echo "== préparation (migrate, cache, fichiers statiques)"
$MANAGE migrate --no-input -v 0
$MANAGE createcachetable
manifest="$STATIC_ROOT/staticfiles.json"
if [ "$COLLECTSTATIC" = on ] || { [ "$COLLECTSTATIC" = auto ] &&
  { [ ! -f "$manifest" ] || [ -n "$(find essaim -path '*/static/*' -type f -newer "$manifest" -print -quit)" ]; }; }; then
  $MANAGE collectstatic --no-input -v 0 # compresses every file: about a minute of CPU
fi

pids=()
stop() {
  trap - INT TERM EXIT
  echo "== arrêt"
  for pid in "${pids[@]}"; do
    pkill -TERM -P "$pid" 2>/dev/null || true # the scheduler loop's sleep, if any
    kill -TERM "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

for n in $(seq 1 "$WEB_SERVERS"); do
  "$BIN/gunicorn" essaim.wsgi:application \
    --bind "$HOST:$PORT" --reuse-port \
    --workers "$WEB_WORKERS" --threads "$WEB_THREADS" --worker-class gthread \
    --max-requests 2000 --max-requests-jitter 200 --timeout 60 --graceful-timeout 20 \
    --name "essaim-web-$n" --pid "$RUN_DIR/web-$n.pid" \
    --access-logfile "$RUN_DIR/web-$n.access.log" --error-logfile "$RUN_DIR/web-$n.error.log" &
  pids+=("$!")
done

if [ "${TASKS_BACKEND:-}" = "django_tasks.backends.rq.RQBackend" ]; then
  echo "== worker RQ sur $REDIS_URL"
  $MANAGE rqworker --job-class django_tasks.backends.rq.Job --with-scheduler default \
    >"$RUN_DIR/worker.log" 2>&1 &
else
  echo "== worker base de données (db_worker)"
  $MANAGE db_worker --no-reload >"$RUN_DIR/worker.log" 2>&1 &
fi
pids+=("$!")

if [ "$SCHEDULER" = "on" ]; then
  (
    while true; do
      $MANAGE tick || echo "tâches périodiques : échec" >&2
      sleep "$SCHEDULE_EVERY"
    done
  ) >"$RUN_DIR/scheduler.log" 2>&1 &
  pids+=("$!")
fi

echo "== Essaim sert sur http://$HOST:$PORT ($WEB_SERVERS serveurs × $WEB_WORKERS workers × $WEB_THREADS threads), journaux dans $RUN_DIR"
# Any process that dies stops the whole group: a supervisor (systemd) restarts it.
wait -n "${pids[@]}"
echo "run_production.sh : un processus s'est arrêté, arrêt de l'ensemble." >&2
exit 1
