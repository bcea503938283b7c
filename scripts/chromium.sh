# Shared by the client's end-to-end tests and the map benchmark: Debian's chromium, installed if missing (never a
# downloaded browser). Source it; do not execute it. ensure_chromium LOG returns non-zero when it cannot install.

ensure_chromium() {
  local log=$1
  [ -x /usr/bin/chromium ] && return 0
  echo "Installing Debian's chromium..."
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >"$log" 2>&1 \
    || { $sudo apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium >"$log" 2>&1; }
}
