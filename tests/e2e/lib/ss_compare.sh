# Sourced by the e2e tests that hold netlens sockets' text against ss's (after netns.sh).

# ss_compare NAMESPACE "MOVING-PORT..." FLAGS...: netlens sockets FLAGS vs ss FLAGS in
# NAMESPACE, record by record (lib/ss_text_cmp.py); connections on the MOVING-PORTs
# (space-separated, may be "") carry traffic during the runs. One pass or flunk.
ss_compare() {
    local ns=$1 moving=$2
    shift 2
    NL_CONTEXT="sockets $*"
    echo "# $NL_CONTEXT"
    local mine theirs line last=""
    theirs=$(save ss.txt ip netns exec "$ns" ss "$@")
    mine=$(save ours.txt ip netns exec "$ns" "$NETLENS" sockets "$@")
    # shellcheck disable=SC2086 # the ports are words
    while IFS= read -r line; do
        [[ $line == rc=* ]] || echo "$line"
        last=$line
    done < <("$PYTHON" -S "$NL_LIB_DIR/ss_text_cmp.py" "$mine" "$theirs" $moving; echo "rc=$?")
    if [[ $last == rc=0 ]]; then pass "$NL_CONTEXT"; else flunk "$NL_CONTEXT"; fi
    NL_CONTEXT=""
}
