# Shared helpers of the `briefing` shell tests (sourced): expect CODE DESCRIPTION -- command... runs the
# command with stdin closed, its output in $tmp/out and $tmp/err, and counts a wrong exit code in $fails;
# check DESCRIPTION EXPRESSION counts a false expression. Needs $tmp set by the caller.
fails=0
expect() {
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
