# Sourced by the `briefing` command-line test scripts (cli_test.sh, output_target_test.sh): expect and
# check, counting failures in $fails; output in "$tmp/out" and "$tmp/err". Expects $tmp to be set.
# shellcheck shell=bash
fails=0
expect() {  # expect CODE DESCRIPTION -- command...
    local want=$1 what=$2; shift 3
    "$@" >"$tmp/out" 2>"$tmp/err" </dev/null
    local got=$?
    if [ "$got" != "$want" ]; then
        echo "FAIL: $what: exit $got, expected $want"; cat "$tmp/err"; fails=$((fails + 1))
    else
        echo "ok: $what"
    fi
}
check() { if eval "$2"; then echo "ok: $1"; else echo "FAIL: $1"; fails=$((fails + 1)); fi; }
