# shellcheck shell=bash disable=SC2034
# bench/lib.sh — what bench/run.sh and bench/wan.sh share: formatting, the medians of results.tsv, installing the
# tools, building model-sync as users get it, and the private sshd on 127.0.0.1. Sourced, not run.
# The caller sets ROOT, WORK and RAW (and BASELINE_REV for run.sh) before calling these; check_settings right after
# sourcing this file.
# results.tsv columns: scenario method run seconds peak_rss_kib wire_bytes exit_code check

log() { printf 'bench: %s\n' "$*" >&2; }

die() { printf 'bench: error: %s\n' "$*" >&2; exit 1; }

# The settings both benches take alike: RUNS and SETTLE (3 unless set), BENCH_WORK, and the environment every timed
# command inherits.
check_settings() {
    RUNS="${RUNS:-3}"
    SETTLE="${SETTLE:-3}"
    case "$WORK" in /*) ;; *) die "BENCH_WORK must be an absolute path" ;; esac
    [[ "$WORK" =~ ^[A-Za-z0-9_./-]+$ ]] || die "BENCH_WORK may hold only letters, digits and _ . / - (it is pasted into command lines)"
    [[ "$RUNS" =~ ^[0-9]+$ && "$RUNS" -ge 1 ]] || die "RUNS must be at least 1"
    export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
    export LC_ALL=C
}

# take_arguments ARGS: --report rewrites the report from RAW (the caller's write_report) and exits; nothing else is
# taken.
take_arguments() {
    if [ "${1:-}" = "--report" ]; then
        write_report
        exit 0
    fi
    [ $# -eq 0 ] || die "unknown argument: $1 (the only option is --report; everything else is set by env, see the top of this file)"
}

# A run's first steps: a fresh RAW with an empty meta and results.tsv, the tools, the build.
begin_run() {
    mkdir -p "$WORK"
    rm -rf "$RAW" && mkdir -p "$RAW"
    : > "$RAW/meta"
    : > "$RAW/results.tsv"
    install_prerequisites
    build_model_sync
}

# end_run STARTED: the run's end and length into meta, sshd stopped, the caller's write_report, its length logged.
end_run() {
    {
        printf 'finished=%s\n' "$(utc_now)"
        printf 'duration=whole run %s min\n' "$(awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", (b - a) / 60 }')"
    } >> "$RAW/meta"
    stop_sshd
    write_report
    log "done in $(awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }') s"
}

utc_now() { date -u '+%Y-%m-%d %H:%M UTC'; }

cpu_name() { sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -n 1; }

rsync_version() { rsync --version | head -n 1 | sed 's/  */ /g'; }

# describe_model_sync [AFTER_KEY]: the build measured: its version, source key, commit (and whether src/ had
# uncommitted changes), Native AOT or not.
describe_model_sync() {
    printf '%s, source key %s%s, git %s%s; %s' "$("$MS" --version 2>/dev/null | head -n 1)" "$BUILD_KEY" "${1:-}" \
        "$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')" \
        "$(git -C "$ROOT" status --porcelain -- src 2>/dev/null | grep -q . && echo ' + uncommitted changes in src/' || true)" "$BUILD_KIND"
}

# rotated ROUND WORD...: the words one a line, the first ROUND - 1 of them moved to the end, so that in alternating
# rounds each method takes each place in turn.
rotated() {
    local r="$1"; shift
    local words=("$@") n=$# i
    for i in $(seq 0 $((n - 1))); do printf '%s\n' "${words[$(( (i + r - 1) % n ))]}"; done
}

# timed_run KEY BASE: CMD[KEY] under /usr/bin/time, its output in BASE.out, .err and .time. Sets RUN_SECS (wall time),
# RUN_RSS (peak KiB), RUN_RC, and from the caller's check_run and wire_bytes RUN_CHECK (led by a failed exit) and
# RUN_BYTES.
timed_run() {
    local k="$1" base="$2" t0 t1
    t0=$EPOCHREALTIME
    set +e
    /usr/bin/time -o "$base.time" -f '%e %M' bash -c "${CMD[$k]}" > "$base.out" 2> "$base.err" < /dev/null
    RUN_RC=$?
    set -e
    t1=$EPOCHREALTIME
    RUN_SECS="$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.4f", b - a }')"
    RUN_RSS="$(tail -n 1 "$base.time" | awk '{ print $2 }')"
    RUN_CHECK="$(check_run "$k" "$base.out")"
    RUN_BYTES="$(wire_bytes "$k" "$base.out")"
    [ "$RUN_RC" -eq 0 ] || RUN_CHECK="EXIT $RUN_RC, $RUN_CHECK"
}

# seed NAME ARGS...: an untimed model-sync run that sets a case up.
seed() {
    local name="$1"; shift
    $MS --config "$CFG" "$@" > "$RAW/$name.seed.out" 2> "$RAW/$name.seed.err" || die "seeding $name failed: see $RAW/$name.seed.err"
}

fmt_s() { awk -v x="$1" 'BEGIN { if (x == "") print "—"; else if (x < 10) printf "%.3f", x; else printf "%.2f", x }'; }

fmt_mb() { awk -v x="$1" 'BEGIN { if (x == "") print "—"; else printf "%.0f", x * 1024 / 1e6 }'; }

# %.0f, not %d: mawk's %d stops at 2^31 - 1.
fmt_bytes() { awk -v x="$1" 'BEGIN { if (x == "") { print "—"; exit } s = sprintf("%.0f", x); o = ""; while (length(s) > 3) { o = "," substr(s, length(s) - 2) o; s = substr(s, 1, length(s) - 3) } print s o }'; }

# stats SCEN METHOD -> "n_ok n_all median min max max_rss_kib median_bytes checks" (empty fields as "-")
stats() {
    awk -F'\t' -v s="$1" -v m="$2" '
        function med(a, n,   i, j, t) {
            for (i = 2; i <= n; i++) { t = a[i]; for (j = i - 1; j >= 1 && a[j] > t; j--) a[j + 1] = a[j]; a[j + 1] = t }
            return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
        }
        $1 == s && $2 == m {
            all++
            if ($7 == 0) { ok++; t[ok] = $4 + 0; if ($5 + 0 > rss) rss = $5 + 0; if ($6 != "") { nb++; b[nb] = $6 + 0 } }
            if (index(checks, $8) == 0) checks = checks (checks == "" ? "" : "; ") $8
        }
        END {
            if (!all) { print "0 0 - - - - - -"; exit }
            if (!ok) { printf "0 %d - - - - - %s\n", all, checks; exit }
            lo = t[1]; hi = t[1]; for (i = 1; i <= ok; i++) { if (t[i] < lo) lo = t[i]; if (t[i] > hi) hi = t[i] }
            printf "%d %d %.4f %.4f %.4f %d %s %s\n", ok, all, med(t, ok), lo, hi, rss, (nb ? sprintf("%.0f", med(b, nb)) : "-"), (checks == "" ? "-" : checks)
        }' "$RAW/results.tsv"
}

field() { # field N "stats line"
    local v
    v="$(printf '%s\n' "$2" | awk -v n="$1" '{ print $n }')"
    [ "$v" = "-" ] && v=""
    printf '%s' "$v"
}

install_prerequisites() {
    local pkgs=()
    [ -x /usr/sbin/sshd ] || pkgs+=(openssh-server)
    { command -v ssh && command -v ssh-keygen && command -v scp; } >/dev/null 2>&1 || pkgs+=(openssh-client)
    command -v rsync >/dev/null 2>&1 || pkgs+=(rsync)
    command -v rclone >/dev/null 2>&1 || pkgs+=(rclone)
    [ -x /usr/bin/time ] || pkgs+=(time)
    command -v tar >/dev/null 2>&1 || pkgs+=(tar)
    command -v xxhsum >/dev/null 2>&1 || pkgs+=(xxhash)
    command -v b3sum >/dev/null 2>&1 || pkgs+=(b3sum)
    command -v dotnet >/dev/null 2>&1 || die "the .NET 10 SDK (dotnet) is needed to build model-sync; install it first"
    [ "${#pkgs[@]}" -eq 0 ] && return 0
    log "missing: ${pkgs[*]}; installing with apt-get"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || die "not root and no sudo: install ${pkgs[*]} yourself"
        sudo=(sudo)
    fi
    command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install ${pkgs[*]} yourself"
    local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600) attempt
    for attempt in $(seq 1 30); do
        "${apt[@]}" update -qq && break
        [ "$attempt" -eq 30 ] && die "apt-get update kept failing"
        log "apt-get update failed (apt busy?), retrying in 10 s"; sleep 10
    done
    "${apt[@]}" install -y -qq --no-install-recommends "${pkgs[@]}" >&2
}

# Built by the snapshot's own scripts/model-sync.sh, so the bench times the build users run (Native AOT when a C
# toolchain is there) and RESULTS.md names the exact sources measured by the key that script computes.
build_model_sync() {
    local snap="$WORK/build/src"
    rm -rf "$snap" && mkdir -p "$snap"
    # Snapshot the sources first: others may be editing the checkout while this runs.
    (cd "$ROOT" && rsync -a --exclude 'bin/' --exclude 'obj/' src scripts Directory.Build.props Directory.Packages.props global.json "$snap/")
    if [ -f "$ROOT/.editorconfig" ]; then cp -p "$ROOT/.editorconfig" "$snap/"; fi
    log "building model-sync (scripts/model-sync.sh of the snapshot)"
    if ! MS="$(MODEL_SYNC_BUILD_DIR="$WORK/build/cache" MODEL_SYNC_PRINT_BINARY=1 "$snap/scripts/model-sync.sh" 2> "$RAW/build.log")"; then
        tail -n 20 "$RAW/build.log" >&2
        die "building model-sync failed — see $RAW/build.log"
    fi
    BUILD_KEY="$(basename "$(dirname "$MS")")"
    if [ -e "$(dirname "$MS")/model-sync.dll" ]; then BUILD_KIND="ReadyToRun, framework-dependent"; else BUILD_KIND="Native AOT"; fi
    log "model-sync: $MS ($BUILD_KIND)"
    [ -z "${BASELINE_REV:-}" ] && return 0
    # The same build of an earlier commit, timed in the same rounds, so a refactor shows whether speed moved.
    local base="$WORK/build/base"
    rm -rf "$base" && mkdir -p "$base"
    git -C "$ROOT" archive "$BASELINE_REV" src scripts Directory.Build.props Directory.Packages.props global.json | tar -x -C "$base" \
        || die "cannot read BASELINE_REV=$BASELINE_REV from the repository"
    if [ -f "$ROOT/.editorconfig" ]; then cp -p "$ROOT/.editorconfig" "$base/"; fi
    log "building the baseline $BASELINE_REV"
    if ! MS_BASE="$(MODEL_SYNC_BUILD_DIR="$WORK/build/cache" MODEL_SYNC_PRINT_BINARY=1 "$base/scripts/model-sync.sh" 2> "$RAW/build-base.log")"; then
        tail -n 20 "$RAW/build-base.log" >&2
        die "building the baseline failed — see $RAW/build-base.log"
    fi
    log "baseline model-sync: $MS_BASE"
}

tree_sig() { # files=N bytes=B links=L for a directory (symlinks not followed; model-sync's manifest is not part of the model)
    { find "$1" \( -type f -o -type l \) ! -name .model-sync-manifest.json -printf '%y %s\n' 2>/dev/null || true; } |
        awk '$1 == "f" { n++; b += $2 } $1 == "l" { l++ } END { printf "files=%d bytes=%d links=%d", n, b, l }'
}

data_bytes() { find "$1" -type f -printf '%s\n' | awk '{ b += $1 } END { printf "%.0f", b }'; }

data_files() { find "$1" -type f | wc -l; }

start_sshd() {
    SSHD_DIR="$WORK/sshd"
    rm -rf "$SSHD_DIR" && mkdir -p "$SSHD_DIR" "$WORK/home"
    : > "$WORK/home/.bashrc"
    : > "$WORK/home/.profile"
    ssh-keygen -q -t ed25519 -N '' -C msbench-host -f "$SSHD_DIR/host_key"
    ssh-keygen -q -t ed25519 -N '' -C msbench-client -f "$SSHD_DIR/client_key"
    cp "$SSHD_DIR/client_key.pub" "$SSHD_DIR/authorized_keys"
    KEY="$SSHD_DIR/client_key"
    KNOWN="$SSHD_DIR/known_hosts"
    USER_NAME="$(id -un)"
    if [ "$(id -u)" -eq 0 ] && [ ! -d /run/sshd ]; then mkdir -p /run/sshd && chmod 0755 /run/sshd; fi
    # UsePAM no makes sshd refuse accounts whose shadow entry is locked ('!'); use PAM then (root only).
    local use_pam=no
    if [ "$(id -u)" -eq 0 ] && [ -f /etc/pam.d/sshd ] && awk -F: -v u="$USER_NAME" '$1 == u && $2 ~ /^!/ { f = 1 } END { exit !f }' /etc/shadow 2>/dev/null; then
        use_pam=yes
    fi
    local attempt
    for attempt in 1 2 3 4 5; do
        PORT=$(( 20000 + (RANDOM * 32768 + RANDOM) % 40000 ))
        if ss -Htln "sport = :$PORT" 2>/dev/null | grep -q .; then continue; fi
        cat > "$SSHD_DIR/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $PORT
HostKey $SSHD_DIR/host_key
PidFile $SSHD_DIR/sshd.pid
AuthorizedKeysFile $SSHD_DIR/authorized_keys
PubkeyAuthentication yes
StrictModes no
UsePAM $use_pam
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
SetEnv HOME=$WORK/home
LogLevel ERROR
MaxSessions 50
MaxStartups 50:30:100
PrintMotd no
Subsystem sftp internal-sftp
EOF
        printf '[127.0.0.1]:%s %s\n' "$PORT" "$(cut -d' ' -f1,2 "$SSHD_DIR/host_key.pub")" > "$KNOWN"
        SSH_OPTS="-p $PORT -i $KEY -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=yes -o UserKnownHostsFile=$KNOWN -o GlobalKnownHostsFile=/dev/null -o LogLevel=ERROR"
        /usr/sbin/sshd -D -e -f "$SSHD_DIR/sshd_config" 2>> "$SSHD_DIR/sshd.log" &
        SSHD_PID=$!
        local i
        for i in $(seq 1 50); do
            if ! kill -0 "$SSHD_PID" 2>/dev/null; then break; fi
            # shellcheck disable=SC2086
            if ssh $SSH_OPTS -o ConnectTimeout=5 "$USER_NAME@127.0.0.1" true 2>/dev/null; then
                log "sshd: 127.0.0.1:$PORT (pid $SSHD_PID)"
                return 0
            fi
            sleep 0.2
        done
        stop_sshd
    done
    cat "$SSHD_DIR/sshd.log" >&2 || true
    die "sshd did not start on 127.0.0.1"
}

stop_sshd() {
    if [ -n "${SSHD_PID:-}" ]; then
        kill "$SSHD_PID" 2>/dev/null || true
        wait "$SSHD_PID" 2>/dev/null || true
        SSHD_PID=
    fi
}
