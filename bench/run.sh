#!/usr/bin/env bash
# bench/run.sh — model-sync side by side with rsync, scp, rclone, cp and a raw tar|ssh pipe, in one run.
#
# What one run does:
#   1. installs what it needs when missing (apt-get: rsync openssh-server openssh-client rclone time);
#      the .NET 10 SDK must already be there;
#   2. builds model-sync with scripts/model-sync.sh (Native AOT when gcc or clang is there, else ReadyToRun)
#      from a snapshot of src/ and scripts/, into the work dir;
#   3. makes the data sets (bench/datagen, deterministic): (a) a Triton-like model of SIZE MiB with random
#      weights, (b) the same layout with float32-like compressible weights, (c) a 20k-file tokenizer-heavy
#      tree (150 MiB), (d) a Hugging Face cache entry (snapshots/<rev>/ symlinks into blobs/, SIZE/4 MiB);
#      they are reused by the next run when SIZE and the generator did not change;
#   4. starts a private sshd on 127.0.0.1 (free port, fresh keys, own sshd_config, SetEnv HOME=<clean home>)
#      and stops it on exit; writes a model-sync config (alias `bench` on that sshd, and `local`);
#   5. times every method RUNS times per scenario, alternating the methods within each round (the order
#      rotates every round), with the same prepare before each timed run: move the target aside (removed
#      after the scenario), `sync`, sleep SETTLE s (see ../shared/bench/BASELINE.md);
#      wall time and peak RSS via /usr/bin/time; model-sync runs with verification ON (its default);
#   6. writes bench/RESULTS.md (tables, ratios against the targets of issues 5 and 3, met/missed) and keeps the raw
#      logs in bench/raw/ (results.tsv + per-run .out/.err/.time files).
#
# Usage:   bench/run.sh                       # full run: SIZE=1024 RUNS=3, 23 min on 2 busy cores
#          SIZE=64 RUNS=1 bench/run.sh        # quick check of the whole pipeline, about 6 min
#          bench/run.sh --report              # rewrite RESULTS.md from bench/raw/ without measuring
# Env:     SIZE (MiB, default 1024)  RUNS (default 3)  SETTLE (s, default 3)  SERVERS_REPS (default 5)
#          BENCH_WORK (work dir, default /tmp/msbench-work; needs ~5×SIZE MiB + 0.5 GiB free)
#          SCENARIOS (comma list, default all: first_a,first_b,compress,noop,delta,pull,local,files20k,hf,hash,verify_cost,diff,servers)
#          BENCH_NOTE (free text written into RESULTS.md, e.g. what else ran on the machine)
#          RESULTS (output file, default bench/RESULTS.md)
# All traffic is loopback (127.0.0.1). Nothing outside the work dir and bench/ is written.
set -euo pipefail

ROOT="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
BENCH="$ROOT/bench"
RAW="$BENCH/raw"
RESULTS="${RESULTS:-$BENCH/RESULTS.md}"
WORK="${BENCH_WORK:-/tmp/msbench-work}"
SIZE="${SIZE:-1024}"
SERVERS_REPS="${SERVERS_REPS:-5}"
SCENARIOS="${SCENARIOS:-first_a,first_b,compress,noop,delta,pull,local,files20k,hf,hash,verify_cost,diff,servers}"
SMALL_FILES=20000
SMALL_MIB=150

# shellcheck source=bench/lib.sh
. "$BENCH/lib.sh"

check_settings
[[ "$SIZE" =~ ^[0-9]+$ && "$SIZE" -ge 16 ]] || die "SIZE must be a whole number of MiB, at least 16"

# ------------------------------------------------------------------------------------------ report
# (fmt_*, stats and field are in lib.sh)

meta() { sed -n "s/^$1=//p" "$RAW/meta" | head -n 1; }

write_report() {
    [ -s "$RAW/results.tsv" ] || die "no measurements in $RAW/results.tsv"
    local out="$RESULTS.tmp"
    {
        printf '# model-sync benchmark results\n\n'
        printf 'Written by `bench/run.sh` on %s (%s). Rerun: `%s`.\n' "$(meta finished)" "$(meta duration)" "$(meta rerun)"
        printf 'Raw logs of this run: `bench/raw/` (gitignored; `results.tsv` holds every timed run).\n\n'
        printf '**Machine:** %s\n\n' "$(meta machine)"
        printf '**Tools:** %s\n\n' "$(meta tools)"
        printf '**model-sync:** %s\n\n' "$(meta modelsync)"
        printf '**Data:** %s\n\n' "$(meta data)"
        printf '**Sitting:** %s' "$(meta sitting)"
        printf ' 1-min load average when each scenario started: %s.\n' \
            "$(sed -n 's/^load\.\([^=]*\)=\([^ ]*\).*/\1 \2/p' "$RAW/meta" | paste -sd, - | sed 's/,/, /g')"
        [ -n "$(meta note)" ] && printf '\n> %s\n' "$(meta note)"
        printf '\n'
        report_targets
        report_baseline
        report_integrity_targets
        report_scenarios
        [ -s "$RAW/timeline.md" ] && cat "$RAW/timeline.md"
        report_method
    } > "$out"
    mv "$out" "$RESULTS"
    log "wrote $RESULTS"
}

# ratio A_SCEN A_METHOD B_SCEN B_METHOD [col]  -> median(A)/median(B) (col 3 = time, 7 = bytes)
ratio() {
    local a b col="${5:-3}"
    a="$(field "$col" "$(stats "$1" "$2")")"
    b="$(field "$col" "$(stats "$3" "$4")")"
    [ -n "$a" ] && [ -n "$b" ] || { printf ''; return; }
    awk -v a="$a" -v b="$b" 'BEGIN { if (b > 0) printf "%.2f", a / b }'
}

# target_row LABEL MEASURED LIMIT DETAIL   (met when MEASURED <= LIMIT)
target_row() {
    local verdict
    if [ -z "$2" ]; then
        verdict="n/a (not measured)"
    else
        verdict="$(awk -v x="$2" -v l="$3" 'BEGIN { if (x <= l) print "met"; else printf "**missed** by %.0f%%\n", (x / l - 1) * 100 }')"
    fi
    printf '| %s | %s | ≤ %s | %s | %s |\n' "$1" "${2:-—}" "$3" "$verdict" "$4"
}

# The hash scenario is left out: b3sum maps whole files into memory, so its RSS counts page-cache pages.
ms_max_rss_kib() { awk -F'\t' '$1 != "hash" && $2 ~ /^ms/ && $2 != "ms_base" && $7 == 0 && $5 + 0 > m { m = $5 + 0 } END { print m + 0 }' "$RAW/results.tsv"; }

# With BASELINE_REV: this build against the earlier one, scenario by scenario (a refactor should show ~1.00).
report_baseline() {
    grep -q "	ms_base	" "$RAW/results.tsv" 2>/dev/null || return 0
    printf '## Against the baseline build\n\n'
    printf 'The same scenarios timed in the same rounds with the build of an earlier commit (`BASELINE_REV`), alternating.\n\n'
    printf '| scenario | this build / baseline | A vs B (median s) |\n|---|---:|---|\n'
    local s
    for s in first_a noop delta local files20k; do
        grep -q "^$s	ms_base	" "$RAW/results.tsv" || continue
        printf '| %s | %s | %s s vs %s s |\n' "$s" "$(ratio "$s" ms "$s" ms_base)" \
            "$(fmt_s "$(field 3 "$(stats "$s" ms)")")" "$(fmt_s "$(field 3 "$(stats "$s" ms_base)")")"
    done
    printf '\n'
}

report_targets() {
    printf '## Against the targets of issue 5\n\n'
    printf 'Ratios are medians of wall time (A / B); model-sync always verifies (sha256 on both sides), the others do not.\n\n'
    printf '| target | measured | limit | verdict | A vs B (median s) |\n|---|---:|---:|---|---|\n'
    local m
    pair() { printf '%s s vs %s s' "$(fmt_s "$(field 3 "$(stats "$1" "$2")")")" "$(fmt_s "$(field 3 "$(stats "$3" "$4")")")"; }
    if has first_a; then
        target_row "first push (random) vs \`rsync -avz\`" "$(ratio first_a ms first_a rsync_avz)" 0.5 "$(pair first_a ms first_a rsync_avz)"
        target_row "first push (random) vs \`rsync -a\`" "$(ratio first_a ms first_a rsync_a)" 0.8 "$(pair first_a ms first_a rsync_a)"
        target_row "first push (random) vs raw \`tar \\| ssh cat\`" "$(ratio first_a ms first_a tar_ssh)" 1.5 "$(pair first_a ms first_a tar_ssh)"
    fi
    if has first_b; then
        target_row "first push (float) vs \`rsync -avz\`" "$(ratio first_b ms first_b rsync_avz)" 0.5 "$(pair first_b ms first_b rsync_avz)"
        target_row "first push (float) vs \`rsync -a\`" "$(ratio first_b ms first_b rsync_a)" 0.8 "$(pair first_b ms first_b rsync_a)"
    fi
    if has compress; then
        target_row "first push (float), \`--compress\` vs \`--no-compress\` (issue 12: weights never compressed)" "$(ratio compress ms_z compress ms)" 1.1 "$(pair compress ms_z compress ms)"
    fi
    if has noop; then
        target_row "no-op re-push vs \`rsync -a\` no-op" "$(ratio noop ms noop rsync_a)" 1.0 "$(pair noop ms noop rsync_a)"
    fi
    if has delta; then
        target_row "1 MiB delta: bytes sent vs \`rsync -a\`" "$(ratio delta ms delta rsync_a 7)" 1.1 \
            "$(fmt_bytes "$(field 7 "$(stats delta ms)")") B vs $(fmt_bytes "$(field 7 "$(stats delta rsync_a)")") B"
        target_row "1 MiB delta: time vs \`rsync -a\`" "$(ratio delta ms delta rsync_a)" 1.0 "$(pair delta ms delta rsync_a)"
    fi
    if has pull; then
        target_row "pull vs push (model-sync, same data, same sitting)" "$(ratio pull ms_pull pull ms_push)" 1.1 "$(pair pull ms_pull pull ms_push)"
    fi
    if has local; then
        target_row "local-alias copy vs \`cp -r\`" "$(ratio local ms local cp)" 1.3 "$(pair local ms local cp)"
    fi
    m="$(ms_max_rss_kib)"
    if [ "$m" -gt 0 ]; then
        target_row "peak RSS of model-sync, MB (max over all its runs)" "$(fmt_mb "$m")" 150 "largest process of model-sync's tree; see Method"
    fi
    if has servers; then
        target_row "\`model-sync servers\` wall time, s" "$(fmt_s "$(field 3 "$(stats servers ms)")")" 0.15 "median of $(field 2 "$(stats servers ms)") runs"
    fi
    printf '\nNo target in the issue, for reference:\n\n| comparison | ratio | A vs B (median s) |\n|---|---:|---|\n'
    has first_a && printf '| first push (random): model-sync vs `scp -r` | %s | %s |\n' "$(ratio first_a ms first_a scp)" "$(pair first_a ms first_a scp)"
    has first_a && printf '| first push (random): model-sync vs `rclone copy` | %s | %s |\n' "$(ratio first_a ms first_a rclone)" "$(pair first_a ms first_a rclone)"
    has pull && printf '| pull: model-sync vs `rsync -a` pull | %s | %s |\n' "$(ratio pull ms_pull pull rsync_pull)" "$(pair pull ms_pull pull rsync_pull)"
    has files20k && printf '| 20k small files: model-sync vs `rsync -a` | %s | %s |\n' "$(ratio files20k ms files20k rsync_a)" "$(pair files20k ms files20k rsync_a)"
    has hf && printf '| HF cache (symlinks): model-sync vs `rsync -a` | %s | %s |\n' "$(ratio hf ms hf rsync_a)" "$(pair hf ms hf rsync_a)"
    printf '\n'
}

# Issue 3: local hashing throughput, the cost of verification, and diff of an unchanged model.
report_integrity_targets() {
    has hash || has verify_cost || has diff || return 0
    printf '## Against the targets of issue 3 (integrity)\n\n'
    printf 'Time ratios of medians (A / B). Hashing throughput ≥ 0.9× openssl is the same as time ≤ 1/0.9 = 1.11×.\n\n'
    printf '| target | measured | limit | verdict | A vs B (median s) |\n|---|---:|---:|---|---|\n'
    pair() { printf '%s s vs %s s' "$(fmt_s "$(field 3 "$(stats "$1" "$2")")")" "$(fmt_s "$(field 3 "$(stats "$3" "$4")")")"; }
    if has hash; then
        target_row "local hashing, sha256: model-sync vs \`openssl dgst -sha256\` (time)" "$(ratio hash ms_sha256 hash openssl)" 1.11 "$(pair hash ms_sha256 hash openssl)"
    fi
    if has verify_cost; then
        target_row "first push, verify on (sha256) vs \`--no-verify\`" "$(ratio verify_cost ms verify_cost ms_noverify)" 1.25 "$(pair verify_cost ms verify_cost ms_noverify)"
    fi
    if has diff; then
        target_row "\`diff\` of an unchanged model vs bare \`ssh host true\`" "$(ratio diff ms_diff diff ssh_true)" 1.5 "$(pair diff ms_diff diff ssh_true)"
    fi
    printf '\nNo target in the issue, for reference:\n\n| comparison | ratio | A vs B (median s) |\n|---|---:|---|\n'
    if has hash; then
        printf '| local hashing, xxh128: model-sync vs `xxhsum -H2` | %s | %s |\n' "$(ratio hash ms_xxh128 hash xxhsum)" "$(pair hash ms_xxh128 hash xxhsum)"
        printf '| local hashing, blake3: model-sync vs `b3sum` | %s | %s |\n' "$(ratio hash ms_blake3 hash b3sum)" "$(pair hash ms_blake3 hash b3sum)"
        printf '| local hashing: model-sync xxh128 vs model-sync sha256 | %s | %s |\n' "$(ratio hash ms_xxh128 hash ms_sha256)" "$(pair hash ms_xxh128 hash ms_sha256)"
    fi
    if has verify_cost; then
        printf '| first push, `--hash xxh128` vs `--no-verify` | %s | %s |\n' "$(ratio verify_cost ms_xxh128 verify_cost ms_noverify)" "$(pair verify_cost ms_xxh128 verify_cost ms_noverify)"
        printf '| first push, `--hash xxh128` vs sha256 | %s | %s |\n' "$(ratio verify_cost ms_xxh128 verify_cost ms)" "$(pair verify_cost ms_xxh128 verify_cost ms)"
    fi
    if has diff; then
        printf '| `verify` of an unchanged model (manifest + hash cache) vs `ssh host true` | %s | %s |\n' "$(ratio diff ms_verify diff ssh_true)" "$(pair diff ms_verify diff ssh_true)"
    fi
    printf '\n'
}

has() { grep -q "^$1"$'\t' "$RAW/results.tsv"; }

report_scenarios() {
    local scen title methods m s
    while IFS='|' read -r scen title methods; do
        has "$scen" || continue
        printf '## %s\n\n' "$title"
        printf '%s\n\n' "$(sed -n "s/^desc.$scen=//p" "$RAW/meta")"
        printf '| method | ok/runs | median s | min–max s | MB/s | peak RSS MB | wire bytes (median) | checks |\n|---|---:|---:|---:|---:|---:|---:|---|\n'
        for m in $methods; do
            s="$(stats "$scen" "$m")"
            local n_ok n_all med lo hi rss bytes checks rate bytes_total
            n_ok="$(field 1 "$s")"; n_all="$(field 2 "$s")"; med="$(field 3 "$s")"; lo="$(field 4 "$s")"; hi="$(field 5 "$s")"
            rss="$(field 6 "$s")"; bytes="$(field 7 "$s")"
            checks="$(printf '%s\n' "$s" | cut -d' ' -f8-)"
            bytes_total="$(sed -n "s/^bytes.$scen=//p" "$RAW/meta")"
            rate="—"
            if [ -n "$med" ] && [ -n "$bytes_total" ] && [ "$scen" != noop ] && [ "$scen" != servers ] && [ "$scen" != diff ]; then
                rate="$(awk -v b="$bytes_total" -v t="$med" 'BEGIN { if (t > 0) printf "%.0f", b / 1e6 / t }')"
                [ "$scen" = delta ] && rate="$rate (eff.)"
            fi
            printf '| %s | %s/%s | %s | %s–%s | %s | %s | %s | %s |\n' "$(sed -n "s/^label.$scen.$m=//p" "$RAW/meta" | sed 's/|/\\|/g')" \
                "$n_ok" "$n_all" "$(fmt_s "$med")" "$(fmt_s "$lo")" "$(fmt_s "$hi")" "$rate" "$(fmt_mb "$rss")" "$(fmt_bytes "$bytes")" "${checks:--}"
        done
        printf '\n'
    done < <(sed -n 's/^scenario=//p' "$RAW/meta")
}

report_method() {
    printf '## Method\n\n'
    cat <<'EOF'
- One run of `bench/run.sh`: every scenario runs RUNS rounds; within a round each method runs once, in an
  order that rotates every round (so no method always goes first after the data was touched).
- Prepare before every timed transfer, for every method alike: move that method's target aside, `sync`, sleep
  SETTLE s (BASELINE.md: on this Firecracker VM freed memory goes back to the host ~2 s later; without the
  settle a run's speed depends on timing). What is moved aside is removed after the scenario, then a minute's wait
  if that freed more than 1,000 inodes: this disk's ext4 skips inodes freed within the last minute when it looks
  for a free one, and removing the last run's 20,000 files just before the next made that run's file creations
  ~15× slower, for whichever method came next. No-op: the target is left in place (seeded once, untimed).
  Delta: the target is reset to a real copy (`cp -a`) of the original model, then `sync` and the settle.
  The `model-sync servers` runs get no settle (they move no data).
- Sources are in the page cache (read once before each scenario); the writes land in the page cache too.
- Wall time: bash's `$EPOCHREALTIME` around `/usr/bin/time -f '%e %M' bash -c '<command>'`.
- Peak RSS: `%M` of `/usr/bin/time`, i.e. the kernel's ru_maxrss over the command's process tree — the
  largest single process among the client and the children it waited for (for model-sync: the .NET process,
  which is by far the largest; its rsync/ssh/sh children are counted only if larger). sshd and the
  server-side rsync/sftp-server are not counted. The ssh ControlMaster that model-sync starts is a daemon and
  is not counted either.
- Wire bytes: model-sync's `--json` `bytes_sent` (push: what the local rsync sent; pull: what it received);
  rsync's `--stats` "Total bytes sent" (push) or "Total bytes received" (pull). scp, rclone, cp and the
  raw pipe do not report it (—).
- Checks (untimed, after each run): model-sync's JSON must say `"verified": true`; every target with a tree
  is compared with its source by file count, total bytes and symlink count (`tree ok`), and symlinks that do
  not resolve are counted (`broken links`).
- Client and server share the same 2 cores and the same disk; all traffic is loopback. The sshd gives every
  login `HOME=<work>/home` with an empty `.bashrc`, so remote commands do not pay for root's real one.
EOF
    printf '\n## Commands as run\n\n```\n'
    sed -n 's/^cmd\.\([^=]*\)=/[\1] /p' "$RAW/meta"
    printf '```\n'
}

take_arguments "$@"

# ------------------------------------------------------------------------------------------ setup

make_data() {
    local gen_src="$WORK/datagen/src" gen_bin="$WORK/datagen/bin" stamp want
    want="size=$SIZE gen=$(cat "$BENCH"/datagen/*.cs "$BENCH"/datagen/*.csproj | sha256sum | cut -c1-16) small=$SMALL_FILES/$SMALL_MIB"
    D="$WORK/data"
    stamp="$(cat "$D/.stamp" 2>/dev/null || true)"
    if [ "$stamp" = "$want" ]; then
        log "data sets: reusing $D ($want)"
    else
        log "data sets: generating under $D ($want)"
        rm -rf "$WORK/datagen" "$D"
        mkdir -p "$gen_src" "$D"
        cp "$BENCH"/datagen/*.cs "$BENCH"/datagen/*.csproj "$gen_src/"
        dotnet build "$gen_src" -c Release -o "$gen_bin" -nologo > "$RAW/datagen-build.log" 2>&1 ||
            { tail -n 20 "$RAW/datagen-build.log" >&2; die "building bench/datagen failed"; }
        local t0=$EPOCHREALTIME
        "$gen_bin/datagen" model "$D/a" "$SIZE" random 1
        "$gen_bin/datagen" model "$D/b" "$SIZE" float 2
        "$gen_bin/datagen" smallfiles "$D/c" "$SMALL_FILES" "$SMALL_MIB" 3
        "$gen_bin/datagen" hfcache "$D/d" "$((SIZE / 4))" 4
        # Delta source: the same model with 1 MiB of new bytes in the middle of model.plan.
        cp -a "$D/a" "$D/amod"
        local plan_mib=$(( $(stat -c %s "$D/amod/1/model.plan") / 1048576 ))
        dd if=/dev/urandom of="$D/amod/1/model.plan" bs=1M count=1 seek=$((plan_mib / 2)) conv=notrunc status=none
        log "data sets: generated in $(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.0f", b - a }') s"
        printf '%s\n' "$want" > "$D/.stamp"
    fi
    HF="models--bench-org--tiny-llm"
}

write_configs() {
    S="$WORK/server"   # model_base of alias `bench` (reached over ssh)
    L="$WORK/localbase" # model_base of alias `local`
    C="$WORK/client"   # pull and cp targets on "this machine"
    TRASH="$WORK/trash" # what prepares moved aside, removed after each scenario (discard)
    rm -rf "$S" "$L" "$C" && mkdir -p "$S" "$L" "$C"
    CFG="$WORK/model-sync.yaml"
    cat > "$CFG" <<EOF
# Written by bench/run.sh. No defaults section: model-sync's own defaults apply (verify on, compress off).
servers:
  bench:
    host: 127.0.0.1
    user: '$USER_NAME'
    port: $PORT
    model_base: '$S'
    ssh_key: '$KEY'
    ssh_options:
      UserKnownHostsFile: '$KNOWN'
      GlobalKnownHostsFile: /dev/null
      StrictHostKeyChecking: "yes"
      IdentitiesOnly: "yes"
  local:
    model_base: '$L'
EOF
    : > "$WORK/rclone.conf"
    RC=":sftp,host=127.0.0.1,port=$PORT,user=$USER_NAME,key_file=$KEY,known_hosts_file=$KNOWN"
    RSH="ssh $SSH_OPTS"
    REMOTE="$USER_NAME@127.0.0.1"
    MSX="$MS --config $CFG --json"
    MSBX="${MS_BASE:+$MS_BASE --config $CFG --json}"
}

# ------------------------------------------------------------------------------------------ methods
# def SCEN METHOD LABEL PREP CLEAR TARGET SOURCE COMMAND
#   PREP:   fresh (rm -rf CLEAR; mkdir -p CLEAR) | keep (target stays) | delta (CLEAR/model := copy of pristine) | none
#   TARGET: directory to compare with SOURCE after the run (empty: nothing to check)
declare -A LABEL PREP CLEAR TARGET SOURCE CMD
declare -a ORDER_SCEN=()
declare -A METHODS TITLE

scenario() { ORDER_SCEN+=("$1"); TITLE[$1]="$2"; METHODS[$1]=""; printf 'desc.%s=%s\n' "$1" "$3" >> "$RAW/meta"; }
def() {
    local k="$1/$2"
    METHODS[$1]="${METHODS[$1]} $2"
    LABEL[$k]="$3"; PREP[$k]="$4"; CLEAR[$k]="$5"; TARGET[$k]="$6"; SOURCE[$k]="$7"; CMD[$k]="$8"
    printf 'label.%s.%s=%s\n' "$1" "$2" "$3" >> "$RAW/meta"
    printf 'cmd.%s/%s=%s\n' "$1" "$2" "$8" >> "$RAW/meta"
}

# base_def SCEN PREP DIR SOURCE ARGS: the baseline build (BASELINE_REV) as one more method, its target DIR/ms_base/model
base_def() {
    [ -n "${MS_BASE:-}" ] || return 0
    def "$1" ms_base "model-sync @$BASELINE_REV (baseline)" "$2" "$3/ms_base" "$3/ms_base/model" "$4" "$MSBX $5"
}

define_methods() {
    local t
    scenario first_a "First push: $SIZE MiB Triton model, random weights (dataset a)" \
        "Empty target. $(data_files "$D/a") files, $(fmt_bytes "$(data_bytes "$D/a")") bytes; weights incompressible."
    t="$S/first_a"
    def first_a ms "model-sync push (verify on)" fresh "$t/ms" "$t/ms/model" "$D/a" "$MSX push $D/a bench:first_a/ms/model"
    base_def first_a fresh "$t" "$D/a" "push $D/a bench:first_a/ms_base/model"
    def first_a rsync_avz "rsync -avz" fresh "$t/rsync_avz" "$t/rsync_avz/model" "$D/a" "rsync -avz --stats -e '$RSH' $D/a/ $REMOTE:$t/rsync_avz/model/"
    def first_a rsync_a "rsync -a" fresh "$t/rsync_a" "$t/rsync_a/model" "$D/a" "rsync -a --stats -e '$RSH' $D/a/ $REMOTE:$t/rsync_a/model/"
    def first_a scp "scp -r" fresh "$t/scp" "$t/scp/model" "$D/a" "scp ${SSH_OPTS/-p /-P } -r -q $D/a $REMOTE:$t/scp/model"
    def first_a rclone "rclone copy (sftp)" fresh "$t/rclone" "$t/rclone/model" "$D/a" "rclone --config $WORK/rclone.conf copy $D/a $RC:$t/rclone/model"
    def first_a tar_ssh "tar | ssh cat >/dev/null (raw pipe)" fresh "$t/tar_ssh" "" "" "tar -C $D/a -cf - . | ssh $SSH_OPTS $REMOTE 'cat > /dev/null'"

    scenario first_b "First push: $SIZE MiB Triton model, float32-like weights (dataset b)" \
        "Empty target. Weights are float32 gaussians with the low 8 mantissa bits zeroed (compressible, like real fp32 checkpoints)."
    t="$S/first_b"
    def first_b ms "model-sync push (verify on)" fresh "$t/ms" "$t/ms/model" "$D/b" "$MSX push $D/b bench:first_b/ms/model"
    def first_b rsync_avz "rsync -avz" fresh "$t/rsync_avz" "$t/rsync_avz/model" "$D/b" "rsync -avz --stats -e '$RSH' $D/b/ $REMOTE:$t/rsync_avz/model/"
    def first_b rsync_a "rsync -a" fresh "$t/rsync_a" "$t/rsync_a/model" "$D/b" "rsync -a --stats -e '$RSH' $D/b/ $REMOTE:$t/rsync_a/model/"

    scenario compress "Compression on: dataset b pushed with \`--compress\` (as \`compress: true\`) and with \`--no-compress\`" \
        "Empty target. Weights (model.onnx, model.plan) must go uncompressed even with compression on, so the two should take the same time; text files are compressed. \`rsync -avz\` (zstd on every file) for reference."
    t="$S/compress"
    def compress ms_z "model-sync push --compress (verify on)" fresh "$t/ms_z" "$t/ms_z/model" "$D/b" "$MSX push --compress $D/b bench:compress/ms_z/model"
    def compress ms "model-sync push --no-compress (verify on)" fresh "$t/ms" "$t/ms/model" "$D/b" "$MSX push --no-compress $D/b bench:compress/ms/model"
    def compress rsync_avz "rsync -avz" fresh "$t/rsync_avz" "$t/rsync_avz/model" "$D/b" "rsync -avz --stats -e '$RSH' $D/b/ $REMOTE:$t/rsync_avz/model/"

    scenario noop "No-op re-push (dataset a, target already up to date)" \
        "Each method's target was filled once by that same method (untimed); the timed run finds nothing to send. model-sync still verifies (hashes both sides)."
    t="$S/noop"
    def noop ms "model-sync push (verify on)" keep "$t/ms" "$t/ms/model" "$D/a" "$MSX push $D/a bench:noop/ms/model"
    base_def noop keep "$t" "$D/a" "push $D/a bench:noop/ms_base/model"
    def noop rsync_a "rsync -a" keep "$t/rsync_a" "$t/rsync_a/model" "$D/a" "rsync -a --stats -e '$RSH' $D/a/ $REMOTE:$t/rsync_a/model/"

    scenario delta "Delta: 1 MiB changed in the middle of 1/model.plan (dataset a)" \
        "The target holds the original model as a model-sync push left it, manifest included (pushed once, untimed, then reset with cp -a before every run, which keeps the mtimes the manifest records); rsync gets the very same target, where the manifest is one more file it leaves alone. The source has 1 MiB of new bytes in model.plan ($(fmt_bytes "$(stat -c %s "$D/a/1/model.plan")") bytes)."
    t="$S/delta"
    def delta ms "model-sync push (verify on)" delta "$t/ms" "$t/ms/model" "$D/amod" "$MSX push $D/amod bench:delta/ms/model"
    base_def delta delta "$t" "$D/amod" "push $D/amod bench:delta/ms_base/model"
    def delta rsync_a "rsync -a" delta "$t/rsync_a" "$t/rsync_a/model" "$D/amod" "rsync -a --stats -e '$RSH' $D/amod/ $REMOTE:$t/rsync_a/model/"

    scenario pull "Pull: dataset a from the server to an empty local directory" \
        "model-sync push of the same data runs in the same rounds, for the pull/push ratio."
    t="$C/pull"
    def pull ms_pull "model-sync pull (verify on)" fresh "$t/ms_pull" "$t/ms_pull/model" "$D/a" "$MSX pull bench:pull_src/model $t/ms_pull/model"
    def pull ms_push "model-sync push (verify on), reference" fresh "$S/pull/ms_push" "$S/pull/ms_push/model" "$D/a" "$MSX push $D/a bench:pull/ms_push/model"
    def pull rsync_pull "rsync -a (pull)" fresh "$t/rsync_pull" "$t/rsync_pull/model" "$D/a" "rsync -a --stats -e '$RSH' $REMOTE:$S/pull_src/model/ $t/rsync_pull/model/"
    def pull rclone_pull "rclone copy (sftp, pull)" fresh "$t/rclone_pull" "$t/rclone_pull/model" "$D/a" "rclone --config $WORK/rclone.conf copy $RC:$S/pull_src/model $t/rclone_pull/model"

    scenario local "Local-alias copy: dataset a to the \`local\` alias (a directory on this machine)" \
        "model-sync push <dir> local:... (kernel copy into the stage, each file hashed back from it by sha256 in-process, as the source is by its cache or openssl) vs plain cp -r; same disk."
    def local ms "model-sync push to local (verify on)" fresh "$L/local_ms" "$L/local_ms/model" "$D/a" "$MSX push $D/a local:local_ms/model"
    base_def local fresh "$L/local" "$D/a" "push $D/a local:local/ms_base/model"
    def local cp "cp -r" fresh "$C/local_cp" "$C/local_cp/model" "$D/a" "cp -r $D/a $C/local_cp/model"

    scenario files20k "First push: 20k-file tokenizer-heavy tree (dataset c)" \
        "Empty target. $(data_files "$D/c") files in 100 directories, $(fmt_bytes "$(data_bytes "$D/c")") bytes (512 B – 32 KiB each)."
    t="$S/files20k"
    def files20k ms "model-sync push (verify on)" fresh "$t/ms" "$t/ms/model" "$D/c" "$MSX push $D/c bench:files20k/ms/model"
    base_def files20k fresh "$t" "$D/c" "push $D/c bench:files20k/ms_base/model"
    def files20k rsync_a "rsync -a" fresh "$t/rsync_a" "$t/rsync_a/model" "$D/c" "rsync -a --stats -e '$RSH' $D/c/ $REMOTE:$t/rsync_a/model/"

    scenario hf "First push: Hugging Face cache entry (dataset d, snapshots/ symlinks into blobs/)" \
        "Empty target. $HF: $(data_files "$D/d") blobs, $(find "$D/d" -type l | wc -l) relative symlinks in two snapshots, $(fmt_bytes "$(data_bytes "$D/d")") bytes. Check: every symlink must arrive as a symlink that resolves."
    t="$S/hf"
    def hf ms "model-sync push (verify on)" fresh "$t/ms" "$t/ms/$HF" "$D/d/$HF" "$MSX push $D/d/$HF bench:hf/ms/$HF"
    def hf rsync_a "rsync -a" fresh "$t/rsync_a" "$t/rsync_a/$HF" "$D/d/$HF" "rsync -a --stats -e '$RSH' $D/d/$HF/ $REMOTE:$t/rsync_a/$HF/"

    scenario hash "Local hashing: the $SIZE MiB of dataset a, already in the page cache, by model-sync and by the tools alone" \
        "model-sync: \`verify local:<copy>\` re-hashes a copy (hard links to one set of files, in the local alias) against its manifest with that manifest's hash, i.e. its own parallel batches of openssl / xxhsum / b3sum plus the listing and process start. The tools: one run over all files (b3sum is multi-threaded itself, and maps each file into memory, which its peak RSS counts; this scenario is left out of model-sync's RSS target)."
    t="$L/hash"
    local files="find $t/sha256/model -type f ! -name .model-sync-manifest.json -print0 | xargs -0"
    def hash ms_sha256 "model-sync verify, sha256" keep "$t" "" "$t/sha256/model" "$MSX verify local:hash/sha256/model"
    def hash openssl "openssl dgst -sha256" keep "$t" "" "$t/sha256/model" "$files openssl dgst -sha256 > /dev/null"
    def hash ms_xxh128 "model-sync verify, xxh128" keep "$t" "" "$t/sha256/model" "$MSX verify local:hash/xxh128/model"
    def hash xxhsum "xxhsum -H2" keep "$t" "" "$t/sha256/model" "$files xxhsum -H2 > /dev/null"
    def hash ms_blake3 "model-sync verify, blake3" keep "$t" "" "$t/sha256/model" "$MSX verify local:hash/blake3/model"
    def hash b3sum "b3sum" keep "$t" "" "$t/sha256/model" "$files b3sum > /dev/null"

    scenario verify_cost "Cost of verification: first push of dataset a with and without it" \
        "Empty target, as in the first push above. Verify on hashes the source while rsync reads it and the stage after it is written."
    t="$S/verify_cost"
    def verify_cost ms "model-sync push (verify on, sha256)" fresh "$t/ms" "$t/ms/model" "$D/a" "$MSX push $D/a bench:verify_cost/ms/model"
    def verify_cost ms_noverify "model-sync push --no-verify" fresh "$t/ms_noverify" "$t/ms_noverify/model" "$D/a" "$MSX push --no-verify $D/a bench:verify_cost/ms_noverify/model"
    def verify_cost ms_xxh128 "model-sync push --hash xxh128" fresh "$t/ms_xxh128" "$t/ms_xxh128/model" "$D/a" "$MSX push --hash xxh128 $D/a bench:verify_cost/ms_xxh128/model"

    scenario diff "diff of an unchanged model (dataset a) against its verified copy on the server" \
        "The target was pushed once (untimed); diff compares listings only (size and mtime), verify takes the server's hashes from its manifest and the local ones from the hash cache. Reference: a bare ssh login running \`true\` with the same key and options (no connection sharing)."
    t="$S/diff"
    def diff ms_diff "model-sync diff" keep "$t" "" "$D/a" "$MSX diff $D/a bench:diff/model"
    def diff ssh_true "ssh host true" keep "$t" "" "$D/a" "ssh $SSH_OPTS $REMOTE true"
    def diff ms_verify "model-sync verify" keep "$t" "" "$D/a" "$MSX verify $D/a bench:diff/model"

    scenario servers "Startup: \`model-sync servers\` (config parse + table, no connection)" \
        "$SERVERS_REPS runs per round, no settle."
    def servers ms "model-sync servers" none "" "" "" "$MS --config $CFG servers"

    printf 'bytes.compress=%s\n' "$(data_bytes "$D/b")" >> "$RAW/meta"
    printf 'bytes.first_a=%s\nbytes.first_b=%s\nbytes.delta=%s\nbytes.pull=%s\nbytes.local=%s\nbytes.files20k=%s\nbytes.hf=%s\n' \
        "$(data_bytes "$D/a")" "$(data_bytes "$D/b")" "$(data_bytes "$D/a")" "$(data_bytes "$D/a")" "$(data_bytes "$D/a")" \
        "$(data_bytes "$D/c")" "$(data_bytes "$D/d")" >> "$RAW/meta"
    printf 'bytes.hash=%s\nbytes.verify_cost=%s\n' "$(data_bytes "$D/a")" "$(data_bytes "$D/a")" >> "$RAW/meta"
    local s
    for s in "${ORDER_SCEN[@]}"; do printf 'scenario=%s|%s|%s\n' "$s" "${TITLE[$s]}" "${METHODS[$s]# }" >> "$RAW/meta"; done
}

# ------------------------------------------------------------------------------------------ measuring

seed_delta() { # seed_delta DIR (under $S): the original model as a model-sync push leaves it, with its manifest
    local rel="${1#"$S"/}"
    $MS --config "$CFG" push "$D/a" "bench:$rel" > "$RAW/delta.seed.out" 2> "$RAW/delta.seed.err" || die "seeding the delta target failed: see $RAW/delta.seed.err"
    [ -f "$1/.model-sync-manifest.json" ] || die "seeding the delta target left no manifest in $1"
}

# What a prepare takes away is moved aside and removed only after the scenario: this disk's ext4 will not hand out
# again, for a minute after sync, an inode freed in the last minute, and skips each one while it searches its group
# for a free one. Removing the last run's 20,000 files just before the next run made that run's every file creation
# cost ~0.4 ms instead of ~25 µs (perf: recently_deleted under __ext4_new_inode), at random for either method.
discard() { # discard DIR
    [ -e "$1" ] || return 0
    mkdir -p "$TRASH" && mv -- "$1" "$(mktemp -u "$TRASH/XXXXXXXX")"
}

# Empties the trash, then waits out the minute in which its inodes stay off limits before the next scenario writes.
empty_trash() {
    [ -d "$TRASH" ] || return 0
    local freed
    freed=$(find "$TRASH" | wc -l)
    rm -rf "$TRASH"
    sync
    if [ "$freed" -gt 1000 ]; then sleep "${RECENTLY_FREED:-65}"; fi
}

prepare() { # prepare KEY
    local k="$1"
    case "${PREP[$k]}" in
        fresh) discard "${CLEAR[$k]}" && mkdir -p "${CLEAR[$k]}" ;;
        delta) discard "${CLEAR[$k]}" && mkdir -p "${CLEAR[$k]}" && cp -a "$S/delta_pristine" "${CLEAR[$k]}/model" ;;
        keep | none) ;;
    esac
    if [ "${PREP[$k]}" != none ]; then
        sync
        sleep "$SETTLE"
    fi
}

# The baseline build's commands are checked as model-sync's own.
as_ms() { local c="${CMD[$1]}"; [ -n "${MSBX:-}" ] && c="${c/#"$MSBX "/"$MSX "}"; printf '%s' "$c"; }

check_run() { # check_run KEY OUTFILE -> a short word for results.tsv
    local k="$1" out="$2" words=() cmd
    cmd="$(as_ms "$k")"
    case "$cmd" in
        "$MSX push --no-verify "*)
            if grep -q '"status": *"skipped"' "$out"; then words+=("unverified (--no-verify)"); else words+=("VERIFIED DESPITE --no-verify"); fi ;;
        "$MSX verify "*)
            if grep -q '"ok": *true' "$out"; then words+=("verified"); else words+=("NOT VERIFIED"); fi ;;
        "$MSX diff "*)
            if grep -q '"new": *0' "$out" && grep -q '"modified": *0' "$out"; then words+=("in sync"); else words+=("NOT IN SYNC"); fi ;;
        "$MSX "*)
            if grep -q '"verified": *true' "$out"; then words+=("verified"); else words+=("NOT VERIFIED"); fi ;;
    esac
    if [[ "$cmd" == *" --hash "* || "$cmd" == "$MSX verify local:hash/"* ]]; then
        words+=("$(sed -n 's/.*"algorithm": *"\([a-z0-9]*\)".*/\1/p' "$out" | head -n 1)")
    fi
    if [ -n "${TARGET[$k]}" ]; then
        local a b broken
        a="$(tree_sig "${SOURCE[$k]}")"
        b="$(tree_sig "${TARGET[$k]}")"
        if [ "$a" = "$b" ]; then words+=("tree ok"); else words+=("TREE DIFFERS ($b vs $a)"); fi
        broken="$({ find "${TARGET[$k]}" -xtype l 2>/dev/null || true; } | wc -l)"
        if [ "$(find "${SOURCE[$k]}" -type l | wc -l)" -gt 0 ]; then
            [ "$broken" -eq 0 ] && words+=("links resolve") || words+=("$broken BROKEN LINKS")
        fi
    fi
    local out="" w
    for w in "${words[@]}"; do out="${out:+$out, }$w"; done
    printf '%s' "${out:-ok}"
}

wire_bytes() { # wire_bytes KEY OUTFILE
    local k="$1" out="$2" v=""
    if [[ "$(as_ms "$k")" == "$MSX "* ]]; then
        v="$(sed -n 's/.*"bytes_sent": *\([0-9][0-9]*\).*/\1/p' "$out" | head -n 1)"
    elif [[ "${CMD[$k]}" == rsync* ]]; then
        if [[ "${CMD[$k]}" == *" $REMOTE:"*" $C/"* ]]; then
            v="$(sed -n 's/^Total bytes received: *//p' "$out" | tr -d ',')"
        else
            v="$(sed -n 's/^Total bytes sent: *//p' "$out" | tr -d ',')"
        fi
    fi
    printf '%s' "$v"
}

run_one() { # run_one SCEN METHOD RUN
    local k="$1/$2"
    prepare "$k"
    timed_run "$k" "$RAW/$1.$2.$3"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$RUN_SECS" "${RUN_RSS:-0}" "$RUN_BYTES" "$RUN_RC" "$RUN_CHECK" >> "$RAW/results.tsv"
    printf '  %-9s %-12s run %s: %7.3f s  rss %6s KiB  bytes %-12s %s\n' "$1" "$2" "$3" "$RUN_SECS" "${RUN_RSS:-?}" "${RUN_BYTES:--}" "$RUN_CHECK" >&2
}

steal_ticks() { awk '$1 == "cpu" { print $9 }' /proc/stat; }

run_scenario() { # run_scenario SCEN
    local scen="$1" methods m r i ordered k steal0
    read -r -a methods <<< "${METHODS[$scen]}"
    log "scenario $scen: ${methods[*]} × $RUNS round(s)"
    case "$scen" in
        noop)
            for m in "${methods[@]}"; do
                k="$scen/$m"
                rm -rf "${CLEAR[$k]}" && mkdir -p "${CLEAR[$k]}"
                bash -c "${CMD[$k]}" > "$RAW/$scen.$m.seed.out" 2> "$RAW/$scen.$m.seed.err" || die "seeding $k failed: see $RAW/$scen.$m.seed.err"
            done ;;
        delta)
            rm -rf "$S/delta_pristine" && seed_delta "$S/delta_pristine" ;;
        pull)
            mkdir -p "$S/pull_src" && rm -rf "$S/pull_src/model" && cp -a "$D/a" "$S/pull_src/model" ;;
        hash)
            # One real copy; the others are hard links to it, each with its own manifest (written by an
            # unchanged re-push with that hash), so every method hashes the very same cached bytes.
            rm -rf "$L/hash" && mkdir -p "$L/hash/xxh128" "$L/hash/blake3"
            seed "$scen" push --hash sha256 "$D/a" local:hash/sha256/model
            local h
            for h in xxh128 blake3; do
                cp -al "$L/hash/sha256/model" "$L/hash/$h/model"
                seed "$scen.$h" push --hash "$h" "$D/a" "local:hash/$h/model"
            done ;;
        diff)
            rm -rf "$S/diff" && seed "$scen" push "$D/a" bench:diff/model ;;
    esac
    # Warm the sources into the page cache, as in BASELINE.md.
    for m in "${methods[@]}"; do
        k="$scen/$m"
        if [ -n "${SOURCE[$k]}" ]; then find "${SOURCE[$k]}" -type f -print0 | xargs -0 -r cat > /dev/null; fi
    done
    steal0=$(steal_ticks)
    printf 'load.%s=%s\n' "$scen" "$(cut -d' ' -f1-3 /proc/loadavg)" >> "$RAW/meta"
    for r in $(seq 1 "$RUNS"); do
        mapfile -t ordered < <(rotated "$r" "${methods[@]}")
        for m in "${ordered[@]}"; do
            if [ "$scen" = servers ]; then
                for i in $(seq 1 "$SERVERS_REPS"); do run_one "$scen" "$m" "$r.$i"; sleep 0.2; done
            else
                run_one "$scen" "$m" "$r"
            fi
        done
    done
    printf 'steal.%s=%s\n' "$scen" "$(awk -v a="$steal0" -v b="$(steal_ticks)" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.1f", (b - a) / hz }')" >> "$RAW/meta"
    # Free the space (and the page cache) before the next scenario.
    for m in "${methods[@]}"; do k="$scen/$m"; [ -n "${CLEAR[$k]}" ] && rm -rf "${CLEAR[$k]}"; done
    case "$scen" in delta) rm -rf "$S/delta_pristine" ;; pull) rm -rf "$S/pull_src" "$S/pull" ;; hash) rm -rf "$L/hash" ;; esac
    rm -rf "${S:?}/$scen" "${C:?}/$scen"
    empty_trash
}

# One extra, untimed push per kind with the phase lines time-stamped: where model-sync's time goes.
timeline() {
    local f="$RAW/timeline.md" name src dst t0 prep
    {
        printf '## Where model-sync spends its time (one extra run each, phase lines time-stamped)\n\n'
        printf 'Seconds since start at which model-sync printed each stderr line (same prepare as above). '
        printf 'Remote-side CPU during the same runs is not broken down here.\n\n'
    } > "$f"
    for spec in "first push (dataset a)|$D/a|timeline/first|fresh" "no-op re-push (dataset a)|$D/a|timeline/first|keep" \
        "1 MiB delta (dataset a)|$D/amod|timeline/delta|delta" "first push, 20k files (dataset c)|$D/c|timeline/files20k|fresh"; do
        IFS='|' read -r name src dst prep <<< "$spec"
        case "$prep" in
            fresh) rm -rf "$S/$dst" ;;
            delta) rm -rf "$S/$dst" && mkdir -p "$(dirname "$S/$dst")" && seed_delta "$S/$dst" ;;
        esac
        sync; sleep "$SETTLE"
        t0=$EPOCHREALTIME
        $MS --config "$CFG" push "$src" "bench:$dst" 2>&1 > "$RAW/timeline.out" |
            while IFS= read -r line; do printf '%s\t%s\n' "$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')" "$line"; done > "$RAW/timeline.err" || true
        {
            printf '**%s**, total %s s:\n\n```\n' "$name" "$(awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.2f", b - a }')"
            grep -v $'\t- ' "$RAW/timeline.err" | grep -v $'\t *$' | head -n 20
            grep -E '^\| (Time|Sent|Verified) ' "$RAW/timeline.out" | sed 's/^/report: /'
            printf '```\n\n'
        } >> "$f"
    done
    rm -rf "$S/timeline"
}

# ------------------------------------------------------------------------------------------ main

main() {
    local started=$EPOCHREALTIME
    begin_run
    make_data
    trap 'stop_sshd' EXIT
    trap 'exit 130' INT TERM
    start_sshd
    write_configs

    local cpu mem
    cpu="$(cpu_name)"
    mem="$(awk '/^MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo)"
    {
        printf 'machine=%s; %s cores (nproc); %s; kernel %s; %s; AES-NI %s, SHA-NI %s\n' "$(utc_now)" \
            "$(nproc)" "$cpu" "$(uname -r)" "$mem" "$(grep -qw aes /proc/cpuinfo && echo yes || echo no)" "$(grep -qw sha_ni /proc/cpuinfo && echo yes || echo no)"
        printf 'tools=%s; %s; %s; %s; dotnet %s; %s; %s; xxhsum %s; %s\n' "$(rsync_version)" "$(ssh -V 2>&1)" \
            "$(rclone version 2>/dev/null | head -n 1)" "$(tar --version | head -n 1)" "$(dotnet --version)" "$(dpkg-query -W -f='GNU time ${Version}' time 2>/dev/null || /usr/bin/time --version 2>&1 | head -n 1)" \
            "$(openssl version)" "$(dpkg-query -W -f='${Version}' xxhash 2>/dev/null || echo '?')" "$(b3sum --version)"
        printf 'modelsync=%s\n' "$(describe_model_sync ' (as scripts/model-sync.sh computes it)')"
        printf 'data=SIZE=%s MiB; a: %s files, %s B; b: %s B; c: %s files, %s B; d: %s files + %s symlinks, %s B; work dir %s\n' "$SIZE" \
            "$(data_files "$D/a")" "$(fmt_bytes "$(data_bytes "$D/a")")" "$(fmt_bytes "$(data_bytes "$D/b")")" \
            "$(data_files "$D/c")" "$(fmt_bytes "$(data_bytes "$D/c")")" "$(data_files "$D/d")" "$(find "$D/d" -type l | wc -l)" \
            "$(fmt_bytes "$(data_bytes "$D/d")")" "$WORK"
        printf 'note=%s\n' "${BENCH_NOTE:-}"
        local rr="bench/run.sh"
        [ "$SIZE" != 1024 ] && rr="SIZE=$SIZE $rr"
        [ "$RUNS" != 3 ] && rr="RUNS=$RUNS $rr"
        printf 'rerun=%s\n' "$rr"
    } >> "$RAW/meta"
    local load_start
    load_start="$(cut -d' ' -f1-3 /proc/loadavg)"

    define_methods
    local scen
    IFS=',' read -r -a wanted <<< "$SCENARIOS"
    for scen in "${ORDER_SCEN[@]}"; do
        [[ " ${wanted[*]} " == *" $scen "* ]] && run_scenario "$scen"
    done
    if [[ " ${wanted[*]} " == *" first_a "* ]]; then timeline; fi

    local steal_total
    steal_total="$(sed -n 's/^steal\.[^=]*=//p' "$RAW/meta" | awk '{ s += $1 } END { printf "%.1f", s }')"
    {
        printf 'sitting=%s rounds per scenario, settle %s s. Load average (1/5/15 min) at start %s, at the end %s; CPU steal during the timed scenarios %s s in total (per scenario: %s). The machine is shared (2 cores, other work running), so single-run figures move by ±10–30%%; compare only within this run.\n' \
            "$RUNS" "$SETTLE" "$load_start" "$(cut -d' ' -f1-3 /proc/loadavg)" "$steal_total" \
            "$(sed -n 's/^steal\.\([^=]*\)=\(.*\)/\1 \2/p' "$RAW/meta" | paste -sd, - | sed 's/,/, /g')"
    } >> "$RAW/meta"
    end_run "$started"
}

main
