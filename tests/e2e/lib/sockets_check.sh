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

# ss_text_check NS "MOVING-PORT..." FLAGS...: netlens sockets FLAGS and ss FLAGS print
# the same records in NS (ss_text_cmp.py; the ports' connections move between the runs).
ss_text_check() {
    local ns=$1 moving=$2
    shift 2
    NL_CONTEXT="sockets $*"
    echo "# $NL_CONTEXT"
    local mine theirs line last=""
    theirs=$(save ss.txt ip netns exec "$ns" ss "$@")
    mine=$(save ours.txt ip netns exec "$ns" "$NETLENS" sockets "$@")
    while IFS= read -r line; do
        [[ $line == rc=* ]] || echo "$line"
        last=$line
    # shellcheck disable=SC2086 # the ports are words
    done < <("$PYTHON" -S "$NL_LIB_DIR/ss_text_cmp.py" "$mine" "$theirs" $moving; echo "rc=$?")
    if [[ $last == rc=0 ]]; then pass "$NL_CONTEXT"; else flunk "$NL_CONTEXT"; fi
    NL_CONTEXT=""
}
