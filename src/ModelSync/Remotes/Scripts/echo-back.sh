# $1: how many bytes. Says it is ready (one byte), then writes back each byte read from stdin as it arrives (dd with
# one-byte blocks does not buffer) and exits: a byte the client sends once it has read the first returns one round
# trip later, without a process start in between (Transfer/EchoRoundTrip.cs times it).
printf .
exec dd bs=1 count="$1" 2>/dev/null
