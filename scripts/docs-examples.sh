#!/usr/bin/env bash
# Rewrites docs/examples.md from real runs: starts a throw-away sshd on 127.0.0.1 (a temp HOME, keys made here, the
# login shell's ~/.bashrc in that HOME), writes a config with the alias reaper on it, makes a small model, and runs
# each example through the built CLI, printed as scripts/model-sync.sh (the name the wrapper passes on). Every output
# in the file is what the tool printed in this run. Needs sshd, ssh-keygen and rsync here; the CLI is the Release dll
# (built first when missing), or the binary named by $MODEL_SYNC_BINARY.
set -euo pipefail

root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
dll="$root/src/ModelSync.Cli/bin/Release/net10.0/model-sync.dll"
if [ -n "${MODEL_SYNC_BINARY:-}" ]; then
    cli=("$MODEL_SYNC_BINARY")
else
    [ -f "$dll" ] || dotnet build "$root/src/ModelSync.Cli" -c Release -nologo -v q >&2
    cli=(dotnet "$dll")
fi

dev="$(mktemp -d /tmp/ms-examples.XXXXXX)"
cleanup() {
    if [ -f "$dev/sshd.pid" ]; then kill "$(cat "$dev/sshd.pid")" 2>/dev/null || true; fi
    rm -rf "$dev"
}
trap cleanup EXIT
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
mkdir -p "$dev/home" "$dev/srv/models" "$dev/work"
ssh-keygen -q -t ed25519 -N '' -f "$dev/host_key"
ssh-keygen -q -t ed25519 -N '' -f "$dev/client_key"
ssh-keygen -q -t ed25519 -N '' -f "$dev/other_key"
cp "$dev/client_key.pub" "$dev/authorized_keys"
cat >"$dev/sshd_config" <<CONF
ListenAddress 127.0.0.1
Port $port
HostKey $dev/host_key
PidFile $dev/sshd.pid
AuthorizedKeysFile $dev/authorized_keys
PubkeyAuthentication yes
StrictModes no
UsePAM no
PasswordAuthentication no
KbdInteractiveAuthentication no
PermitRootLogin prohibit-password
SetEnv HOME=$dev/home
LogLevel ERROR
PrintMotd no
CONF
/usr/sbin/sshd -f "$dev/sshd_config"
printf '[127.0.0.1]:%s %s\n' "$port" "$(cut -d' ' -f1,2 "$dev/host_key.pub")" >"$dev/known_hosts"

config() { # $1: file, $2: key
    cat >"$1" <<CONF
servers:
  reaper:
    host: 127.0.0.1
    port: $port
    user: $(id -un)
    model_base: $dev/srv/models
    ssh_key: $2
    ssh_options:
      UserKnownHostsFile: $dev/known_hosts
      StrictHostKeyChecking: "yes"
  local:
    model_base: $dev/localbase
CONF
}
mkdir -p "$dev/localbase"
config "$dev/config.yaml" "$dev/client_key"
config "$dev/wrongkey.yaml" "$dev/other_key"

model="$dev/work/RTX3090_N2501_LANGDETECTOR_250715"
mkdir -p "$model/1" "$model/tokenizer"
printf 'name: "langdetector"\nplatform: "onnxruntime_onnx"\nmax_batch_size: 8\n' >"$model/config.pbtxt"
printf 'en\nde\nfr\nes\nit\nja\nzh\n' >"$model/labels.txt"
head -c 402432 /dev/urandom >"$model/1/model.onnx"
head -c 10956 /dev/urandom | base64 >"$model/tokenizer/tokenizer.json"
printf '{"unk_token": "[UNK]", "pad_token": "[PAD]"}\n' >"$model/tokenizer/special_tokens_map.json"
printf '{"do_lower_case": true}\n' >"$model/tokenizer/tokenizer_config.json"
seq 1 600 >"$model/tokenizer/vocab.txt"

out="$dev/examples.md"
# One example: the command as a user types it, then its report (stdout); for a command that fails, the error line
# (stderr) and the exit code. Progress lines on stderr are left out.
run() {
    local shown="$1"; shift
    printf '$ scripts/model-sync.sh %s\n' "$shown" >>"$out"
    local code=0
    (cd "$dev/work" && MODEL_SYNC_INVOKED_AS=scripts/model-sync.sh MODEL_SYNC_CONFIG="$dev/config.yaml" HOME="$dev/home" NO_COLOR=1 \
        "${cli[@]}" "$@" </dev/null >>"$out" 2>"$dev/stderr") || code=$?
    if [ "$code" -ne 0 ]; then
        grep -v '^model-sync: [A-Z]' "$dev/stderr" >>"$out" || true
        printf '$ echo $?\n%s\n' "$code" >>"$out"
    fi
    sed -i "s#$dev#/tmp/dev#g" "$out"
}
# Sets the mtime of a model and of everything in it.
age() { find "$dev/srv/models/$1" -exec touch -d "$2" {} +; }
fence() { printf '\n```\n' >>"$out"; }

cat >"$out" <<'HEAD'
# Examples

[README](../README.md) · [commands](commands.md) · [JSON](json.md) · [several servers](fleet.md)

Real runs against a test server on 127.0.0.1 (`scripts/docs-examples.sh` makes them again), as the wrapper
`scripts/model-sync.sh` prints them: the commands they print start with that path as typed (an installed
`model-sync` prints `model-sync …`). More: each command's `--help` in [commands.md](commands.md), the several-server
runs in [fleet.md](fleet.md), and each `--json` document in [json.md](json.md).
HEAD
fence; run "servers --check" servers --check; printf '```\n' >>"$out"
fence; run "push RTX3090_N2501_LANGDETECTOR_250715 reaper" push RTX3090_N2501_LANGDETECTOR_250715 reaper; printf '```\n' >>"$out"
fence; run "push RTX3090_N2501_LANGDETECTOR_250715 reaper     # again, nothing changed" push RTX3090_N2501_LANGDETECTOR_250715 reaper; printf '```\n' >>"$out"
printf '# tuned\n' >>"$model/config.pbtxt"; printf 'pt\n' >>"$model/labels.txt"
fence; run "diff RTX3090_N2501_LANGDETECTOR_250715 reaper" diff RTX3090_N2501_LANGDETECTOR_250715 reaper; printf '```\n' >>"$out"
fence; run "push RTX3090_N2501_LANGDETECTOR_250715 reaper --dry-run" push RTX3090_N2501_LANGDETECTOR_250715 reaper --dry-run; printf '```\n' >>"$out"

for name in RTX3090_N2501_ASR_250820 RTX3090_N2511_ASR_251128 RTX3090_N2501_LANGDETECTOR_MMS_251030 langdetector-v1; do
    cp -a "$model" "$dev/srv/models/$name"
done
age RTX3090_N2501_ASR_250820 '2025-08-20 10:00'
age RTX3090_N2511_ASR_251128 '2025-11-28 10:00'
age RTX3090_N2501_LANGDETECTOR_MMS_251030 '2025-10-30 10:00'
age langdetector-v1 '2025-06-01 10:00'
age RTX3090_N2501_LANGDETECTOR_250715 '2025-07-15 10:00'
fence; run "list reaper" list reaper; printf '```\n' >>"$out"
fence
run "versions reaper ASR" versions reaper ASR
run "pull reaper:ASR@latest ./models/ --quiet" pull reaper:ASR@latest ./models/ --quiet
run "pull reaper:TTS@latest ./models/" pull reaper:TTS@latest ./models/
run "name --gpu RTX3090 --date N2511 --model ASR" name --gpu RTX3090 --date N2511 --model ASR
printf '```\n' >>"$out"
fence
run "prune reaper --model ASR --keep 1 --dry-run" prune reaper --model ASR --keep 1 --dry-run
printf '```\n' >>"$out"
fence; run "list reapr" list reapr; printf '```\n' >>"$out"
fence; run "doctor reaper --config /tmp/dev/wrongkey.yaml" doctor reaper --config "$dev/wrongkey.yaml"; printf '```\n' >>"$out"

cat >>"$out" <<'MID'

## doctor: a login shell that prints a banner

Run it first on a new machine, and whenever ssh or rsync misbehave. Each failed row says what to do; fix them
top to bottom (a failure hides the checks after it) and run it again.
MID
echo 'echo "Welcome to reaper"' >"$dev/home/.bashrc"
fence; run "doctor reaper" doctor reaper; printf '```\n' >>"$out"
cat >>"$out" <<'TAIL'

The network checks use what ssh itself would (`ssh -G`: HostName, Port, User and IdentityFile from
`~/.ssh/config`; through a ProxyJump they are not checked directly), and the login runs the real ssh with
`BatchMode=yes`. A slow login shell — `pyenv init`, a conda initialize block, nvm in `~/.bashrc` — is paid by
every remote step of every command: the `remote command time` row warns above 0.3 s.
TAIL
sed -i -e "s#127\.0\.0\.1:$port#127.0.0.1:2299#g" -e "s#-p $port #-p 2299 #g" "$out"
cp "$out" "$root/docs/examples.md"
echo "docs-examples.sh: docs/examples.md rewritten from real runs" >&2
