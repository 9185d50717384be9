#!/usr/bin/env bash
# Start Essaim as in production (scripts/run_production.sh) on a private port, run the smoke test
# (scripts/smoke_production.py) against it, stop everything. Loopback only.
#
#   DATABASE_URL=postgres://postgres@127.0.0.1:5432/essaim_smoke scripts/prod_smoke.sh [--seed] [--redis]
#
# --seed   first migrate, load the territories and the demo data into DATABASE_URL (a fresh database)
# --redis  also start a private redis-server and set REDIS_URL: Redis cache and RQ task worker
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DATABASE_URL:?DATABASE_URL (postgres://...) est obligatoire}"
SEED=0 REDIS=0
for arg in "$@"; do
  case "$arg" in
    --seed) SEED=1 ;;
    --redis) REDIS=1 ;;
    *) echo "usage: $0 [--seed] [--redis]" >&2; exit 2 ;;
  esac
done
UV="${UV:-$(command -v uv || echo 'python3 -m uv')}"
export PORT="${PORT:-8765}" HOST=127.0.0.1
export RUN_DIR="${RUN_DIR:-$(mktemp -d /tmp/essaim-smoke.XXXXXX)}"
mkdir -p "$RUN_DIR"
export SECRET_KEY="${SECRET_KEY:-smoke-$(python3 -c 'import secrets; print(secrets.token_urlsafe(40))')}"
export SCHEDULER="${SCHEDULER:-off}" EVIDENCE_LARGE_REPORT="${EVIDENCE_LARGE_REPORT:-1}"
export STATIC_ROOT="${STATIC_ROOT:-$PWD/var/smoke-static}"

if [ "$SEED" = 1 ]; then
  echo "== base de démonstration dans $DATABASE_URL"
  $UV run --frozen python manage.py migrate --no-input -v 0
  $UV run --frozen python manage.py load_territories >/dev/null
  $UV run --frozen python manage.py seed_demo >/dev/null
fi

children=()
cleanup() {
  for pid in "${children[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap cleanup EXIT

if [ "$REDIS" = 1 ]; then
  REDIS_PORT="${REDIS_PORT:-6391}"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no >"$RUN_DIR/redis.log" 2>&1 &
  children+=("$!")
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
  for _ in $(seq 50); do redis-cli -p "$REDIS_PORT" ping >/dev/null 2>&1 && break; sleep 0.1; done
fi

scripts/run_production.sh >"$RUN_DIR/run.log" 2>&1 &
children+=("$!")
started=$(date +%s)
until curl -fsS -H "X-Forwarded-Proto: https" "http://$HOST:$PORT/ping" >/dev/null 2>&1; do
  if [ $(($(date +%s) - started)) -gt "${STARTUP_TIMEOUT:-600}" ]; then
    echo "Essaim n'a pas démarré en ${STARTUP_TIMEOUT:-600} s :" >&2
    tail -30 "$RUN_DIR/run.log" >&2
    exit 1
  fi
  sleep 0.5
done
echo "== démarré en $(($(date +%s) - started)) s ($RUN_DIR)"
timeout 300 python3 scripts/smoke_production.py "http://$HOST:$PORT" --run-dir "$RUN_DIR"
