# "$@": rsync's arguments; rsync runs on this server.
exec rsync "$@"
