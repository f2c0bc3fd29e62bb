#!/usr/bin/env bash
# bench/wan.sh — model-sync against `rsync -a` over ssh with latency (issue 13, point 5).
#
# These machines have no netem, so the latency comes from bench/latency-proxy: a relay on 127.0.0.1 that holds
# every chunk LATENCY_MS in each direction (RTT = 2 × LATENCY_MS), each TCP connection on its own, without
# capping throughput itself (optionally paced to RATE_MBIT per direction). The private sshd of bench/lib.sh sits
# behind it; model-sync's alias `wan` and rsync's `-e ssh -p` both point at the proxy's port, with the same key
# and options. One run:
#   1. builds model-sync as users get it (lib.sh) and the proxy (outside the repository's build settings);
#   2. makes the data sets under the work dir (random bytes; reused when SIZE_PCT and this script are unchanged);
#   3. starts sshd and the proxy (both stopped on exit) and checks the proxy really delays: `ssh host true`
#      without connection sharing, through it and direct;
#   4. per case, RUNS rounds, model-sync and rsync alternating (the order rotates every round); before every
#      write-heavy run the target is removed, then `sync; sleep SETTLE`; model-sync runs with its defaults
#      (verification on);
#   5. writes RESULTS (default bench/WAN.md): case, medians, ratio, the issue's target, met/missed; raw logs in
#      bench/raw-wan/.
#
# Usage:   bench/wan.sh                          # full run: 50 ms RTT, RUNS=3
#          SIZE_PCT=10 RUNS=1 bench/wan.sh       # quick check: the big data sets at a tenth of their size
#          bench/wan.sh --report                 # rewrite RESULTS from bench/raw-wan/ without measuring
# Env:     LATENCY_MS (one way, default 25)  RATE_MBIT (per direction, default 0 = unlimited)  RUNS (3)
#          SETTLE (s, 3)  SIZE_PCT (percent of the issue's sizes for the big data sets, default 100)
#          COLD_8G=1 (adds the cold-cache no-op of an 8 GiB model; needs 24 GiB more disk: the data, two copies)
#          CASES (comma list, default all: small_first,m256_first,g1_first,small_noop,small_diff,version,cold_g1,cold_g8)
#          BENCH_WORK (default /tmp/msbench-wan)  RESULTS (default bench/WAN.md)  BENCH_NOTE (free text)
# All traffic is loopback (127.0.0.1).
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
BENCH="$ROOT/bench"
RAW="$BENCH/raw-wan"
RESULTS="${RESULTS:-$BENCH/WAN.md}"
WORK="${BENCH_WORK:-/tmp/msbench-wan}"
LATENCY_MS="${LATENCY_MS:-25}"
RATE_MBIT="${RATE_MBIT:-0}"
SIZE_PCT="${SIZE_PCT:-100}"
COLD_8G="${COLD_8G:-}"
WAN_CASES="${CASES:-}"
PREV=RTX3090_N2501_ASR_250715
NEXT=RTX3090_N2501_ASR_250820

# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"

check_settings
[[ "$LATENCY_MS" =~ ^[0-9]+$ ]] || die "LATENCY_MS must be a whole number of milliseconds"
[[ "$RATE_MBIT" =~ ^[0-9]+$ ]] || die "RATE_MBIT must be a whole number (0 = unlimited)"
[[ "$SIZE_PCT" =~ ^[0-9]+$ && "$SIZE_PCT" -ge 1 && "$SIZE_PCT" -le 100 ]] || die "SIZE_PCT must be 1..100"

# ------------------------------------------------------------------------------------------ report

# shellcheck source=bench/wan-report.sh
. "$BENCH/wan-report.sh"

take_arguments "$@"

# ------------------------------------------------------------------------------------------ setup

# shellcheck source=bench/wan-data.sh
. "$BENCH/wan-data.sh"

build_proxy() {
    local src="$WORK/latency-proxy/src" bin="$WORK/latency-proxy/bin" want
    want="$(cat "$BENCH"/latency-proxy/*.cs "$BENCH"/latency-proxy/*.csproj | sha256sum | cut -c1-16)"
    PROXY="$bin/latency-proxy"
    if [ -x "$PROXY" ] && [ "$(cat "$WORK/latency-proxy/.stamp" 2>/dev/null)" = "$want" ]; then return 0; fi
    log "building bench/latency-proxy"
    rm -rf "$WORK/latency-proxy" && mkdir -p "$src"
    cp "$BENCH"/latency-proxy/*.cs "$BENCH"/latency-proxy/*.csproj "$src/"
    dotnet build "$src" -c Release -o "$bin" -nologo > "$RAW/proxy-build.log" 2>&1 ||
        { tail -n 20 "$RAW/proxy-build.log" >&2; die "building bench/latency-proxy failed"; }
    printf '%s\n' "$want" > "$WORK/latency-proxy/.stamp"
}

start_proxy() {
    : > "$RAW/proxy.port"
    "$PROXY" 0 "$PORT" "$LATENCY_MS" "$RATE_MBIT" "$$" > "$RAW/proxy.port" 2> "$RAW/proxy.log" &
    PROXY_PID=$!
    local i
    for i in $(seq 1 100); do
        PROXY_PORT="$(sed -n 's/^listening //p' "$RAW/proxy.port")"
        [ -n "$PROXY_PORT" ] && { log "latency proxy: 127.0.0.1:$PROXY_PORT → $PORT, $LATENCY_MS ms each way (pid $PROXY_PID)"; return 0; }
        kill -0 "$PROXY_PID" 2>/dev/null || break
        sleep 0.1
    done
    cat "$RAW/proxy.log" >&2
    die "the latency proxy did not start"
}

stop_proxy() {
    if [ -n "${PROXY_PID:-}" ]; then
        kill "$PROXY_PID" 2>/dev/null || true
        wait "$PROXY_PID" 2>/dev/null || true
        PROXY_PID=
    fi
}

write_configs() {
    S="$WORK/server"
    rm -rf "$S" && mkdir -p "$S"
    export XDG_CACHE_HOME="$WORK/xdg-cache"
    HASHES="$XDG_CACHE_HOME/model-sync/hashes"
    # The proxy's port is another "host" to ssh: the same host key, known under both ports.
    printf '[127.0.0.1]:%s %s\n' "$PROXY_PORT" "$(cut -d' ' -f1,2 "$SSHD_DIR/host_key.pub")" >> "$KNOWN"
    CFG="$WORK/model-sync.yaml"
    local alias port
    {
        printf '# Written by bench/wan.sh: `wan` goes through the latency proxy, `lo` straight to the sshd.\nservers:\n'
        for alias in wan lo; do
            port=$PORT
            [ "$alias" = wan ] && port=$PROXY_PORT
            cat <<EOF
  $alias:
    host: 127.0.0.1
    user: '$USER_NAME'
    port: $port
    model_base: '$S'
    ssh_key: '$KEY'
    ssh_options:
      UserKnownHostsFile: '$KNOWN'
      GlobalKnownHostsFile: /dev/null
      StrictHostKeyChecking: "yes"
      IdentitiesOnly: "yes"
EOF
        done
    } > "$CFG"
    SSH_WAN="${SSH_OPTS/-p $PORT /-p $PROXY_PORT }"
    REMOTE="$USER_NAME@127.0.0.1"
    MSX="$MS --config $CFG --json"
}

# Median seconds of 5 `ssh host true` without connection sharing, through the proxy and direct, alternating.
check_latency() {
    local i t0 via line
    for i in 1 2 3 4 5 6; do
        for via in proxy direct; do
            local opts="$SSH_OPTS"
            [ "$via" = proxy ] && opts="$SSH_WAN"
            t0=$EPOCHREALTIME
            # shellcheck disable=SC2086
            ssh $opts -o ControlPath=none "$REMOTE" true || die "ssh host true ($via) failed"
            # The first round warms the proxy's JIT and sshd; it is not counted.
            [ "$i" -gt 1 ] && awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.4f\n", b - a }' >> "$RAW/check.$via"
        done
    done
    local mp md
    mp="$(sort -n "$RAW/check.proxy" | sed -n 3p)"
    md="$(sort -n "$RAW/check.direct" | sed -n 3p)"
    line="$(awk -v p="$mp" -v d="$md" -v l="$LATENCY_MS" 'BEGIN {
        x = (p - d) * 1000; printf "`ssh -o ControlPath=none host true` (median of 5): %.0f ms through the proxy, %.0f ms direct, %.0f ms more = %.1f RTTs of %d ms; ", p * 1000, d * 1000, x, x / (2 * l), 2 * l
        if (x >= 4 * l) printf "at least 4 × LATENCY_MS = %d ms: the proxy delays as configured.", 4 * l; else printf "LESS THAN 4 × LATENCY_MS = %d ms: the proxy is not delaying as configured.", 4 * l }')"
    printf 'check=%s\n' "$line" >> "$RAW/meta"
    log "$line"
}

# ------------------------------------------------------------------------------------------ methods
# def CASE METHOD LABEL PREP CLEAR TARGET SOURCE COMMAND
#   PREP: fresh (rm -rf CLEAR, its parent made, settle) | keep (target stays) | cold (keep + remove the local hash cache)
declare -A PREP CLEAR TARGET SOURCE CMD
declare -a ORDER=()
declare -A METHODS

def() {
    local k="$1/$2"
    [[ " ${ORDER[*]} " == *" $1 "* ]] || ORDER+=("$1")
    METHODS[$1]="${METHODS[$1]:-} $2"
    PREP[$k]="$4"; CLEAR[$k]="$5"; TARGET[$k]="$6"; SOURCE[$k]="$7"; CMD[$k]="$8"
    printf 'label.%s.%s=%s\n' "$1" "$2" "$3" >> "$RAW/meta"
    printf 'cmd.%s/%s=%s\n' "$1" "$2" "$8" >> "$RAW/meta"
}

define_methods() {
    local rs="rsync -a --stats -e 'ssh $SSH_WAN'" rl="rsync -a --stats -e 'ssh $SSH_OPTS'" c
    for c in small_first m256_first g1_first; do
        local src="$D/${c%_first}"
        def "$c" ms "model-sync push" fresh "$S/$c/ms/model" "$S/$c/ms/model" "$src" "$MSX push $src wan:$c/ms/model"
        def "$c" rsync "rsync -a" fresh "$S/$c/rsync/model" "$S/$c/rsync/model" "$src" "$rs $src/ $REMOTE:$S/$c/rsync/model/"
    done
    def small_noop ms "model-sync push (no-op)" keep "" "$S/small_noop/ms/model" "$D/small" "$MSX push $D/small wan:small_noop/ms/model"
    def small_noop rsync "rsync -a (no-op)" keep "" "$S/small_noop/rsync/model" "$D/small" "$rs $D/small/ $REMOTE:$S/small_noop/rsync/model/"
    def small_diff ms "model-sync diff" keep "" "" "$D/small" "$MSX diff $D/small wan:small_diff/model"
    def small_diff rsync "rsync -ani" keep "" "" "$D/small" "rsync -ani -e 'ssh $SSH_WAN' $D/small/ $REMOTE:$S/small_diff/model/"
    def version ms "model-sync push ($PREV on the target)" fresh "$S/version/ms/$NEXT" "$S/version/ms/$NEXT" "$D/$NEXT" "$MSX push $D/$NEXT wan:version/ms/$NEXT"
    def version rsync "rsync -a --copy-dest=../$PREV" fresh "$S/version/rsync/$NEXT" "$S/version/rsync/$NEXT" "$D/$NEXT" "$rs --copy-dest=../$PREV $D/$NEXT/ $REMOTE:$S/version/rsync/$NEXT/"
    def cold_g1 ms "model-sync push (no-op, hash cache removed), loopback" cold "" "$S/cold_g1/ms/model" "$D/g1" "$MSX push $D/g1 lo:cold_g1/ms/model"
    def cold_g1 rsync "rsync -a (no-op), loopback" keep "" "$S/cold_g1/rsync/model" "$D/g1" "$rl $D/g1/ $REMOTE:$S/cold_g1/rsync/model/"
    if [ -n "$COLD_8G" ]; then
        def cold_g8 ms "model-sync push (no-op, hash cache removed), loopback" cold "" "$S/cold_g8/ms/model" "$G8" "$MSX push $G8 lo:cold_g8/ms/model"
        def cold_g8 rsync "rsync -a (no-op), loopback" keep "" "$S/cold_g8/rsync/model" "$G8" "$rl $G8/ $REMOTE:$S/cold_g8/rsync/model/"
    fi
}

# Untimed set-up of a case's targets (over loopback, it is not measured).
seed_case() {
    local c="$1" rl="rsync -a -e 'ssh $SSH_OPTS'"
    case "$c" in
        small_noop | cold_g1 | cold_g8)
            local src="$D/small"
            [ "$c" = cold_g1 ] && src="$D/g1"
            [ "$c" = cold_g8 ] && src="$G8"
            seed "$c.ms" push "$src" "lo:$c/ms/model"
            mkdir -p "$S/$c/rsync" && bash -c "$rl $src/ $REMOTE:$S/$c/rsync/model/" ;;
        small_diff) seed "$c" push "$D/small" lo:small_diff/model ;;
        version)
            seed "$c.ms" push "$D/$PREV" "lo:version/ms/$PREV"
            mkdir -p "$S/version/rsync" && bash -c "$rl $D/$PREV/ $REMOTE:$S/version/rsync/$PREV/" ;;
    esac
}

# ------------------------------------------------------------------------------------------ measuring

prepare() {
    local k="$1"
    case "${PREP[$k]}" in
        fresh) rm -rf "${CLEAR[$k]}" && mkdir -p "$(dirname "${CLEAR[$k]}")" && sync && sleep "$SETTLE" ;;
        cold) rm -rf "$HASHES" ;;
        keep) ;;
    esac
}

check_run() { # check_run KEY OUTFILE
    local k="$1" out="$2" words=()
    case "${CMD[$k]}" in
        "$MSX diff "*) if grep -q '"new": *0' "$out" && grep -q '"modified": *0' "$out"; then words+=("in sync"); else words+=("NOT IN SYNC"); fi ;;
        "$MSX "*) if grep -q '"verified": *true' "$out"; then words+=("verified"); else words+=("NOT VERIFIED"); fi ;;
        "rsync -ani "*) if [ -s "$out" ]; then words+=("REPORTS CHANGES"); else words+=("in sync"); fi ;;
    esac
    if [ -n "${TARGET[$k]}" ]; then
        if [ "$(tree_sig "${SOURCE[$k]}")" = "$(tree_sig "${TARGET[$k]}")" ]; then words+=("tree ok"); else words+=("TREE DIFFERS"); fi
        if diff -rq --exclude=.model-sync-manifest.json "${SOURCE[$k]}" "${TARGET[$k]}" > /dev/null 2>&1; then words+=("same bytes"); else words+=("BYTES DIFFER"); fi
    fi
    local s="" w
    for w in "${words[@]}"; do s="${s:+$s, }$w"; done
    printf '%s' "${s:-ok}"
}

wire_bytes() {
    case "${CMD[$1]}" in
        "$MSX "*) sed -n 's/.*"bytes_sent": *\([0-9][0-9]*\).*/\1/p' "$2" | head -n 1 ;;
        rsync*) sed -n 's/^Total bytes sent: *//p' "$2" | tr -d ',' ;;
    esac
}

run_one() { # run_one CASE METHOD RUN
    local k="$1/$2" conns0 conns
    prepare "$k"
    conns0="$(grep -c ' open$' "$RAW/proxy.log" || true)"
    timed_run "$k" "$RAW/$1.$2.$3"
    conns=$(( $(grep -c ' open$' "$RAW/proxy.log" || true) - conns0 ))
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$RUN_SECS" "${RUN_RSS:-0}" "$RUN_BYTES" "$RUN_RC" "$RUN_CHECK" "$conns" >> "$RAW/results.tsv"
    printf '  %-11s %-6s run %s: %8.3f s  bytes %-12s conns %-3s %s\n' "$1" "$2" "$3" "$RUN_SECS" "${RUN_BYTES:--}" "$conns" "$RUN_CHECK" >&2
}

run_case() {
    local c="$1" methods m r ordered
    read -r -a methods <<< "${METHODS[$c]}"
    log "case $c: ${methods[*]} × $RUNS round(s)"
    seed_case "$c"
    for m in "${methods[@]}"; do find "${SOURCE[$c/$m]}" -type f -print0 | xargs -0 -r cat > /dev/null; done
    printf 'load.%s=%s\n' "$c" "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$RAW/meta"
    for r in $(seq 1 "$RUNS"); do
        mapfile -t ordered < <(rotated "$r" "${methods[@]}")
        for m in "${ordered[@]}"; do run_one "$c" "$m" "$r"; done
    done
    rm -rf "${S:?}/$c"
    sync
}

main() {
    local started=$EPOCHREALTIME
    begin_run
    build_proxy
    make_data
    trap 'stop_proxy; stop_sshd' EXIT
    trap 'exit 130' INT TERM
    start_sshd
    start_proxy
    write_configs
    local load_start
    load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
    {
        printf 'link=one-way delay %s ms per direction (RTT %s ms), %s, by bench/latency-proxy on 127.0.0.1; every TCP connection delayed on its own\n' \
            "$LATENCY_MS" "$((2 * LATENCY_MS))" "$([ "$RATE_MBIT" -gt 0 ] && echo "each direction paced to $RATE_MBIT Mbit/s (shared by all connections)" || echo "no rate limit")"
        printf 'machine=%s; %s cores; %s; kernel %s; %s; %s; %s\n' "$(utc_now)" "$(nproc)" \
            "$(cpu_name)" "$(uname -r)" "$(rsync_version)" "$(ssh -V 2>&1)" "$(dotnet --version | sed 's/^/dotnet /')"
        printf 'modelsync=%s\n' "$(describe_model_sync '')"
        printf 'data=SIZE_PCT=%s%%; small: %s files, %s B; m256: %s B; g1: %s B; %s: %s files, %s B (the next version: 1 MiB changed in 1/model.plan, new config.pbtxt)%s; work dir %s\n' \
            "$SIZE_PCT" "$(data_files "$D/small")" "$(fmt_bytes "$(data_bytes "$D/small")")" "$(fmt_bytes "$(data_bytes "$D/m256")")" \
            "$(fmt_bytes "$(data_bytes "$D/g1")")" "$PREV" "$(data_files "$D/$PREV")" "$(fmt_bytes "$(data_bytes "$D/$PREV")")" \
            "$([ -n "$COLD_8G" ] && printf '; g8: %s files, %s B' "$(data_files "$G8")" "$(fmt_bytes "$(data_bytes "$G8")")")" "$WORK"
        printf 'runs=%s\nnote=%s\n' "$RUNS" "${BENCH_NOTE:-}"
        local rr="bench/wan.sh"
        [ "$SIZE_PCT" != 100 ] && rr="SIZE_PCT=$SIZE_PCT $rr"
        [ "$RUNS" != 3 ] && rr="RUNS=$RUNS $rr"
        [ "$LATENCY_MS" != 25 ] && rr="LATENCY_MS=$LATENCY_MS $rr"
        [ "$RATE_MBIT" != 0 ] && rr="RATE_MBIT=$RATE_MBIT $rr"
        [ -n "$COLD_8G" ] && rr="COLD_8G=1 $rr"
        [ -n "$WAN_CASES" ] && rr="CASES=$WAN_CASES $rr"
        [ "$RESULTS" != "$BENCH/WAN.md" ] && rr="RESULTS=${RESULTS#"$ROOT"/} $rr"
        printf 'rerun=%s\n' "$rr"
    } >> "$RAW/meta"
    check_latency
    define_methods
    local c
    for c in "${ORDER[@]}"; do
        [[ ",$WAN_CASES," == *",$c,"* || -z "$WAN_CASES" ]] && run_case "$c"
    done
    printf 'load=Load average (1/5/15 min) at the start %s, at the end %s (2 cores shared with other work: compare only within this run).\n' "$load_start" "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$RAW/meta"
    stop_proxy
    end_run "$started"
}

main
