# shellcheck shell=bash
# bench/wan-report.sh — WAN.md from bench/raw-wan/ (results.tsv and meta). Sourced by wan.sh, after lib.sh.

meta() { sed -n "s/^$1=//p" "$RAW/meta" | head -n 1; }
has() { grep -q "^$1"$'\t' "$RAW/results.tsv"; }

# case|label|model-sync method|rsync method|target|what (time or bytes)
CASES=(
    "small_first|first push of a small model (7 files, ~400 KB)|ms|rsync|1.1|time"
    "small_noop|no-op re-push of the small model|ms|rsync|0.8|time"
    "small_diff|\`diff\` of the unchanged small model vs \`rsync -ani\`|ms|rsync|0.8|time"
    "m256_first|first push of 256 MiB (one 200 + one 56 MiB file)|ms|rsync|0.4|time"
    "g1_first|first push of 1 GiB|ms|rsync|0.3|time"
    "version|new version next to the previous one: bytes sent vs \`rsync -a --copy-dest\`|ms|rsync|1.1|bytes"
    "version|new version next to the previous one: time vs \`rsync -a --copy-dest\`|ms|rsync|—|time"
    "cold_g1|no-op push with a cold local hash cache, 1 GiB, **loopback** (no proxy)|ms|rsync|1.0|time"
    "cold_g8|no-op push with a cold local hash cache, 8 GiB, **loopback** (no proxy)|ms|rsync|1.0|time"
)

write_report() {
    [ -s "$RAW/results.tsv" ] || die "no measurements in $RAW/results.tsv"
    local out="$RESULTS.tmp" spec scen label a b limit what ma mb r verdict col
    {
        printf '# model-sync over a link with latency (issue 13)\n\n'
        printf 'Written by `bench/wan.sh` on %s (%s). Rerun: `%s`. Raw logs: `bench/raw-wan/` (gitignored).\n\n' "$(meta finished)" "$(meta duration)" "$(meta rerun)"
        printf '**Link:** %s\n\n' "$(meta link)"
        printf '**Proxy check:** %s\n\n' "$(meta check)"
        printf '**Machine:** %s\n\n' "$(meta machine)"
        printf '**Load:** %s 1-min load average when each case started: %s.\n\n' "$(meta load)" \
            "$(sed -n 's/^load\.\([^=]*\)=\([^ ]*\).*/\1 \2/p' "$RAW/meta" | paste -sd, - | sed 's/,/, /g')"
        printf '**model-sync:** %s\n\n' "$(meta modelsync)"
        printf '**Data:** %s\n\n' "$(meta data)"
        [ -n "$(meta note)" ] && printf '> %s\n\n' "$(meta note)"
        printf '## Against the targets of issue 13\n\n'
        printf 'Medians of %s alternating rounds; ratio = model-sync / rsync (wall time, or bytes sent where it says so).\n\n' "$(meta runs)"
        printf '| case | model-sync | rsync | ratio | target | verdict |\n|---|---:|---:|---:|---:|---|\n'
        for spec in "${CASES[@]}"; do
            IFS='|' read -r scen label a b limit what <<< "$spec"
            has "$scen" || continue
            col=3
            [ "$what" = bytes ] && col=7
            ma="$(field "$col" "$(stats "$scen" "$a")")"
            mb="$(field "$col" "$(stats "$scen" "$b")")"
            r=""
            [ -n "$ma" ] && [ -n "$mb" ] && r="$(awk -v a="$ma" -v b="$mb" 'BEGIN { if (b > 0) printf "%.2f", a / b }')"
            if [ "$limit" = "—" ]; then verdict="(no target)"
            elif [ -z "$r" ]; then verdict="n/a (not measured)"
            else verdict="$(awk -v x="$r" -v l="$limit" 'BEGIN { if (x <= l) print "met"; else printf "**missed** by %.0f%%\n", (x / l - 1) * 100 }')"
            fi
            if [ "$what" = bytes ]; then
                printf '| %s | %s B | %s B | %s | ≤ %s | %s |\n' "$label" "$(fmt_bytes "$ma")" "$(fmt_bytes "$mb")" "${r:-—}" "$limit" "$verdict"
            else
                printf '| %s | %s s | %s s | %s | %s | %s |\n' "$label" "$(fmt_s "$ma")" "$(fmt_s "$mb")" "${r:-—}" "$([ "$limit" = "—" ] && echo "—" || echo "≤ $limit")" "$verdict"
            fi
        done
        printf '\n## Every method\n\n'
        printf 'Wire bytes: model-sync'"'"'s `--json` `bytes_sent`, rsync'"'"'s `--stats` "Total bytes sent". Connections: TCP connections the proxy accepted during the run (ssh sessions that did not share one).\n\n'
        printf '| case | method | ok/runs | median s | min–max s | wire bytes (median) | connections | checks |\n|---|---|---:|---:|---:|---:|---:|---|\n'
        local s m st
        while IFS='|' read -r s m label; do
            has "$s" || continue
            st="$(stats "$s" "$m")"
            printf '| %s | %s | %s/%s | %s | %s–%s | %s | %s | %s |\n' "$s" "$label" "$(field 1 "$st")" "$(field 2 "$st")" \
                "$(fmt_s "$(field 3 "$st")")" "$(fmt_s "$(field 4 "$st")")" "$(fmt_s "$(field 5 "$st")")" \
                "$(fmt_bytes "$(field 7 "$st")")" "$(awk -F'\t' -v s="$s" -v m="$m" '$1 == s && $2 == m { printf "%s%s", (n++ ? " " : ""), $9 }' "$RAW/results.tsv")" \
                "$(printf '%s\n' "$st" | cut -d' ' -f8-)"
        done < <(sed -n 's/^label\.\([^.]*\)\.\([^=]*\)=/\1|\2|/p' "$RAW/meta")
        printf '\n## Method\n\n'
        cat <<'EOF'
- The proxy (`bench/latency-proxy`, C#) accepts on 127.0.0.1 and opens one connection to the sshd per accepted
  connection; per direction one thread reads and stamps each chunk, another writes it at stamp + LATENCY_MS, in
  order, so reading never waits for the delay (no throughput cap of its own: ssh's and TCP's windows decide, as
  on a WAN). With RATE_MBIT each direction is one shared FIFO link of that rate. The loopback cases bypass it.
- Rounds: in each, model-sync and rsync run once, in an order that rotates every round. Before every first push
  and every new-version push the target is removed, then `sync` and a SETTLE s pause (the VM returns freed memory
  to the host); no-op, diff and cold-cache runs leave the target in place (seeded once, untimed) and get no pause.
  The cold-cache runs remove model-sync's local hash cache (`$XDG_CACHE_HOME/model-sync/hashes`, pointed into the
  work dir) before each run, untimed. Sources are read once before each case (page cache warm).
- Wall time from `$EPOCHREALTIME` around `/usr/bin/time bash -c '<command>'`. model-sync runs with its defaults
  (sha256 verification on both sides); rsync with `-a --stats` over `ssh` with the same key and options.
- Checks after each run (untimed): model-sync's JSON `"verified": true` (diff: nothing new or modified; `rsync
  -ani`: prints nothing); the target's file count and size equal the source's (`tree ok`) and so do its bytes
  (`diff -rq`, `same bytes`).
EOF
        printf '\n## Commands as run\n\n```\n'
        sed -n 's/^cmd\.\([^=]*\)=/[\1] /p' "$RAW/meta" | while IFS= read -r line; do
            s="${line#[}"
            if has "${s%%/*}"; then printf '%s\n' "$line"; fi
        done
        printf '```\n'
    } > "$out"
    mv "$out" "$RESULTS"
    log "wrote $RESULTS"
}
