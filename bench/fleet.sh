#!/usr/bin/env bash
# bench/fleet.sh — fan-out of one model to N servers, two parts, each in one run, methods alternating, RUNS
# rounds, medians and min–max:
#   unlimited: model-sync pushing to each server in turn vs one `push <model> @fleet --parallel N`, on loopback;
#   limited:   the same two and `push <model> @fleet --relay`, with this machine's uplink limited to UPLINK_MBIT.
#
# The N "servers" are N aliases on one private sshd, each with its own model_base, so every target has its own
# ssh connection, lock, stage and verification, as N machines would. Unlimited: the sshd listens on 127.0.0.1.
# Limited: the sshd runs in a network namespace this script creates (10.211.0.2, a veth pair to this machine's
# 10.211.0.1) and `tc tbf` on this machine's end limits what this machine sends; server-to-server traffic (the
# relay's copies) stays inside the namespace, unlimited, as inside one data centre. The namespace and the veth
# pair are removed on exit. Without permission for `ip netns` (root or CAP_NET_ADMIN), the limited part is skipped.
#
# Usage:   bench/fleet.sh                  # SIZE=256 MiB, N=8 servers, RUNS=3, UPLINK_MBIT=200
# Env:     SIZE (MiB)  N (servers)  PARALLEL (--parallel, default N)  RUNS  UPLINK_MBIT  PARTS ("unlimited limited")  BENCH_WORK (default
#          /tmp/msbench-fleet)  RESULTS (default bench/FLEET.md)
# Writes RESULTS (tables and the ratios against issue 6's targets). Only loopback and the script's own
# namespace are ever addressed.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
WORK="${BENCH_WORK:-/tmp/msbench-fleet}"
RESULTS="${RESULTS:-$ROOT/bench/FLEET.md}"
SIZE="${SIZE:-256}"
N="${N:-8}"
PARALLEL="${PARALLEL:-$N}"
RUNS="${RUNS:-3}"
UPLINK_MBIT="${UPLINK_MBIT:-200}"
PARTS="${PARTS:-unlimited limited}"
NS="msfleet-$$"
VETH_HERE="msf$$h"
VETH_NS="msf$$n"
NET_HERE=10.211.0.1
NET_NS=10.211.0.2

log() { printf 'fleet: %s\n' "$*" >&2; }
die() { printf 'fleet: error: %s\n' "$*" >&2; exit 1; }

for tool in /usr/sbin/sshd ssh ssh-keygen rsync; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is missing — run scripts/test.sh once (it installs openssh-server and rsync)"
done

SSHD_PIDS=()
NS_MADE=""
cleanup() {
    for pid in "${SSHD_PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    if [ -n "$NS_MADE" ]; then
        ip link del "$VETH_HERE" 2>/dev/null || true
        ip netns del "$NS" 2>/dev/null || true
    fi
}
trap cleanup EXIT

rm -rf "$WORK" && mkdir -p "$WORK/home" "$WORK/sshd" "$WORK/model/1"

# One build for the whole run, copied out of the build cache: scripts/model-sync.sh rebuilds whenever src/
# changes, and a checkout edited mid-run would otherwise time two versions.
built="$(MODEL_SYNC_BUILD_DIR="$WORK/build" MODEL_SYNC_PRINT_BINARY=1 "$ROOT/scripts/model-sync.sh")" || die "building model-sync failed"
cp -r "$(dirname "$built")" "$WORK/tool"
MS="$WORK/tool/model-sync"
: > "$WORK/home/.bashrc"

# A Triton-like model: config, weights split over a few files, random bytes (incompressible).
printf 'name: "fleet"\nplatform: "onnxruntime_onnx"\n' > "$WORK/model/config.pbtxt"
head -c "$(( SIZE * 1024 * 1024 * 3 / 4 ))" /dev/urandom > "$WORK/model/1/model.onnx"
for i in $(seq 1 16); do head -c "$(( SIZE * 1024 * 1024 / 64 ))" /dev/urandom > "$WORK/model/1/shard-$i.bin"; done

ssh-keygen -q -t ed25519 -N '' -f "$WORK/sshd/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$WORK/sshd/client_key"
cp "$WORK/sshd/client_key.pub" "$WORK/sshd/authorized_keys"
[ "$(id -u)" -eq 0 ] && mkdir -p /run/sshd && chmod 0755 /run/sshd
PORT=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))

# start_sshd NAME ADDRESS [command prefix…]: an sshd for the N aliases on ADDRESS:PORT, its files under sshd/NAME.
start_sshd() {
    local name="$1" address="$2"; shift 2
    local dir="$WORK/sshd/$name"
    mkdir -p "$dir"
    cat > "$dir/sshd_config" <<EOF
ListenAddress $address
Port $PORT
HostKey $WORK/sshd/host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $WORK/sshd/authorized_keys
StrictModes no
UsePAM no
PasswordAuthentication no
PermitRootLogin prohibit-password
SetEnv HOME=$WORK/home
LogLevel ERROR
MaxSessions 100
MaxStartups 100:30:200
EOF
    printf '[%s]:%s %s\n' "$address" "$PORT" "$(cut -d' ' -f1,2 "$WORK/sshd/host_key.pub")" > "$dir/known_hosts"
    "$@" /usr/sbin/sshd -D -e -f "$dir/sshd_config" 2>> "$dir/sshd.log" &
    SSHD_PIDS+=("$!")
    sleep 0.5
}

# write_config NAME ADDRESS: N aliases f1…fN on ADDRESS:PORT and the group @fleet; each alias's direct: lets the
# others log in to it (same host key and client key: the servers share this machine's file system).
write_config() {
    local name="$1" address="$2" dir="$WORK/sshd/$1"
    {
        echo "servers:"
        for i in $(seq 1 "$N"); do
            mkdir -p "$WORK/$name-server$i"
            cat <<EOF
  f$i:
    host: $address
    user: '$(id -un)'
    port: $PORT
    model_base: '$WORK/$name-server$i'
    ssh_key: '$WORK/sshd/client_key'
    ssh_options:
      UserKnownHostsFile: '$dir/known_hosts'
      StrictHostKeyChecking: "yes"
    direct:
      ssh_options:
        UserKnownHostsFile: '$dir/known_hosts'
        StrictHostKeyChecking: "yes"
        IdentityFile: '$WORK/sshd/client_key'
        IdentitiesOnly: "yes"
EOF
        done
        echo "groups:"
        printf '  fleet: [%s]\n' "$(seq -s ', ' -f 'f%g' 1 "$N")"
    } > "$WORK/$name.yaml"
    "$MS" --config "$WORK/$name.yaml" servers --check >/dev/null || die "the $name servers do not answer; see $dir/sshd.log"
}

# make_namespace: the namespace, the veth pair and the uplink limit; false (with the reason) when not permitted.
make_namespace() {
    if ip -4 addr show 2>/dev/null | grep -q '10\.211\.0\.'; then log "10.211.0.0/24 is already in use here"; return 1; fi
    ip netns add "$NS" 2>/dev/null || { log "ip netns add is not permitted (needs root or CAP_NET_ADMIN)"; return 1; }
    NS_MADE=1
    ip link add "$VETH_HERE" type veth peer name "$VETH_NS" &&
    ip link set "$VETH_NS" netns "$NS" &&
    ip addr add "$NET_HERE/24" dev "$VETH_HERE" && ip link set "$VETH_HERE" up &&
    ip netns exec "$NS" ip addr add "$NET_NS/24" dev "$VETH_NS" &&
    ip netns exec "$NS" ip link set "$VETH_NS" up && ip netns exec "$NS" ip link set lo up &&
    tc qdisc add dev "$VETH_HERE" root tbf rate "${UPLINK_MBIT}mbit" burst 256kb latency 100ms ||
        { log "could not set up the veth pair or its tc limit"; return 1; }
}

now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
range() { printf '%s\n' "$@" | sort -n | awk 'NR == 1 { low = $1 } END { print low "–" $1 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r <= t) ? "met" : "missed" }'; }

# measure NAME METHOD…: RUNS rounds of the methods, alternating, each time into the array TIMES_<NAME>_<METHOD>.
measure() {
    local name="$1"; shift
    local cfg="$WORK/$name.yaml"
    for round in $(seq 1 "$RUNS"); do
        for method in "$@"; do
            for i in $(seq 1 "$N"); do rm -rf "${WORK:?}/$name-server$i/model"; done
            sync; sleep 2
            local start; start=$(now)
            case "$method" in
                seq) for i in $(seq 1 "$N"); do "$MS" --config "$cfg" push "$WORK/model" "f$i" --quiet >/dev/null; done ;;
                par) "$MS" --config "$cfg" push "$WORK/model" @fleet --parallel "$PARALLEL" --no-relay --quiet >/dev/null ;;
                relay) "$MS" --config "$cfg" push "$WORK/model" @fleet --parallel "$PARALLEL" --relay --quiet >/dev/null ;;
            esac
            local took; took=$(elapsed "$start" "$(now)")
            for i in $(seq 1 "$N"); do
                cmp -s "$WORK/model/1/model.onnx" "$WORK/$name-server$i/model/1/model.onnx" || die "$name $method round $round: f$i has no complete copy"
            done
            eval "TIMES_${name}_${method}+=(\"\$took\")"
            log "$name round $round $method: ${took}s"
        done
    done
}

row() { local label="$1" array="$2[@]"; printf '| %s | %s | %s |\n' "$label" "$(median "${!array}")" "$(range "${!array}")"; }

TIMES_unlimited_seq=() TIMES_unlimited_par=() TIMES_limited_seq=() TIMES_limited_par=() TIMES_limited_relay=()
UNLIMITED="" LIMITED="" SKIPPED=""
if [[ " $PARTS " == *" unlimited "* ]]; then
    start_sshd unlimited 127.0.0.1
    write_config unlimited 127.0.0.1
    measure unlimited seq par
    UNLIMITED=1
fi
if [[ " $PARTS " == *" limited "* ]]; then
    if make_namespace; then
        start_sshd limited "$NET_NS" ip netns exec "$NS"
        write_config limited "$NET_NS"
        measure limited seq par relay
        LIMITED=1
    else
        SKIPPED="The bandwidth-limited part was skipped: this machine does not allow the script its own network namespace."
        log "skipping the bandwidth-limited part"
    fi
fi

{
    cat <<EOF
# Fleet fan-out benchmark

Written by \`bench/fleet.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'): one ${SIZE} MiB model (18 files, random weights) to
$N servers, $RUNS rounds, methods alternating; targets emptied before every run; model-sync verifies every copy
(sha256). $(nproc) cores; load average at the end $(cut -d' ' -f1-3 /proc/loadavg). The servers are $N aliases
on one sshd (own model_base each).
EOF
    if [ -n "$UNLIMITED" ]; then
        par=$(ratio "$(median "${TIMES_unlimited_par[@]}")" "$(median "${TIMES_unlimited_seq[@]}")")
        cat <<EOF

## Unlimited link (sshd on 127.0.0.1): running side by side

| method | median s | min–max s |
|---|---:|---:|
$(row "\`model-sync push\` to each server in turn" TIMES_unlimited_seq)
$(row "\`model-sync push <model> @fleet --parallel $PARALLEL\`" TIMES_unlimited_par)

Parallel / sequential: **$par** (issue 6's target ≤ 0.6: $(verdict "$par" 0.6)).
EOF
    fi
    if [ -n "$LIMITED" ]; then
        seq_med=$(median "${TIMES_limited_seq[@]}")
        relay=$(ratio "$(median "${TIMES_limited_relay[@]}")" "$seq_med")
        cat <<EOF

## Uplink limited to $UPLINK_MBIT Mbit/s (sshd in a network namespace, tc tbf on this machine's side)

Server-to-server copies stay inside the namespace, unlimited, as inside one data centre.

| method | median s | min–max s |
|---|---:|---:|
$(row "\`model-sync push\` to each server in turn" TIMES_limited_seq)
$(row "\`model-sync push <model> @fleet --parallel $PARALLEL\`" TIMES_limited_par)
$(row "\`model-sync push <model> @fleet --parallel $PARALLEL --relay\`" TIMES_limited_relay)

Relay / sequential: **$relay** (issue 6's target ≤ 0.35: $(verdict "$relay" 0.35)); parallel / sequential on this
link: $(ratio "$(median "${TIMES_limited_par[@]}")" "$seq_med") (the uplink is shared, so running side by side gains little).
EOF
    fi
    if [ -n "$SKIPPED" ]; then printf '\n%s\n' "$SKIPPED"; fi
} > "$RESULTS"
log "wrote $RESULTS"
