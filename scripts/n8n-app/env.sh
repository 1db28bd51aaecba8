# shellcheck shell=bash
# Source me:  source scripts/n8n-app/env.sh [USER_FOLDER]
#
# - loads NODE24 / N8N_BIN / N8N_APP_DIR from the provisioned cache (runs provision.sh, which is ~0.5 s when
#   the cached install is healthy and minutes when it must install it);
# - exports N8N_USER_FOLDER (argument, else the current value, else a new /tmp/n8n-user.XXXXXX folder);
#   n8n keeps its state in "$N8N_USER_FOLDER/.n8n" (config with the encryption key, database.sqlite,
#   nodes/node_modules for community packages);
# - exports quiet/offline settings (no telemetry, version checks, templates, banners, mcp-registry) and binds
#   the editor and the task-runner broker to 127.0.0.1 on free ports unless N8N_PORT /
#   N8N_RUNNERS_BROKER_PORT are already set (parallel n8n processes need distinct ports);
# - defines helpers: n8n24 (run the n8n CLI with Node 24), n8n_app_start / n8n_app_stop / n8n_app_wait_ready
#   (background `n8n start`), n8n_app_free_port, n8n_app_link_package, n8n_app_owner_env.
# Values already set in the environment win, except the ones marked "forced".

_n8n_app_here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"

_n8n_app_env_file="$(N8N_APP_QUIET=1 "$_n8n_app_here/provision.sh" --print-env-file)" || {
  echo "[n8n-app] provision.sh failed; n8n is not available" >&2
  return 1 2>/dev/null || exit 1
}
# shellcheck disable=SC1090
source "$_n8n_app_env_file"   # NODE24, N8N_BIN, N8N_APP_DIR

# A free TCP port on 127.0.0.1 (asks the kernel for one; a tiny race with other processes is possible).
n8n_app_free_port() {
  "$NODE24" -e "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})"
}

# Run the n8n CLI of the provisioned app with Node 24:  n8n24 --version | n8n24 execute --id=1 --rawOutput
# Node 24's folder goes first on PATH only for n8n: its internal JS task runner (Code node) is spawned as a
# plain `node` from PATH and would otherwise run on the machine's Node 20.
n8n24() {
  PATH="$(dirname "$NODE24"):$PATH" "$NODE24" "$N8N_BIN" "$@"
}

# Start `n8n start` in the background (log: $1, default $N8N_USER_FOLDER/n8n.log), set N8N_APP_PID to the
# n8n process itself, and wait until it is ready (see n8n_app_wait_ready). Stop it with n8n_app_stop.
# (Do not background the n8n24 function with `&`: $! would be a subshell, and killing it orphans n8n.)
n8n_app_start() {
  local log="${1:-$N8N_USER_FOLDER/n8n.log}" limit="${2:-180}"
  PATH="$(dirname "$NODE24"):$PATH" "$NODE24" "$N8N_BIN" start > "$log" 2>&1 &
  N8N_APP_PID=$!
  export N8N_APP_PID
  if ! n8n_app_wait_ready "$limit" "$N8N_APP_PID"; then
    tail -n 30 "$log" >&2
    n8n_app_stop
    return 1
  fi
}

# Stop the n8n started by n8n_app_start (SIGTERM, then SIGKILL after 30 s). n8n stops its task runner itself.
n8n_app_stop() {
  local pid="${1:-${N8N_APP_PID:-}}" i
  [ -n "$pid" ] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for ((i = 0; i < 120; i++)); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null || true
  [ "$pid" = "${N8N_APP_PID:-}" ] && unset N8N_APP_PID
  return 0
}

# Wait until n8n is ready:  n8n_app_wait_ready [seconds=180] [pid]
# /healthz answers 200 as soon as the HTTP server listens, BEFORE the database migrations (a fresh user
# folder takes ~20-30 s more); /healthz/readiness answers 200 only once the DB is migrated and n8n is up.
# With a pid, fails early when that process has exited.
n8n_app_wait_ready() {
  local limit="${1:-180}" pid="${2:-}" i
  for ((i = 0; i < limit * 4; i++)); do
    if curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:${N8N_PORT}/healthz/readiness" 2>/dev/null; then
      return 0
    fi
    if [ -n "$pid" ] && ! kill -0 "$pid" 2>/dev/null; then
      echo "[n8n-app] n8n (pid $pid) exited before it was ready" >&2
      return 1
    fi
    sleep 0.25
  done
  echo "[n8n-app] n8n on 127.0.0.1:${N8N_PORT} not ready within ${limit} s" >&2
  return 1
}

# Make a built package (folder with package.json + dist/) loadable by this user folder, the way n8n finds
# installed community packages:  n8n_app_link_package /work/main   (symlink; node type "<name>.<node>")
n8n_app_link_package() {
  local pkg_dir name
  pkg_dir="$(cd "${1:?package folder}" && pwd)"
  name="$("$NODE24" -p "require('$pkg_dir/package.json').name")"
  mkdir -p "$N8N_USER_FOLDER/.n8n/nodes/node_modules/$(dirname "$name")"
  ln -sfn "$pkg_dir" "$N8N_USER_FOLDER/.n8n/nodes/node_modules/$name"
  echo "$N8N_USER_FOLDER/.n8n/nodes/node_modules/$name"
}

# Export the env vars that make `n8n start` create (or overwrite) the owner account at boot:
#   n8n_app_owner_env EMAIL PASSWORD   (the password is bcrypt-hashed with n8n's own bcryptjs)
n8n_app_owner_env() {
  local email="${1:?email}" password="${2:?password}"
  export N8N_INSTANCE_OWNER_MANAGED_BY_ENV=true
  export N8N_INSTANCE_OWNER_EMAIL="$email"
  export N8N_INSTANCE_OWNER_FIRST_NAME="${N8N_INSTANCE_OWNER_FIRST_NAME:-Demo}"
  export N8N_INSTANCE_OWNER_LAST_NAME="${N8N_INSTANCE_OWNER_LAST_NAME:-Owner}"
  N8N_INSTANCE_OWNER_PASSWORD_HASH="$(N8N_APP_PW="$password" "$NODE24" -e "
    const b=require(require.resolve('bcryptjs',{paths:[require('path').dirname(require.resolve('n8n/package.json',{paths:[process.argv[1]]}))]}));
    process.stdout.write(b.hashSync(process.env.N8N_APP_PW,10))" "$N8N_APP_DIR")" || return 1
  export N8N_INSTANCE_OWNER_PASSWORD_HASH
}

if [ -n "${1:-}" ]; then
  export N8N_USER_FOLDER="$1"
elif [ -z "${N8N_USER_FOLDER:-}" ]; then
  N8N_USER_FOLDER="$(mktemp -d /tmp/n8n-user.XXXXXX)"
  export N8N_USER_FOLDER
fi
mkdir -p "$N8N_USER_FOLDER"

# Quiet / offline (forced: this tooling must never call n8n's cloud services).
export N8N_DIAGNOSTICS_ENABLED=false
export N8N_VERSION_NOTIFICATIONS_ENABLED=false
export N8N_VERSION_NOTIFICATIONS_WHATS_NEW_ENABLED=false
export N8N_TEMPLATES_ENABLED=false
export N8N_DYNAMIC_BANNERS_ENABLED=false
export N8N_PERSONALIZATION_ENABLED=false
export N8N_HIRING_BANNER_ENABLED=false
export N8N_LICENSE_AUTO_RENEW_ENABLED=false
export N8N_AI_ENABLED=false
# Explicit values for settings whose defaults n8n 2.41 announces will change (silences the deprecation block).
export N8N_UNVERIFIED_PACKAGES_ENABLED="${N8N_UNVERIFIED_PACKAGES_ENABLED:-true}"
export N8N_RUNNERS_TASK_TIMEOUT="${N8N_RUNNERS_TASK_TIMEOUT:-300}"
export N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES="${N8N_COMPRESSION_NODE_MAX_DECOMPRESSED_SIZE_BYTES:-268435456}"
export N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES="${N8N_COMPRESSION_NODE_MAX_ZIP_ENTRIES:-1000}"
export N8N_DISABLED_MODULES="${N8N_DISABLED_MODULES:-mcp-registry}"
# Local only.
export N8N_LISTEN_ADDRESS="${N8N_LISTEN_ADDRESS:-127.0.0.1}"
export N8N_RUNNERS_BROKER_LISTEN_ADDRESS="${N8N_RUNNERS_BROKER_LISTEN_ADDRESS:-127.0.0.1}"
export N8N_HOST="${N8N_HOST:-localhost}"
export N8N_PROTOCOL="${N8N_PROTOCOL:-http}"
export N8N_SECURE_COOKIE="${N8N_SECURE_COOKIE:-false}"     # log in over plain http (curl, 127.0.0.1)
export N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS="${N8N_ENFORCE_SETTINGS_FILE_PERMISSIONS:-true}"  # no 0644 warning
export N8N_PORT="${N8N_PORT:-$(n8n_app_free_port)}"
if [ -z "${N8N_RUNNERS_BROKER_PORT:-}" ]; then
  N8N_RUNNERS_BROKER_PORT="$(n8n_app_free_port)"
  while [ "$N8N_RUNNERS_BROKER_PORT" = "$N8N_PORT" ]; do N8N_RUNNERS_BROKER_PORT="$(n8n_app_free_port)"; done
  export N8N_RUNNERS_BROKER_PORT
fi
export N8N_LOG_LEVEL="${N8N_LOG_LEVEL:-info}"   # above info hides `execute --rawOutput` JSON

unset _n8n_app_here _n8n_app_env_file
