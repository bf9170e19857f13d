#!/usr/bin/env bash
# The command line: help texts, usage errors (exit 2, one line on stderr naming the
# culprit), the --json envelope, --ndjson framing and --output FILE. Needs no root;
# --color and the comparisons of every output form with ip(8) run in a test namespace,
# in output_test.sh.
source "$(dirname "$0")/lib/netns.sh"
netlens_from_args "$@"

COMMON_FLAGS=(--json --ndjson --color --output --netns --all-netns --record --replay)

# mentions FILE WORD: the help text in FILE lists WORD as an option or keyword
# ("-n,", "--output FILE", "[from ADDRESS]" ...).
mentions() {
    grep -qE -- "(^|[[:space:],[])$2([[:space:],=]|$)" "$1"
}

echo "# --help"
# check_help WHAT "EXTRA WORDS" ARGS...: netlens ARGS exits 0 and its help mentions the
# common flags and the extra words.
check_help() {
    local what=$1 extra=()
    read -ra extra <<<"$2"
    shift 2
    run "$NETLENS" "$@"
    if [[ $RC != 0 ]]; then
        show "stderr" "$ERR"
        flunk "'netlens $*' exited $RC, expected 0"
        return
    fi
    [[ -s $OUT ]] || { flunk "'netlens $*' printed no help on stdout"; return; }
    local missing=() flag
    for flag in "${COMMON_FLAGS[@]}" "${extra[@]}"; do
        mentions "$OUT" "$flag" || missing+=("$flag")
    done
    if ((${#missing[@]})); then
        flunk "'netlens $*' ($what) does not mention ${missing[*]}"
    else
        pass "'netlens $*' exits 0 and mentions ${COMMON_FLAGS[*]} ${extra[*]}"
    fi
}
check_help "top level" "iface route" --help
check_help "iface" "--interval" iface --help
check_help "route" "--table -4 -6 get" route --help
check_help "route get" "from iif oif mark" route get --help
# sockets keeps ss's letters, -n (numeric) among them.
check_help "sockets" "-t -u -x -l -a -n -p -s --top" sockets --help
run "$NETLENS" iface -h
if [[ $RC == 0 ]] && cmp -s "$OUT" <("$NETLENS" iface --help); then
    pass "-h is --help"
else
    flunk "'netlens iface -h' differs from --help (rc $RC)"
fi

echo "# usage errors: exit 2, nothing on stdout, one line on stderr naming the culprit"
expect_error 2 --bogus-flag "$NETLENS" iface --bogus-flag
expect_error 2 --bogus-flag "$NETLENS" route --bogus-flag
expect_error 2 --bogus-flag "$NETLENS" route get 127.0.0.1 --bogus-flag
expect_error 2 --bogus-flag "$NETLENS" --bogus-flag
expect_error 2 -Z "$NETLENS" iface -Z
expect_error 2 frobnicate "$NETLENS" frobnicate
expect_error 2 rainbow "$NETLENS" iface --color=rainbow
expect_error 2 rainbow "$NETLENS" route --color rainbow --json
expect_error 2 abc "$NETLENS" iface --interval abc
expect_error 2 --ndjson "$NETLENS" iface --json --ndjson
expect_error 2 nosuchtable "$NETLENS" route --table nosuchtable
expect_error 2 "netlens" "$NETLENS" route get
run "$NETLENS"
if [[ $RC == 2 ]]; then pass "'netlens' without a subcommand exits 2"; else flunk "'netlens' without a subcommand exited $RC, expected 2"; fi

echo "# --json: the netlens/1 envelope"
run_ok "iface --json" "$NETLENS" iface --json
cp "$OUT" "$NL_TMP/iface.json"
[[ -s $ERR ]] && flunk "'netlens iface --json' wrote to stderr: $(head -n1 "$ERR")"
jsoncmp doc "$NL_TMP/iface.json" iface
run_ok "route --json" "$NETLENS" route --json
cp "$OUT" "$NL_TMP/route.json"
jsoncmp doc "$NL_TMP/route.json" route
run_ok "route get --json" "$NETLENS" route get 127.0.0.1 --json
cp "$OUT" "$NL_TMP/get.json"
jsoncmp doc "$NL_TMP/get.json" "route get"
jsoncmp expect "$NL_TMP/get.json" 'd["results"]["routes"][0]["route_type"] == "local" and d["results"]["routes"][0]["dst"] == "127.0.0.1"' \
    "route get 127.0.0.1 is one local route to 127.0.0.1"
run_ok "iface --json --color=always" "$NETLENS" iface --json --color=always
cp "$OUT" "$NL_TMP/colour.json"
if grep -q $'\x1b' "$OUT"; then flunk "--json --color=always put escape codes in JSON"; else pass "--json ignores --color=always"; fi
jsoncmp doc "$NL_TMP/colour.json" iface

echo "# --ndjson: one object per line, each with a type, header first"
run_ok "route get --ndjson" "$NETLENS" route get 127.0.0.1 --ndjson
cp "$OUT" "$NL_TMP/get.ndjson"
jsoncmp ndjson "$NL_TMP/get.ndjson" "$NL_TMP/get.json" "route get"
run_ok "route --ndjson" "$NETLENS" route --ndjson
cp "$OUT" "$NL_TMP/route.ndjson"
jsoncmp ndjson "$NL_TMP/route.ndjson" "$NL_TMP/route.json" route

echo "# --output FILE"
out_file="$NL_TMP/written.json"
run_ok "--output FILE" "$NETLENS" route --json --output "$out_file"
if [[ -s $OUT ]]; then flunk "--output FILE: $(wc -c <"$OUT") bytes on stdout, expected none"; else pass "--output FILE: nothing on stdout"; fi
if [[ -s $out_file ]]; then pass "--output FILE: $out_file written"; else flunk "--output FILE: $out_file not written"; fi
jsoncmp doc "$out_file" route
jsoncmp expect "$out_file" 'd["results"] == __import__("json").load(open("'"$NL_TMP/route.json"'"))["results"]' \
    "--output FILE holds the same routes as stdout"
run_ok "--output FILE text" "$NETLENS" route --output "$NL_TMP/written.txt" --color=always
if [[ ! -s $OUT && -s $NL_TMP/written.txt ]]; then
    pass "--output FILE (text): file written, stdout empty"
else
    flunk "--output FILE (text): stdout $(wc -c <"$OUT") bytes, file $(wc -c <"$NL_TMP/written.txt" 2>/dev/null) bytes"
fi
# A file that cannot be opened is a failed operation (1), not bad usage.
expect_error 1 /nonexistent-dir/out.json "$NETLENS" route --output /nonexistent-dir/out.json --json

finish
