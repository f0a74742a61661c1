#!/bin/sh
# Builds and runs the SLA timer benchmark: ./run.sh [TIMERS [FIRED]]
# It loads TIMERS pending deadlines (default 1000000) and fires FIRED timers
# (default 5000) through the wall-clock alarm over 3 seconds.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
sources="$here/../../Sources/SmarketDaemon/Timers"
build=$(mktemp -d)
trap 'rm -rf "$build"' EXIT

swiftc -O -swift-version 6 -module-name SLATimersBench \
    "$here/main.swift" "$sources/DeadlineQueue.swift" "$sources/WallClockAlarm.swift" \
    -o "$build/sla-timers"
"$build/sla-timers" "$@"
