#compdef model-sync
# zsh completion for model-sync. Install into a directory on $fpath, before compinit runs:
#   mkdir -p ~/.zfunc && model-sync completion zsh > ~/.zfunc/_model-sync
#   # ~/.zshrc: fpath=(~/.zfunc $fpath); autoload -Uz compinit && compinit
# or, after compinit: source <(model-sync completion zsh)
# The words come from `model-sync __complete`: commands and options from the tool itself, aliases from the config,
# and for alias:<TAB> the names under that alias's model_base (one ssh listing; nothing when it is unreachable).

_model_sync() {
    local program="${words[1]/#\~/$HOME}"
    local output
    output="$("$program" __complete -- "${(@)words[2,CURRENT]}" 2>/dev/null)" || return 1

    local -a plain open
    local candidate files=0
    for candidate in "${(@f)output}"; do
        if [[ "$candidate" == "::files" ]]; then
            files=1
        elif [[ "$candidate" == *: ]]; then
            open+=("$candidate")
        elif [[ -n "$candidate" ]]; then
            plain+=("$candidate")
        fi
    done

    (( ${#plain} )) && compadd -- "${plain[@]}"
    # alias: goes on with a name on that server: no space after it.
    (( ${#open} )) && compadd -S '' -- "${open[@]}"
    (( files )) && _files
    return 0
}

if [[ "${funcstack[1]}" == "_model-sync" ]]; then
    _model_sync "$@"
else
    compdef _model_sync model-sync
fi
