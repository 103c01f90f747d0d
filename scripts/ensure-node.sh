# Sourced by run-app.sh: the build restores the SignalR browser client with npm
# (src/GesprekTool.Web/package.json), so Node.js and npm must be there.
if ! command -v npm >/dev/null 2>&1; then
  echo "Installing Node.js and npm (Debian packages), needed to restore the browser scripts"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
