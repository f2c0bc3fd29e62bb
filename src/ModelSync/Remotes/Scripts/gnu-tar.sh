# Prepended to the scripts that run tar with GNU tar's options, for which another tar (busybox's) is as good as none.

# ms_require_gnu_tar: exits 127 with one line unless tar here is GNU tar (a small new model's send then falls back to
# rsync, as with no tar at all).
ms_require_gnu_tar() {
  case $(tar --version 2>/dev/null) in
    *"GNU tar"*) ;;
    *) echo "GNU tar is needed here: tar is missing, or another one" >&2; exit 127 ;;
  esac
}
