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
# - defines n8n24 (run the n8n CLI with Node 24) and n8n_app_free_port.
# Starting, waiting for and stopping `n8n start` / `n8n worker`, linking the package and the owner account are
# scripts/lib/n8nApp.js's job (npm start, the e2e and queue tests use it; they source this file for the env).
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
