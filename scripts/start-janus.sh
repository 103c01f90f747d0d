# Sourced by run-app.sh: Janus beside the app for the group video of coaching sessions
# (docs/operations.md). Installs the Debian package when missing, writes a configuration with an
# admin secret made on this machine (kept in src/GesprekTool.Web/data/janus, never in git), starts
# Janus on 127.0.0.1 and points the app at it. Janus stops when run-app.sh ends.
# Skipped when Coaching__Janus__ApiUrl is already set, or with GESPREKTOOL_JANUS=off; if Janus
# cannot start, the app still runs and coaching sessions say that video is not available.
if [ -z "${Coaching__Janus__ApiUrl:-}" ] && [ "${GESPREKTOOL_JANUS:-on}" != off ]; then
  if [ ! -x /usr/bin/janus ]; then
    echo "Installing Janus (Debian package), the video server for coaching sessions"
    sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends janus >/dev/null
    $sudo systemctl disable --now janus >/dev/null 2>&1 || true # this script starts its own
  fi
  janus_folder="src/GesprekTool.Web/data/janus"
  janus_api_port="${GESPREKTOOL_JANUS_PORT:-8088}"
  janus_admin_port=$((janus_api_port + 1))
  mkdir -p "$janus_folder"
  if [ ! -s "$janus_folder/admin-secret" ]; then
    (umask 077; od -An -N24 -tx1 /dev/urandom | tr -d ' \n' > "$janus_folder/admin-secret")
  fi
  janus_secret="$(cat "$janus_folder/admin-secret")"
  bash scripts/janus-config.sh "$janus_folder" "$janus_api_port" "$janus_admin_port" "$janus_secret"
  /usr/bin/janus -F "$janus_folder" -C "$janus_folder/janus.jcfg" >"$janus_folder/janus.log" 2>&1 &
  janus_pid=$!
  trap 'kill "$janus_pid" 2>/dev/null || true' EXIT
  export Coaching__Janus__ApiUrl="http://127.0.0.1:$janus_api_port/janus"
  export Coaching__Janus__AdminUrl="http://127.0.0.1:$janus_admin_port/admin"
  export Coaching__Janus__AdminSecret="$janus_secret"
  echo "Janus (coaching video) on 127.0.0.1:$janus_api_port, log in $janus_folder/janus.log"
fi
