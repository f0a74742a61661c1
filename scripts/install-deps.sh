#!/bin/sh
# Installs the Debian packages that building and testing smarketd need, and only those still missing.
# Runs `apt-get update` once, and only when something is missing.
# `scripts/install-deps.sh chromium` also installs Debian's headless-capable browser, which the HTML report
# test uses to render the page to a PNG; without it that test is skipped.
set -eu

packages="pkg-config libsqlite3-dev libyaml-dev libsystemd-dev zlib1g-dev libssl-dev sqlite3"
# Extra packages for the test suite, passed as arguments (for example: systemd-container).
packages="$packages $*"

missing=""
for package in $packages; do
    if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
        missing="$missing $package"
    fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
    run=""
elif command -v sudo >/dev/null 2>&1; then
    run="sudo"
else
    echo "install-deps: missing packages:$missing; run this script as root to install them" >&2
    exit 1
fi
echo "install-deps: installing$missing" >&2
$run apt-get update -qq
# --no-install-recommends keeps systemd-container from pulling libnss-mymachines, which edits nsswitch.conf.
DEBIAN_FRONTEND=noninteractive $run apt-get install -y -qq --no-install-recommends $missing >&2
