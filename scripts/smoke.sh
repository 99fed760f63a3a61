#!/usr/bin/env bash
# Smoke checks shared by .ci/run and GitHub Actions.
#   amvera-smoke: each role's --dry-run with fresh temporary paths and a well-formed fake token.
#   amvera-ops-v2-smoke: ROLE=api for real with ENABLE_METRICS=1 on a free port; curl the probes
#     and /metrics (codes and bodies), then SIGTERM and expect exit 0.
set -euo pipefail
cd "$(dirname "$0")/.."

FAKE_TOKEN="1234567:TEST-only-fake-token-not-a-secret-0"

amvera_smoke() {
  local role tmp
  for role in api worker tgbot all; do
    tmp=$(mktemp -d)
    echo "amvera-smoke: ROLE=$role --dry-run"
    env -u DATABASE_URL -u REDIS_URL -u REDIS_HOST -u PGHOST_RW \
      ROLE="$role" DATA_DIR="$tmp" DB_PATH="$tmp/db/bot.sqlite3" REPORTS_DIR="$tmp/reports" \
      TELEGRAM_BOT_TOKEN="$FAKE_TOKEN" LOG_LEVEL=INFO \
      node bin/start.js --dry-run
    test -f "$tmp/db/bot.sqlite3" || { echo "amvera-smoke: $role did not create the database" >&2; exit 1; }
    rm -rf "$tmp"
  done
  echo "amvera-smoke: ok"
}

check() { # name expected-code body-regex url
  local body code
  body=$(curl -s -o /dev/stdout -w '\n%{http_code}' "$4") || { echo "ops-v2-smoke: $1 unreachable" >&2; return 1; }
  code=$(tail -n1 <<<"$body")
  body=$(sed '$d' <<<"$body")
  if [ "$code" != "$2" ] || ! grep -Eq "$3" <<<"$body"; then
    echo "ops-v2-smoke: $1 answered $code: $(head -c 300 <<<"$body")" >&2
    return 1
  fi
  echo "ops-v2-smoke: $1 $code ok"
}

amvera_ops_v2_smoke() {
  local tmp log pid port code
  tmp=$(mktemp -d)
  log="$tmp/api.log"
  env -u DATABASE_URL -u REDIS_URL -u REDIS_HOST -u PGHOST_RW \
    ROLE=api PORT=0 ENABLE_METRICS=1 DATA_DIR="$tmp" LOG_LEVEL=INFO \
    node bin/start.js >"$log" 2>&1 &
  pid=$!
  for _ in $(seq 1 150); do
    port=$(sed -n 's/.*api listening on [0-9.]*:\([0-9]*\).*/\1/p' "$log" | head -1)
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  if [ -z "$port" ]; then
    echo "ops-v2-smoke: api did not start" >&2
    cat "$log" >&2
    kill "$pid" 2>/dev/null || true
    exit 1
  fi
  local base="http://127.0.0.1:$port"
  check /healthz 200 '"status":"ok"' "$base/healthz"
  check /health 200 '"status":"ok"' "$base/health"
  # api alone: no worker or bot heartbeats, so the database is ok and the rest degrades.
  check /readyz 200 '"status":"degraded".*"db":"ok"' "$base/readyz"
  check /ready 200 '"checks":\{' "$base/ready"
  # prom-client's defaults under their standard names (not scoreline_process_*), own metrics
  # with the scoreline_ prefix; every series labelled with the role.
  check /metrics 200 '(^|[[:space:]])process_cpu_user_seconds_total\{role="api"\}' "$base/metrics"
  check /metrics 200 '(^|[[:space:]])nodejs_eventloop_lag_seconds\{role="api"\}' "$base/metrics"
  check /metrics 200 'scoreline_build_info\{[^}]*role="api"' "$base/metrics"
  kill -TERM "$pid"
  code=0
  wait "$pid" || code=$?
  if [ "$code" != 0 ]; then
    echo "ops-v2-smoke: api exited $code after SIGTERM" >&2
    cat "$log" >&2
    exit 1
  fi
  rm -rf "$tmp"
  echo "amvera-ops-v2-smoke: ok"
}

case "${1:-all}" in
  amvera-smoke) amvera_smoke ;;
  amvera-ops-v2-smoke) amvera_ops_v2_smoke ;;
  all)
    amvera_smoke
    amvera_ops_v2_smoke
    ;;
  *) echo "usage: scripts/smoke.sh [amvera-smoke|amvera-ops-v2-smoke|all]" >&2; exit 2 ;;
esac
