#!/bin/bash
# Checks smarketd under a real systemd in a throw-away container: installation, start, a dropped
# corpus file, journal fields, catalog text and the absence of personal data, reloads with a
# changed and a broken configuration, a watchdog restart, and stop.
#
# usage: tests/system/run.sh [--standin]
#
#   --standin   run the daemon checks against a small Python notify daemon instead of smarketd,
#               and only check that the smarketd binary starts inside its sandbox. This checks the
#               container, the packaging and the script itself apart from the daemon.
#
# Needs root; exits with 77 otherwise. Installs systemd-container and jq when they are missing.
# A whole run takes about 15 seconds after the build on a 2-core machine (measured with
# SMARKETD_SKIP_BUILD=1). The container boots this machine's own root file system read-only underneath, with
# every write kept in RAM (systemd-nspawn --volatile=overlay), so nothing it does reaches the
# disk. Booting systemd directly on the real root file system would empty /tmp and other shared
# folders, so the script never does that. Run one container at a time.
#
# Environment:
#   SMARKETD_SKIP_BUILD=1   use the existing .build/release/smarketd and debug test bundle instead
#                           of building them first
#   SMARKETD_KEEP_LOG=1     keep the folder with the container's console log after the run

set -uo pipefail

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
MODE=daemon
if [ "${1:-}" = "--standin" ]; then
    MODE=standin
elif [ $# -gt 0 ]; then
    echo "usage: $0 [--standin]" >&2
    exit 64
fi

# The fixed MESSAGE_ID of a processed file (MessageKind.fileProcessed).
FILE_PROCESSED_ID=6f3abec85eac46d6b539c34f13f43c8b
WORK=$(mktemp -d /tmp/smarketd-system-test.XXXXXX)
NSPAWN_PID=""
LEADER=""
PASSED=0
FAILED=0

pass() {
    PASSED=$((PASSED + 1))
    echo "PASS $1"
}

fail() {
    FAILED=$((FAILED + 1))
    echo "FAIL $1: $2"
}

# Runs a command inside the container with a clean environment.
in_container() {
    nsenter --target "$LEADER" --all \
        env -i PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root \
        LANG=C.UTF-8 SYSTEMD_PAGER=cat "$@"
}

# Prints one property of a unit inside the container.
unit_property() {
    in_container systemctl show -p "$2" --value "$1"
}

# Waits up to $1 tenths of a second for the command after it to succeed.
wait_for() {
    local tenths=$1
    shift
    for ((i = 0; i < tenths; i++)); do
        if "$@" > /dev/null 2>&1; then
            return 0
        fi
        sleep 0.1
    done
    return 1
}

# Powers the container off, waits for nspawn, and removes the empty cgroups that nspawn leaves.
cleanup() {
    if [ -n "$LEADER" ] && kill -0 "$LEADER" 2> /dev/null; then
        kill -s RTMIN+4 "$LEADER"
    fi
    if [ -n "$NSPAWN_PID" ]; then
        if ! wait_for 300 bash -c "! kill -0 $NSPAWN_PID"; then
            echo "systemd-nspawn ($NSPAWN_PID) did not exit after poweroff; sending SIGTERM" >&2
            kill "$NSPAWN_PID" 2> /dev/null
            wait_for 100 bash -c "! kill -0 $NSPAWN_PID"
        fi
    fi
    for hierarchy in systemd unified; do
        for group in payload/init.scope payload supervisor; do
            if [ -d "/sys/fs/cgroup/$hierarchy/$group" ]; then
                rmdir "/sys/fs/cgroup/$hierarchy/$group" 2> /dev/null
            fi
        done
    done
    if [ "${SMARKETD_KEEP_LOG:-}" = 1 ]; then
        echo "container log: $WORK/nspawn.log"
    else
        rm -rf "$WORK"
    fi
}

# Boots the container in the background and sets NSPAWN_PID and LEADER.
start_container() {
    SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1 SOURCE="$ROOT" unshare --mount --propagation private /bin/bash -c '
        set -e
        # The host /tmp and /run/systemd are on disk here, so nspawn gets RAM for its scratch
        # folders. The root bind below is not recursive, so it still shows the disk underneath.
        # The checkout may itself be under /tmp, which the container and the tmpfs below both
        # hide, so it is bound aside first and shown read-only at its own path in the container.
        mount -t tmpfs -o mode=0755 tmpfs /run/systemd
        mkdir /run/systemd/source
        mount --bind "$SOURCE" /run/systemd/source
        mount -t tmpfs -o mode=1777 tmpfs /tmp
        mkdir /tmp/root
        mount --bind / /tmp/root
        mount -o remount,bind,ro /tmp/root
        exec systemd-nspawn --quiet --directory=/tmp/root --volatile=overlay \
            --bind-ro=/run/systemd/source:"$SOURCE" \
            --private-network --register=no --keep-unit --link-journal=no --console=passive \
            --boot systemd.mask=postgresql.service systemd.mask=postgresql@15-main.service
    ' < /dev/null > "$WORK/nspawn.log" 2>&1 &
    NSPAWN_PID=$!
    # nspawn first forks a helper that starts the container's init and exits, so wait for a
    # child whose command is systemd rather than taking the first child seen.
    local tenths child
    for ((tenths = 0; tenths < 150; tenths++)); do
        for child in $(ps -o pid= --ppid "$NSPAWN_PID"); do
            if [ "$(cat "/proc/$child/comm" 2> /dev/null)" = systemd ]; then
                LEADER=$child
                return 0
            fi
        done
        sleep 0.1
    done
    echo "the container did not start; its log:" >&2
    cat "$WORK/nspawn.log" >&2
    return 1
}

is_booted() {
    local state
    state=$(in_container systemctl is-system-running 2> /dev/null)
    [ "$state" = running ] || [ "$state" = degraded ]
}

# --- Checks of the installed packaging ---

check_exposure() {
    local line
    line=$(systemd-analyze security --offline=true "$ROOT/systemd/smarketd.service" 2>&1 | tail -n 1)
    if systemd-analyze security --offline=true --threshold=19 "$ROOT/systemd/smarketd.service" \
        > /dev/null 2>&1; then
        pass "unit exposure under 2.0 (${line##*: })"
    else
        fail "unit exposure under 2.0" "$line"
    fi
}

check_install() {
    local config="$ROOT/config/smarketd.yaml"
    if [ "$MODE" = standin ] && [ ! -f "$config" ]; then
        # The stand-in never reads it; smarketd itself needs the real file.
        in_container bash -c 'echo "# placeholder for the stand-in run" > /run/smarketd-placeholder.yaml'
        config=/run/smarketd-placeholder.yaml
    fi
    local output
    if output=$(in_container bash -c "
        set -e
        make -s -C '$ROOT' -f Makefile.install install-files INSTALL_CONFIG='$config'
        systemd-sysusers
        systemd-tmpfiles --create
        journalctl --update-catalog
        systemctl daemon-reload" 2>&1); then
        pass "make install, sysusers, tmpfiles, catalog, daemon-reload"
    else
        fail "make install, sysusers, tmpfiles, catalog, daemon-reload" "$(echo "$output" | tail -n 3)"
    fi
}

check_packaging() {
    local groups
    groups=$(in_container id -nG smarketd 2>&1)
    if [[ " $groups " == *" smarketd-drop "* ]]; then
        pass "user smarketd is in the drop group"
    else
        fail "user smarketd is in the drop group" "id -nG smarketd: $groups"
    fi

    local inbox
    for inbox in web activity outbox/crm; do
        local mode
        mode=$(in_container stat -c '%a %U %G' "/var/spool/smarketd/$inbox" 2>&1)
        if [ "$mode" = "2770 smarketd smarketd-drop" ]; then
            pass "spool folder $inbox is 2770 smarketd:smarketd-drop"
        else
            fail "spool folder $inbox is 2770 smarketd:smarketd-drop" "$mode"
        fi
    done

    local expected listed
    expected=$(grep -c '^-- ' "$ROOT/systemd/smarketd.catalog")
    listed=$(in_container journalctl --list-catalog 2>&1 | grep -c -F -f <(grep '^-- ' "$ROOT/systemd/smarketd.catalog" | cut -c4-))
    if [ "$listed" = "$expected" ]; then
        pass "journal catalog lists all $expected smarketd entries"
    else
        fail "journal catalog lists all $expected smarketd entries" "found $listed"
    fi

    local exec_start
    exec_start=$(in_container systemctl show -p ExecStart --value smarketd 2>&1)
    if [[ "$exec_start" == *"path=/usr/local/bin/smarketd"* ]]; then
        pass "installed unit runs /usr/local/bin/smarketd"
    else
        fail "installed unit runs /usr/local/bin/smarketd" "$exec_start"
    fi
}

# Starts the real unit and checks that smarketd ran inside the sandbox: either it reached READY=1,
# or it exited with a status of its own (below 200), while 200-243 would be systemd failing to
# apply a sandboxing setting.
check_sandboxed_binary() {
    local state status
    state=$(in_container timeout 60 systemctl start smarketd > /dev/null 2>&1 && unit_property smarketd ActiveState)
    status=$(unit_property smarketd ExecMainStatus)
    in_container systemctl stop smarketd > /dev/null 2>&1
    in_container systemctl reset-failed smarketd > /dev/null 2>&1
    if [ "$state" = active ]; then
        pass "smarketd binary runs inside the sandbox (active)"
    elif [ -n "$status" ] && [ "$status" -lt 200 ] && [ "$status" != 0 ]; then
        pass "smarketd binary runs inside the sandbox (exit status $status)"
    else
        fail "smarketd binary runs inside the sandbox" "ActiveState '$state', exit status $status"
    fi
}

# Checks that the sandboxed service can read and move a file that a member of the drop group left
# readable to that group only, as the daemon must. A drop-in turns smarketd.service into a oneshot
# shell command, so the command runs with the unit's user, groups and sandboxing.
check_drop_group_access() {
    local inbox=/var/spool/smarketd/web
    in_container bash -c "
        printf 'email\nprobe@example.com\n' > $inbox/probe.csv
        chown nobody $inbox/probe.csv
        chmod 0640 $inbox/probe.csv
        mkdir -p /run/systemd/system/smarketd.service.d
        printf '[Service]\nType=oneshot\nWatchdogSec=0\nExecStart=\nExecStart=/bin/sh -c \"cat $inbox/probe.csv > /dev/null && mv $inbox/probe.csv $inbox/probe.moved\"\n' \
            > /run/systemd/system/smarketd.service.d/probe.conf
        systemctl daemon-reload" > /dev/null 2>&1
    in_container timeout 60 systemctl start smarketd > /dev/null 2>&1
    local status group
    status=$(unit_property smarketd ExecMainStatus)
    group=$(in_container stat -c %G "$inbox/probe.moved" 2>&1)
    in_container bash -c "
        rm -f /run/systemd/system/smarketd.service.d/probe.conf $inbox/probe.csv $inbox/probe.moved
        systemctl daemon-reload
        systemctl reset-failed smarketd" > /dev/null 2>&1
    if [ "$status" = 0 ] && [ "$group" = smarketd-drop ]; then
        pass "sandboxed unit reads and moves a group-only dropped file"
    else
        fail "sandboxed unit reads and moves a group-only dropped file" "exit status $status, moved file group '$group'"
    fi
}

# Runs the journal tests that need a running journald from the debug test bundle inside the
# container: they send native entries and read them back with journalctl.
check_native_journal() {
    local bundle="$ROOT/.build/debug/smarketdPackageTests.xctest"
    if [ ! -x "$bundle" ]; then
        fail "native journal entries read back" "$bundle is missing: run 'swift build --build-tests'"
        return
    fi
    local output
    if output=$(in_container bash -c "cd '$ROOT' && '$bundle' --testing-library swift-testing --filter JournalNativeTests" 2>&1) &&
        [[ "$output" == *"nativeEntryReadsBack() passed"* ]]; then
        pass "native journal entries read back (JournalNativeTests)"
    else
        fail "native journal entries read back (JournalNativeTests)" "$(echo "$output" | grep -E 'passed|failed|skipped|Expectation' | tail -n 5)"
    fi
}

# --- Checks of a running daemon ---

check_start() {
    local unit=$1
    if in_container timeout 120 systemctl start "$unit" > "$WORK/start.log" 2>&1 &&
        [ "$(unit_property "$unit" ActiveState)" = active ]; then
        pass "$unit starts and reports READY=1"
    else
        fail "$unit starts and reports READY=1" "$(tail -n 3 "$WORK/start.log"; in_container journalctl -u "$unit" -n 5 --no-pager 2>&1)"
        return 1
    fi
}

check_dropped_file() {
    # A real export from the corpus, dropped as writers should: a temporary name, then a rename.
    local name="hubspot-contacts-$$.csv"
    local corpus="$ROOT/Tests/Fixtures/corpus/hubspot-contacts.csv"
    in_container bash -c "
        cp '$corpus' '/var/spool/smarketd/web/.$name.part'
        mv '/var/spool/smarketd/web/.$name.part' '/var/spool/smarketd/web/$name'"
    if wait_for 150 in_container test -f "/var/spool/smarketd/web/processed/$name"; then
        pass "dropped corpus file ends in processed/"
    else
        fail "dropped corpus file ends in processed/" "$(in_container ls -la /var/spool/smarketd/web 2>&1 | tail -n 5; in_container journalctl -u smarketd -n 5 --no-pager 2>&1)"
    fi

    local filter=".MESSAGE_ID == \"$FILE_PROCESSED_ID\" and .FILE_NAME == \"$name\" and .INBOX == \"web\" and (.ROWS_ACCEPTED | tonumber) > 0"
    if wait_for 50 bash -c "nsenter --target $LEADER --all journalctl -u smarketd -o json --no-pager | jq -e 'select($filter)' > /dev/null"; then
        pass "journal has fileProcessed with FILE_NAME, INBOX, ROWS_ACCEPTED"
    else
        fail "journal has fileProcessed with FILE_NAME, INBOX, ROWS_ACCEPTED" "$(in_container journalctl -u smarketd -o json --no-pager 2>&1 | jq -c '{MESSAGE_ID, MESSAGE, FILE_NAME, INBOX}' 2>&1 | tail -n 3)"
    fi

    local leaked
    leaked=$(in_container journalctl -u smarketd -o json --no-pager 2>&1 |
        grep -i -o -F -f <(grep -o -i -E '[a-z0-9._%+-]+@[a-z0-9.-]+\.[a-z]+' "$corpus") | head -n 3)
    if [ -z "$leaked" ]; then
        pass "journal holds no email address of the dropped file"
    else
        fail "journal holds no email address of the dropped file" "found: $leaked"
    fi

    # grep -q would stop reading at the first match, and with pipefail the SIGPIPE that journalctl then
    # gets fails the check, so these greps read the whole output.
    if in_container journalctl -x -u smarketd --no-pager 2>&1 | grep -c "Defined-By: smarketd" > /dev/null; then
        pass "journalctl -x shows catalog text"
    else
        fail "journalctl -x shows catalog text" "no 'Defined-By: smarketd' in journalctl -x -u smarketd"
    fi

    # The maintenance timer writes the metrics file a second after start and then every minute.
    if wait_for 50 in_container grep -q '^smarketd_leads{stage="lead"}' /var/lib/smarketd/smarketd.prom; then
        pass "metrics file of the installed configuration is written"
    else
        fail "metrics file of the installed configuration is written" "$(in_container ls -la /var/lib/smarketd 2>&1 | tail -n 5)"
    fi
}

# Waits up to five seconds for the unit's StatusText to differ from $2 and prints it.
changed_status() {
    local unit=$1 before=$2 after
    for ((i = 0; i < 50; i++)); do
        after=$(unit_property "$unit" StatusText)
        if [ "$after" != "$before" ]; then
            break
        fi
        sleep 0.1
    done
    echo "$after"
}

check_reload() {
    local unit=$1 before after
    if [ "$MODE" = daemon ]; then
        # A changed monthly MQL target shows in the status line once the reload applied it.
        in_container sed -i 's/mql_per_month: 50/mql_per_month: 40/' /etc/smarketd/smarketd.yaml
    fi
    before=$(unit_property "$unit" StatusText)
    if ! in_container timeout 60 systemctl reload "$unit" > "$WORK/reload.log" 2>&1; then
        fail "reload changes StatusText" "systemctl reload failed: $(tail -n 2 "$WORK/reload.log")"
        return
    fi
    after=$(changed_status "$unit" "$before")
    if [ "$after" != "$before" ] && [ "$(unit_property "$unit" ActiveState)" = active ]; then
        pass "reload changes StatusText ($before -> $after)"
    else
        fail "reload changes StatusText" "before '$before', after '$after'"
    fi
    if [ "$MODE" != daemon ]; then
        return
    fi

    if [[ "$after" == *" of 40)"* ]] &&
        in_container journalctl -u "$unit" --no-pager 2>&1 | grep -c "configuration change in thresholds: sla.marketing.mql_per_month 50 -> 40" > /dev/null; then
        pass "reload applies and journals the changed MQL target"
    else
        fail "reload applies and journals the changed MQL target" "StatusText '$after'; $(in_container journalctl -u "$unit" -n 3 --no-pager 2>&1)"
    fi

    # A broken file is rejected: the daemon keeps running and shows the rejection in its status line.
    in_container bash -c 'cp /etc/smarketd/smarketd.yaml /run/smarketd-good.yaml && echo "bogus_key: 1" >> /etc/smarketd/smarketd.yaml'
    before=$after
    in_container timeout 60 systemctl reload "$unit" > /dev/null 2>&1
    after=$(changed_status "$unit" "$before")
    if [[ "$after" == *"reload rejected"* ]] && [ "$(unit_property "$unit" ActiveState)" = active ]; then
        pass "reload of a broken file keeps running and says so"
    else
        fail "reload of a broken file keeps running and says so" "StatusText '$after', ActiveState $(unit_property "$unit" ActiveState)"
    fi
    in_container bash -c 'cp /run/smarketd-good.yaml /etc/smarketd/smarketd.yaml'
    in_container timeout 60 systemctl reload "$unit" > /dev/null 2>&1
}

check_watchdog() {
    local unit=$1
    in_container bash -c "
        mkdir -p /run/systemd/system/$unit.d
        printf '[Service]\nWatchdogSec=3s\nLimitCORE=0\nRestartSec=1s\nTimeoutAbortSec=5s\n' \
            > /run/systemd/system/$unit.d/watchdog-test.conf
        systemctl daemon-reload"
    if ! in_container timeout 120 systemctl restart "$unit" > /dev/null 2>&1; then
        fail "watchdog keeps a healthy daemon running" "restart with WatchdogSec=3s failed"
        return
    fi
    local restarts
    restarts=$(unit_property "$unit" NRestarts)
    sleep 5
    if [ "$(unit_property "$unit" NRestarts)" = "$restarts" ] &&
        [ "$(unit_property "$unit" ActiveState)" = active ]; then
        pass "watchdog keeps a healthy daemon running"
    else
        fail "watchdog keeps a healthy daemon running" "NRestarts went from $restarts to $(unit_property "$unit" NRestarts) without a fault"
        return
    fi

    local main_pid
    main_pid=$(unit_property "$unit" MainPID)
    in_container kill -STOP "$main_pid"
    if wait_for 300 bash -c "[ \"\$(nsenter --target $LEADER --all systemctl show -p NRestarts --value $unit)\" -gt $restarts ]" &&
        in_container journalctl -u "$unit" --no-pager 2>&1 | grep -c "Failed with result 'watchdog'" > /dev/null; then
        pass "watchdog restarts a stopped daemon (NRestarts $restarts -> $(unit_property "$unit" NRestarts), result watchdog)"
    else
        fail "watchdog restarts a stopped daemon" "NRestarts $(unit_property "$unit" NRestarts), $(in_container journalctl -u "$unit" -n 3 --no-pager 2>&1)"
    fi
    wait_for 300 bash -c "[ \"\$(nsenter --target $LEADER --all systemctl show -p ActiveState --value $unit)\" = active ]"
}

check_stop() {
    local unit=$1
    in_container timeout 60 systemctl stop "$unit" > /dev/null 2>&1
    local result state status
    result=$(unit_property "$unit" Result)
    state=$(unit_property "$unit" ActiveState)
    status=$(unit_property "$unit" ExecMainStatus)
    if [ "$result" = success ] && [ "$state" = inactive ]; then
        pass "stop ends with Result=success"
    else
        fail "stop ends with Result=success" "Result=$result ActiveState=$state"
    fi
    if [ "$status" = 0 ]; then
        pass "daemon exits 0 on SIGTERM"
    else
        fail "daemon exits 0 on SIGTERM" "ExecMainStatus=$status"
    fi
}

# --- The stand-in daemon ---

# Installs smarketd-standin.service: a Python notify daemon with the same reload, watchdog and stop
# behaviour that smarketd promises, so the daemon checks can run while smarketd cannot.
install_standin() {
    in_container bash -c 'cat > /usr/local/lib/smarketd-standin.py' << 'PYTHON'
import os, signal, socket, sys, time

address = os.environ["NOTIFY_SOCKET"]
if address.startswith("@"):
    address = "\0" + address[1:]
notify_socket = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
reloads = 0
stopping = False

def notify(message):
    notify_socket.sendto(message.encode(), address)

def on_hangup(signum, frame):
    global reloads
    reloads += 1
    monotonic_usec = time.clock_gettime_ns(time.CLOCK_MONOTONIC) // 1000
    notify(f"RELOADING=1\nMONOTONIC_USEC={monotonic_usec}")
    notify(f"READY=1\nSTATUS=stand-in reloaded {reloads} times")

def on_terminate(signum, frame):
    global stopping
    stopping = True

signal.signal(signal.SIGHUP, on_hangup)
signal.signal(signal.SIGTERM, on_terminate)
notify("READY=1\nSTATUS=stand-in running")
interval = int(os.environ.get("WATCHDOG_USEC", "2000000")) / 2_000_000
while not stopping:
    notify("WATCHDOG=1")
    time.sleep(min(interval, 0.5))
notify("STOPPING=1")
sys.exit(0)
PYTHON
    in_container bash -c 'cat > /etc/systemd/system/smarketd-standin.service' << 'UNIT'
[Unit]
Description=Stand-in notify daemon for the smarketd system test

[Service]
Type=notify
ExecStart=/usr/bin/python3 /usr/local/lib/smarketd-standin.py
ExecReload=kill -HUP $MAINPID
WatchdogSec=30s
Restart=on-failure
UNIT
    in_container systemctl daemon-reload
}

# --- Main ---

if [ "$(id -u)" != 0 ]; then
    echo "run.sh needs root: it mounts file systems and boots a container" >&2
    exit 77
fi
# systemd-nspawn and jq; the script leaves out the recommended libnss-mymachines, which would
# edit /etc/nsswitch.conf.
"$ROOT/scripts/install-deps.sh" systemd-container jq > "$WORK/apt.log" 2>&1 || {
    echo "installing systemd-container and jq failed:" >&2
    tail -n 5 "$WORK/apt.log" >&2
    exit 1
}
if [ "${SMARKETD_SKIP_BUILD:-}" != 1 ]; then
    {
        make -s -C "$ROOT" -f Makefile.install release-static && (cd "$ROOT" && swift build --build-tests)
    } > "$WORK/build.log" 2>&1 || {
        echo "the release build failed:" >&2
        tail -n 20 "$WORK/build.log" >&2
        exit 1
    }
fi

trap cleanup EXIT
trap 'exit 130' INT TERM

check_exposure
if ! start_container; then
    fail "container boots" "systemd-nspawn did not start"
    echo "$PASSED passed, $FAILED failed"
    exit 1
fi
if wait_for 300 is_booted; then
    pass "container boots ($(in_container systemctl is-system-running 2>&1))"
else
    fail "container boots" "systemctl is-system-running: $(in_container systemctl is-system-running 2>&1)"
    echo "$PASSED passed, $FAILED failed"
    exit 1
fi

check_native_journal
check_install
check_packaging
check_drop_group_access
if [ "$MODE" = standin ]; then
    check_sandboxed_binary
    install_standin
    UNIT=smarketd-standin.service
else
    UNIT=smarketd.service
fi
if check_start "$UNIT"; then
    if [ "$MODE" = daemon ]; then
        check_dropped_file
    fi
    check_reload "$UNIT"
    check_watchdog "$UNIT"
    check_stop "$UNIT"
fi

echo "$PASSED passed, $FAILED failed"
[ "$FAILED" = 0 ]
