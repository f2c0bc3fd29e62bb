#!/usr/bin/env bash
# Runs the whole model-sync test suite (unit tests + integration tests against a real,
# throw-away sshd on 127.0.0.1) and ends with one summary line:
#   tests: N passed, M failed[, K skipped]
# Installs openssh-server, openssh-client, rsync, xxhash (xxhsum), b3sum, zsh and script (bsdutils) first when
# they are missing (Debian/apt): the tests verify with every hash model-sync offers and load the completion scripts;
# the linters shellcheck and dash, which check every shell script under src/ first; and gcc, which links the
# Native AOT build. The integration tests run that build — the one scripts/model-sync.sh
# makes and users run — not the JIT-compiled dll.
# Exit status is non-zero if a shell script has a shellcheck finding or a dash syntax error, if the build or any
# test failed, or if no test ran.
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

log() { printf 'test.sh: %s\n' "$*" >&2; }

install_prerequisites() {
    local missing=()
    [ -x /usr/sbin/sshd ] || missing+=(/usr/sbin/sshd)
    command -v ssh >/dev/null 2>&1 || missing+=(ssh)
    command -v ssh-keygen >/dev/null 2>&1 || missing+=(ssh-keygen)
    command -v rsync >/dev/null 2>&1 || missing+=(rsync)
    command -v zsh >/dev/null 2>&1 || missing+=(zsh)        # the completion script's tests
    command -v script >/dev/null 2>&1 || missing+=(script)  # progress captured through a pseudo-terminal
    command -v xxhsum >/dev/null 2>&1 || missing+=(xxhsum)
    command -v b3sum >/dev/null 2>&1 || missing+=(b3sum)
    command -v shellcheck >/dev/null 2>&1 || missing+=(shellcheck)  # lints src/**/*.sh
    command -v dash >/dev/null 2>&1 || missing+=(dash)              # parses them as a strict POSIX sh would
    command -v gcc >/dev/null 2>&1 || command -v clang >/dev/null 2>&1 || missing+=(gcc)  # links the Native AOT build
    [ "${#missing[@]}" -eq 0 ] && return 0

    log "missing: ${missing[*]}; installing with apt-get"
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo)
        else
            log "not root and sudo is not available; install openssh-server openssh-client rsync xxhash b3sum shellcheck dash gcc manually"
            return 1
        fi
    fi
    if ! command -v apt-get >/dev/null 2>&1; then
        log "apt-get not found; install openssh-server openssh-client rsync xxhash b3sum shellcheck dash gcc manually"
        return 1
    fi

    local apt=("${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600)
    # apt-get update takes the lists lock, which DPkg::Lock::Timeout may not cover: retry while locked.
    local attempt
    for attempt in $(seq 1 60); do
        if "${apt[@]}" update; then
            break
        fi
        [ "$attempt" -eq 60 ] && { log "apt-get update kept failing"; return 1; }
        log "apt-get update failed (apt busy?), retrying in 10 s"
        sleep 10
    done
    "${apt[@]}" install -y --no-install-recommends openssh-server openssh-client rsync openssl coreutils findutils zsh bsdutils xxhash b3sum \
        shellcheck dash gcc libc6-dev zlib1g-dev
}

install_prerequisites

# The scripts model-sync runs here and on servers (every src/**/*.sh): any shellcheck finding, at any severity,
# or a dash syntax error fails the run before anything is built.
lint_shell_scripts() {
    local scripts=() script failed=0
    while IFS= read -r -d '' script; do scripts+=("$script"); done < <(find src -name '*.sh' -type f -print0 | sort -z)
    if [ "${#scripts[@]}" -eq 0 ]; then
        log "no shell scripts found under src/"
        return 1
    fi
    shellcheck -s sh "${scripts[@]}" || failed=1
    for script in "${scripts[@]}"; do
        dash -n "$script" || { log "dash -n: syntax error in $script"; failed=1; }
    done
    # The bash scripts too: this one, the build wrapper and the bash completion.
    shellcheck scripts/*.sh || failed=1
    shellcheck -s bash src/ModelSync.Cli/Completion/model-sync.bash || failed=1
    if [ "$failed" -ne 0 ]; then
        log "shell scripts have findings (above): fix them, or disable a false positive with a reason"
        return 1
    fi
    log "shellcheck and dash -n: ${#scripts[@]} POSIX sh scripts under src/, scripts/*.sh and the bash completion are clean"
}

lint_shell_scripts

export DOTNET_NOLOGO=1
export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

log "building model-sync as scripts/model-sync.sh does for users (Native AOT when it can)"
MODEL_SYNC_TEST_BINARY="$(MODEL_SYNC_PRINT_BINARY=1 scripts/model-sync.sh)"
export MODEL_SYNC_TEST_BINARY
log "integration tests run $MODEL_SYNC_TEST_BINARY"

results_dir="$(mktemp -d "${TMPDIR:-/tmp}/ms-test-results.XXXXXX")"
trap 'rm -rf "$results_dir"' EXIT

set +e
dotnet test ModelSync.slnx -c Release \
    --results-directory "$results_dir" \
    --logger "trx;LogFilePrefix=results" \
    --logger "console;verbosity=normal"
test_rc=$?
set -e

# Sum the <Counters .../> of every TRX file (one per test project).
counter() { # counter NAME "<Counters ...>"
    local value
    value="$(printf '%s\n' "$2" | grep -oE "[[:space:]]$1=\"[0-9]+\"" | head -n 1 | grep -oE '[0-9]+' || true)"
    printf '%s' "${value:-0}"
}

passed=0 failed=0 skipped=0 total=0 trx_count=0
while IFS= read -r -d '' trx; do
    trx_count=$((trx_count + 1))
    counters="$(tr '\n\r' '  ' < "$trx" | grep -oE '<Counters[^>]*>' | head -n 1 || true)"
    [ -n "$counters" ] || { log "no <Counters> in $trx"; continue; }
    total=$((total + $(counter total "$counters")))
    passed=$((passed + $(counter passed "$counters")))
    failed=$((failed + $(counter failed "$counters") + $(counter error "$counters") \
        + $(counter timeout "$counters") + $(counter aborted "$counters")))
    # Skipped tests show up as total - executed (the notExecuted counter stays 0 for xunit skips).
    not_run=$(( $(counter total "$counters") - $(counter executed "$counters") ))
    not_executed=$(counter notExecuted "$counters")
    [ "$not_executed" -gt "$not_run" ] && not_run=$not_executed
    [ "$not_run" -gt 0 ] && skipped=$((skipped + not_run))
done < <(find "$results_dir" -type f -name '*.trx' -print0)

exit_code=0
if [ "$test_rc" -ne 0 ]; then
    log "dotnet test exited with code $test_rc (build failure, test failure or crashed test host)"
    exit_code=$test_rc
fi
if [ "$failed" -gt 0 ]; then
    exit_code=1
fi
if [ "$((passed + failed + skipped))" -eq 0 ]; then
    log "no tests ran ($trx_count result files found)"
    exit_code=1
fi

summary="tests: $passed passed, $failed failed"
[ "$skipped" -gt 0 ] && summary="$summary, $skipped skipped"
printf '%s\n' "$summary"
exit "$exit_code"
