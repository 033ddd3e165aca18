#!/usr/bin/env bash
# CLI contract: help, documented exit codes, one-line errors naming the file and the reason.
set -u
NF=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
check() { # name, expected exit, command...
  local name=$1 want=$2; shift 2
  "$@" >"$tmp/out" 2>"$tmp/err"; local got=$?
  if [ "$got" != "$want" ]; then echo "FAIL $name: exit $got, want $want"; cat "$tmp/err"; fails=$((fails+1)); fi
}
expect_err() { # name, pattern
  if ! grep -q -- "$2" "$tmp/err"; then echo "FAIL $1: stderr lacks '$2':"; cat "$tmp/err"; fails=$((fails+1)); fi
  if [ "$(wc -l < "$tmp/err")" -gt 1 ] && [ "${3:-}" != multi ]; then echo "FAIL $1: more than one line on stderr"; fails=$((fails+1)); fi
}
printf 'A harbour story.\n\nThe Port of Lindqvist reopened on Monday after a storm closed it for three days, officials said.\n' > "$tmp/ok.txt"
: > "$tmp/empty.txt"
printf '   \n\n  \n' > "$tmp/blank.txt"
head -c 4096 /dev/urandom > "$tmp/junk.txt"; printf '\0\0\0' >> "$tmp/junk.txt"
mkdir "$tmp/dir"

check "help" 0 "$NF" --help
grep -q "exit codes" "$tmp/out" || { echo "FAIL help lacks exit codes"; fails=$((fails+1)); }
for c in extract brief similar dump; do check "$c --help" 0 "$NF" $c --help; done
check "no args" 2 "$NF"
check "unknown command" 2 "$NF" frobnicate
expect_err "unknown command" "unknown command 'frobnicate'"
check "unknown option" 2 "$NF" extract --bogus "$tmp/ok.txt"
check "bad format" 2 "$NF" brief --format xml "$tmp/ok.txt"
check "bad dct" 2 "$NF" extract --dct yesterday "$tmp/ok.txt"
check "ok" 0 "$NF" extract "$tmp/ok.txt"
check "missing" 3 "$NF" extract "$tmp/nope.txt"
expect_err "missing" "nope.txt: No such file or directory"
check "empty" 3 "$NF" extract "$tmp/empty.txt"
expect_err "empty" "empty.txt: empty file"
check "blank" 3 "$NF" extract "$tmp/blank.txt"
expect_err "blank" "blank.txt: empty file"
check "binary" 3 "$NF" extract "$tmp/junk.txt"
expect_err "binary" "junk.txt: binary data"
check "partial" 1 "$NF" extract "$tmp/ok.txt" "$tmp/empty.txt"
[ "$(wc -l < "$tmp/out")" = 1 ] || { echo "FAIL partial: the readable file was not output"; fails=$((fails+1)); }
check "empty dir" 3 "$NF" brief "$tmp/dir"
expect_err "empty dir" "no articles found"
check "stdin" 0 bash -c "\"$NF\" extract - < \"$tmp/ok.txt\""
grep -q '"id":"stdin"' "$tmp/out" || { echo "FAIL stdin id"; fails=$((fails+1)); }
check "md" 0 "$NF" extract --format md "$tmp/ok.txt"
grep -q "Port of Lindqvist" "$tmp/out" || { echo "FAIL md output"; fails=$((fails+1)); }
check "dct" 0 "$NF" extract --dct 2026-03-02 "$tmp/ok.txt"
grep -q '"published":"2026-03-02"' "$tmp/out" || { echo "FAIL --dct not applied"; cat "$tmp/out"; fails=$((fails+1)); }
check "brief md" 0 "$NF" brief --format md "$tmp/ok.txt"
grep -q "^## Sources" "$tmp/out" || { echo "FAIL brief md lacks sources"; fails=$((fails+1)); }
printf 'ok\t52\t58\nok\t0\t9\n' > "$tmp/spans.tsv"
check "facts --timex-at" 0 "$NF" facts --plain --dct 2026-03-04 --timex-at "$tmp/spans.tsv" "$tmp/ok.txt"
grep -q '"times":\[{"text":"Monday","value":"2026-03-02".*{"text":"A harbour","value":""' "$tmp/out" || { echo "FAIL --timex-at"; cat "$tmp/out"; fails=$((fails+1)); }
check "facts --timex-at missing" 2 "$NF" facts --plain --timex-at "$tmp/nope.tsv" "$tmp/ok.txt"
expect_err "facts --timex-at missing" "nope.tsv"
echo "cli: $fails failures"
[ $fails -eq 0 ]
