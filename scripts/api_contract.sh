#!/usr/bin/env bash
# The API against its OpenAPI document: schemathesis with every check (--checks all), on a live
# gunicorn serving the demo data on 127.0.0.1, bounded in examples and time (CI, .ci/run).
#
#   scripts/api_contract.sh            # SQLite copy of the demo; ~3 minutes on 2 cores
#   MAX_EXAMPLES=25 scripts/api_contract.sh
#
# Two passes: anonymous (every operation), then with a programme team member's token (every
# operation but revoking tokens, which would revoke the pass's own token). Configuration and the
# reasons for each setting: .ci/schemathesis.toml.
set -euo pipefail
cd "$(dirname "$0")/.."
UV="${UV:-$(command -v uv || echo 'python3 -m uv')}"
BIN="$(dirname "$($UV run --frozen python -c 'import sys; print(sys.executable)')")"
PORT="${PORT:-8779}"
MAX_EXAMPLES="${MAX_EXAMPLES:-10}"
SEED="${SEED:-16}" # the same examples on every run (SEED=$RANDOM for a new draw)
TIME_LIMIT="${TIME_LIMIT:-400}" # seconds, hard limit per pass (two passes fit .ci/run's 900 s)
WORK="$(mktemp -d /tmp/essaim-api-contract.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
# DEBUG off as in production; DEMO on as `make demo`: static files from the apps (the HTML 404
# page of a probe outside /api/v1 needs no `collectstatic`, a minute of CPU), e-mails kept.
export SQLITE_PATH="$WORK/api.sqlite3" DJANGO_SETTINGS_MODULE=essaim.settings DEBUG=false DEMO=true HTTPS=false
export SECRET_KEY="contract-$(python3 -c 'import secrets; print(secrets.token_urlsafe(32))')"
export ALLOWED_HOSTS=127.0.0.1 TWO_FACTOR_DEMO_EXEMPT=true LOG_LEVEL=WARNING
export LOGIN_RATE_LIMIT=100000 LOGIN_RATE_LIMIT_ADDRESS=100000 ORIENTATION_CONTACT_RATE_LIMIT=100000
unset DATABASE_URL REDIS_URL

started=$(date +%s)
echo "== base de démonstration (SQLite, $WORK)"
cp "$("$BIN/python" -c 'import sys; sys.path.insert(0, "bench"); from _common import base_database; print(base_database())')" "$SQLITE_PATH"
"$BIN/python" manage.py createcachetable
"$BIN/python" manage.py seed_demo >/dev/null

"$BIN/gunicorn" essaim.wsgi:application --bind "127.0.0.1:$PORT" --worker-class gthread --workers 1 \
  --threads 4 --timeout 60 >"$WORK/server.log" 2>&1 & # Django's log (errors, tracebacks) too
server=$!
trap 'kill -TERM $server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$WORK"' EXIT
for _ in $(seq 120); do curl -fsS "http://127.0.0.1:$PORT/ping" >/dev/null 2>&1 && break; sleep 0.5; done

token=$(curl -fsS -X POST "http://127.0.0.1:$PORT/api/v1/auth/token" -H 'Content-Type: application/json' \
  -d '{"email": "alter-incub@demo.essaim.fr", "password": "essaim-demo", "name": "schemathesis"}' |
  "$BIN/python" -c 'import json, sys; print(json.load(sys.stdin)["token"])')

# From $WORK: schemathesis keeps a cache of failing examples in ./.schemathesis (not in the tree).
CONFIG="$PWD/.ci/schemathesis.toml"
run() {
  (cd "$WORK" && timeout --signal=INT "$TIME_LIMIT" "$BIN/schemathesis" --config-file "$CONFIG" run \
    "http://127.0.0.1:$PORT/api/v1/openapi.json" --checks all --max-examples "$MAX_EXAMPLES" \
    --seed "$SEED" --workers 1 --no-color "$@")
}
status=0
echo "== passe anonyme"
run || status=$?
echo "== passe avec le jeton d'une équipe"
run -H "Authorization: Bearer $token" --exclude-path "/api/v1/auth/tokens/{token_id}" || status=$?
errors=$(grep -c "Traceback\|Internal Server Error" "$WORK/server.log" || true)
echo "== $(($(date +%s) - started)) s ; erreurs serveur dans le journal : $errors"
[ "$errors" = 0 ] || { grep -B2 -A20 "Traceback" "$WORK/server.log" | head -80; status=1; }
exit "$status"
