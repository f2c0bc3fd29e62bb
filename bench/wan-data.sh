# shellcheck shell=bash
# bench/wan-data.sh — the data sets of bench/wan.sh (random bytes, sized from the issue's cases, scaled by SIZE_PCT).
# Sourced by wan.sh, which sets WORK, SIZE_PCT, COLD_8G, PREV and NEXT; sets D (and G8).

mib() { echo $(( $1 * SIZE_PCT / 100 )); } # the issue's MiB, scaled by SIZE_PCT
rand_file() { # rand_file PATH MIB
    mkdir -p "$(dirname "$1")"
    head -c "$(( $2 * 1048576 ))" /dev/urandom > "$1"
}
text_file() { # text_file PATH KIB: base64 text, compressible like JSON
    mkdir -p "$(dirname "$1")"
    head -c "$(( $2 * 768 ))" /dev/urandom | base64 > "$1"
}

make_data() {
    D="$WORK/data"
    local want stamp
    want="pct=$SIZE_PCT script=$(sed -n '/^make_data() {/,/^}/p' "$BENCH/wan-data.sh" | sha256sum | cut -c1-16)"
    stamp="$(cat "$D/.stamp" 2>/dev/null || true)"
    make_data_g8
    if [ "$stamp" = "$want" ]; then log "data sets: reusing $D"; return 0; fi
    log "data sets: generating under $D ($want)"
    rm -rf "$D" && mkdir -p "$D"
    # small: 7 files, ~400 KB, a Triton-like layout
    text_file "$D/small/config.pbtxt" 1
    text_file "$D/small/labels.txt" 20
    text_file "$D/small/README.md" 2
    mkdir -p "$D/small/1" && head -c 307200 /dev/urandom > "$D/small/1/model.onnx"
    text_file "$D/small/tokenizer/tokenizer.json" 60
    text_file "$D/small/tokenizer/vocab.txt" 16
    text_file "$D/small/tokenizer/special_tokens_map.json" 1
    # m256: one 200 MiB and one 56 MiB file
    rand_file "$D/m256/1/model.plan" "$(mib 200)"
    rand_file "$D/m256/1/model.onnx" "$(mib 56)"
    text_file "$D/m256/config.pbtxt" 1
    # g1: 1 GiB, a 700 MiB plan, a 324 MiB onnx and a config
    rand_file "$D/g1/1/model.plan" "$(mib 700)"
    rand_file "$D/g1/1/model.onnx" "$(mib 324)"
    text_file "$D/g1/config.pbtxt" 1
    # Two versions of one model: the next one has 1 MiB of new bytes inside the 700 MiB file and a new config;
    # the tokenizer is the same file (same mtime). The previous version's plan is a hard link to g1's (read-only
    # sources). The versions get their own dates: written within one second, rsync's quick check (size and
    # mtime in whole seconds) would take the changed files for unchanged ones and copy the old bytes.
    mkdir -p "$D/$PREV/1" "$D/$PREV/tokenizer"
    ln "$D/g1/1/model.plan" "$D/$PREV/1/model.plan"
    text_file "$D/$PREV/config.pbtxt" 1
    text_file "$D/$PREV/tokenizer/tokenizer.json" 2048
    find "$D/$PREV" -type f -exec touch -d '2025-07-15 12:00:00' {} +
    cp -a "$D/$PREV" "$D/$NEXT"
    rm "$D/$NEXT/1/model.plan" && cp "$D/g1/1/model.plan" "$D/$NEXT/1/model.plan"
    dd if=/dev/urandom of="$D/$NEXT/1/model.plan" bs=1M count=1 seek="$(( $(mib 700) / 2 ))" conv=notrunc status=none
    text_file "$D/$NEXT/config.pbtxt" 1
    touch -d '2025-08-20 12:00:00' "$D/$NEXT/1/model.plan" "$D/$NEXT/config.pbtxt"
    printf '%s\n' "$want" > "$D/.stamp"
}

make_data_g8() { # kept apart from the other data sets, so COLD_8G=1 does not make them anew
    G8="$WORK/data-g8/g8"
    [ -n "$COLD_8G" ] || return 0
    [ "$(cat "$G8.stamp" 2>/dev/null || true)" = "pct=$SIZE_PCT" ] && return 0
    log "data sets: generating $G8"
    rm -rf "$G8" "$G8.stamp"
    local i
    for i in 1 2 3 4 5 6 7 8; do rand_file "$G8/shard-0000$i-of-00008.safetensors" "$(mib 1024)"; done
    text_file "$G8/config.json" 2
    printf 'pct=%s\n' "$SIZE_PCT" > "$G8.stamp"
}
