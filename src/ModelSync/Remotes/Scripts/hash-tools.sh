# Prepended to every script that names a hash program: the one place the shell says which program computes
# which hash. Hashing/HashFunction.cs says the same for C#; a unit test holds the two together.

# ms_each_hash_tool COMMAND...: runs COMMAND... TOOL for each hash program model-sync may run that is on PATH
# here, in the order the probe reports them.
ms_each_hash_tool() {
  for ms_tool in openssl sha256sum xxhsum b3sum; do
    if command -v "$ms_tool" >/dev/null 2>&1; then "$@" "$ms_tool"; fi
  done
}

# ms_hash_tool FUNCTION: prints the program that computes FUNCTION (sha256, xxh128 or blake3) here; sha256 is
# openssl when present, else coreutils' sha256sum.
ms_hash_tool() {
  case $1 in
    xxh128) echo xxhsum ;;
    blake3) echo b3sum ;;
    *) if command -v openssl >/dev/null 2>&1; then echo openssl; else echo sha256sum; fi ;;
  esac
}

# ms_hash_run TOOL [FILE...]: TOOL's hash of each FILE (of stdin when there is none), a line each: the hex digest,
# then a space and a star (openssl) or two spaces, then the name.
ms_hash_run() {
  case $1 in
    openssl) shift; openssl dgst -sha256 -r "$@" ;;
    xxhsum) shift; xxhsum -H2 "$@" ;;
    *) "$@" ;;
  esac
}
