#!/usr/bin/env bash
# Smoke checks shared by .ci/run and GitHub Actions.
#   amvera-smoke: each role's --dry-run with fresh temporary paths and a well-formed fake token.
set -euo pipefail
cd "$(dirname "$0")/.."

FAKE_TOKEN="123456789:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"

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

case "${1:-all}" in
  amvera-smoke) amvera_smoke ;;
  all) amvera_smoke ;;
  *) echo "usage: scripts/smoke.sh [amvera-smoke|all]" >&2; exit 2 ;;
esac
