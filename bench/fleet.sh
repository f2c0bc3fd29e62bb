#!/usr/bin/env bash
# bench/fleet.sh — fan-out of one model to N servers: model-sync pushing to each in turn vs one
# `push <model> @fleet` (parallel), in one run, alternating, RUNS rounds, medians and min–max.
#
# The N "servers" are N aliases on one private sshd on 127.0.0.1, each with its own model_base, so every
# target has its own ssh connection, lock, stage and verification, as N machines would. The link is
# loopback (unlimited): this measures what running the pushes side by side saves, not a slow uplink.
#
# Usage:   bench/fleet.sh                  # SIZE=256 MiB, N=8 servers, RUNS=3
# Env:     SIZE (MiB)  N (servers)  RUNS  BENCH_WORK (default /tmp/msbench-fleet)  RESULTS (default
#          bench/FLEET.md)
# Writes RESULTS (a table and the ratio against issue 6's target). All traffic is loopback.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
WORK="${BENCH_WORK:-/tmp/msbench-fleet}"
RESULTS="${RESULTS:-$ROOT/bench/FLEET.md}"
SIZE="${SIZE:-256}"
N="${N:-8}"
RUNS="${RUNS:-3}"
MS="$ROOT/scripts/model-sync.sh"

log() { printf 'fleet: %s\n' "$*" >&2; }
die() { printf 'fleet: error: %s\n' "$*" >&2; exit 1; }

for tool in /usr/sbin/sshd ssh ssh-keygen rsync; do
    command -v "$tool" >/dev/null 2>&1 || die "$tool is missing — run scripts/test.sh once (it installs openssh-server and rsync)"
done

rm -rf "$WORK" && mkdir -p "$WORK/home" "$WORK/sshd" "$WORK/model/1"
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
cat > "$WORK/sshd/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $PORT
HostKey $WORK/sshd/host_key
PidFile $WORK/sshd/sshd.pid
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
printf '[127.0.0.1]:%s %s\n' "$PORT" "$(cut -d' ' -f1,2 "$WORK/sshd/host_key.pub")" > "$WORK/sshd/known_hosts"
/usr/sbin/sshd -D -e -f "$WORK/sshd/sshd_config" 2>> "$WORK/sshd/sshd.log" &
SSHD_PID=$!
trap 'kill "$SSHD_PID" 2>/dev/null || true' EXIT
sleep 0.5

CFG="$WORK/model-sync.yaml"
{
    echo "servers:"
    for i in $(seq 1 "$N"); do
        mkdir -p "$WORK/server$i"
        cat <<EOF
  f$i:
    host: 127.0.0.1
    user: '$(id -un)'
    port: $PORT
    model_base: '$WORK/server$i'
    ssh_key: '$WORK/sshd/client_key'
    ssh_options:
      UserKnownHostsFile: '$WORK/sshd/known_hosts'
      StrictHostKeyChecking: "yes"
EOF
    done
    echo "groups:"
    printf '  fleet: [%s]\n' "$(seq -s ', ' -f 'f%g' 1 "$N")"
} > "$CFG"

"$MS" --config "$CFG" servers --check >/dev/null || die "the servers do not answer; see $WORK/sshd/sshd.log"

clear_targets() { for i in $(seq 1 "$N"); do rm -rf "${WORK:?}/server$i/model"; done; sync; sleep 2; }
now() { echo "$EPOCHREALTIME"; }
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }

declare -a SEQ=() PAR=()
for round in $(seq 1 "$RUNS"); do
    for method in seq par; do
        clear_targets
        start=$(now)
        if [ "$method" = seq ]; then
            for i in $(seq 1 "$N"); do "$MS" --config "$CFG" push "$WORK/model" "f$i" --quiet >/dev/null; done
            SEQ+=("$(elapsed "$start" "$(now)")")
        else
            "$MS" --config "$CFG" push "$WORK/model" @fleet --parallel "$N" --quiet >/dev/null
            PAR+=("$(elapsed "$start" "$(now)")")
        fi
        for i in $(seq 1 "$N"); do
            cmp -s "$WORK/model/1/model.onnx" "$WORK/server$i/model/1/model.onnx" || die "$method round $round: f$i has no complete copy"
        done
        log "round $round $method: ${SEQ[-1]:-} ${PAR[-1]:-}"
    done
done

median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
range() { printf '%s\n' "$@" | sort -n | sed -n '1p;$p' | paste -sd '–' -; }
seq_med=$(median "${SEQ[@]}")
par_med=$(median "${PAR[@]}")
ratio=$(awk -v a="$par_med" -v b="$seq_med" 'BEGIN { printf "%.2f", a / b }')
verdict=$(awk -v r="$ratio" 'BEGIN { print (r <= 0.6) ? "met" : "missed" }')

cat > "$RESULTS" <<EOF
# Fleet fan-out benchmark

Written by \`bench/fleet.sh\` on $(date -u '+%Y-%m-%d %H:%M UTC'): one ${SIZE} MiB model (18 files, random weights) to
$N servers, $RUNS rounds, methods alternating; targets emptied before every run; model-sync verifies every copy
(sha256). $(nproc) cores; load average at the end $(cut -d' ' -f1-3 /proc/loadavg). The servers are $N aliases
on one sshd on 127.0.0.1 (own model_base each): an unlimited link, so this measures running side by side.

| method | median s | min–max s |
|---|---:|---:|
| \`model-sync push\` to each server in turn | $seq_med | $(range "${SEQ[@]}") |
| \`model-sync push <model> @fleet --parallel $N\` | $par_med | $(range "${PAR[@]}") |

Parallel / sequential: **$ratio** (issue 6's target ≤ 0.6: $verdict).
EOF
log "wrote $RESULTS (parallel/sequential $ratio)"
