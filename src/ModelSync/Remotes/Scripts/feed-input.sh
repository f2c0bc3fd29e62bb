# $1: what the command reads on stdin, as printf %b escapes (\0NNN for every byte but printable ASCII other than \);
# then the command and its arguments. Over ssh, input on stdin flows only once the remote command has started, a
# round trip later than the command line: a small input goes in the command line instead.
input=$1
shift
printf '%b' "$input" | "$@"
