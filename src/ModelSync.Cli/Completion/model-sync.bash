# bash completion for model-sync. Install:
#   model-sync completion bash > ~/.local/share/bash-completion/completions/model-sync
# or add `source <(model-sync completion bash)` to ~/.bashrc.
# The words come from `model-sync __complete`: commands and options from the tool itself, aliases from the config,
# and for alias:<TAB> the names under that alias's model_base (one ssh listing; nothing when it is unreachable).

_model_sync() {
    # Split what is left of the cursor on blanks only: bash's own words also break at ':' and '='.
    local line="${COMP_LINE:0:COMP_POINT}"
    local -a words
    read -r -a words <<< "$line"
    [[ "$line" =~ [[:space:]]$ ]] && words+=("")
    [[ ${#words[@]} -ge 2 ]] || return 0
    local cur="${words[${#words[@]}-1]}"
    local program="${words[0]/#\~/$HOME}"

    local output
    output="$("$program" __complete -- "${words[@]:1}" 2>/dev/null)" || return 0

    local -a candidates=()
    local candidate files=0
    while IFS= read -r candidate; do
        if [[ "$candidate" == "::files" ]]; then
            files=1
        elif [[ -n "$candidate" ]]; then
            candidates+=("$candidate")
        fi
    done <<< "$output"

    # bash replaces only its own current word, which starts after the last ':' when ':' breaks words.
    local prefix=""
    if [[ "$cur" == *:* && "$COMP_WORDBREAKS" == *:* ]]; then
        prefix="${cur%"${cur##*:}"}"
    fi
    COMPREPLY=()
    for candidate in "${candidates[@]}"; do
        COMPREPLY+=("${candidate#"$prefix"}")
        [[ "$candidate" == *: ]] && compopt -o nospace 2>/dev/null
    done
    if [[ $files -eq 1 ]]; then
        compopt -o filenames 2>/dev/null
        local file
        while IFS= read -r file; do
            [[ -n "$file" ]] && COMPREPLY+=("$file")
        done < <(compgen -f -- "$cur")
    fi
    return 0
}

complete -F _model_sync model-sync
