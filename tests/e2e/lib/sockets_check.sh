# check MODE ARGS...: one comparison of sockets_cmp.py (see there), echoing its lines;
# each "ok:" line counts as a passed check, a mismatch fails $NL_CONTEXT.
# Source after lib/netns.sh.
check() {
    local line last=""
    while IFS= read -r line; do
        [[ $line == rc=* ]] || echo "$line"
        [[ $line == ok:* ]] && NL_PASSES=$((NL_PASSES + 1))
        last=$line
    done < <("$PYTHON" -S "$NL_LIB_DIR/sockets_cmp.py" "$@"; echo "rc=$?")
    [[ $last == rc=0 ]] || flunk "${NL_CONTEXT:-sockets_cmp $1}"
}
