#!/usr/bin/env bash
# test-cli.sh: rapport --import / --export / --check, headless (TAP)
#
# Runs the built binary with no display and no session bus, checks exit
# codes, stdout and stderr.
#
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail

rapport=$(realpath "$1")
data=$(realpath "$2")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1

n=0
failed=0
ok () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; failed=1; fi
}

# No display, no bus: the command line must not need either.
run () {
  env -u DISPLAY -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS \
    RAPPORT_DATABASE="$tmp/unused.db" "$rapport" "$@" >out.txt 2>err.txt
}

run --database a.db --import "$data/old-rest-all.json"
ok $? "--import exits 0"
grep -q "Imported 3 customers, 2 interactions, 3 opportunities" out.txt
ok $? "--import prints the counts"

run --database a.db --check
ok $? "--check on a healthy database exits 0"
grep -q "^Customers: 3$" out.txt && grep -q "^Interactions: 2$" out.txt \
  && grep -q "^Opportunities: 3$" out.txt && grep -q "healthy" out.txt
ok $? "--check prints counts per entity"

run --database a.db --export all.json
ok $? "--export .json exits 0"
grep -q '"format": "rapport"' all.json
ok $? "--export writes Rapport JSON"

run --database b.db --import all.json && run --database b.db --export again.json && cmp -s all.json again.json
ok $? "export, import, export: byte-identical"

run --database a.db --export customers.csv
ok $? "--export .csv exits 0"
head -c 200 customers.csv | grep -q "id,name,company" && grep -q "张伟" customers.csv
ok $? "--export .csv writes customers"
grep -qx "Exported 3 customers" out.txt
ok $? "--export .csv counts only what it wrote"

run --database a.db --export opps.csv --opportunities
ok $? "--export .csv --opportunities exits 0"
grep -q "年度服务合同,100000,negotiation" opps.csv
ok $? "--opportunities writes opportunities"

run --database a.db --export all.ndjson
ok $? "--export .ndjson exits 0"
[ "$(wc -l < all.ndjson)" -eq 8 ]
ok $? "NDJSON has one line per record"

printf '[{"customer_id": 1, "title": "T", "value": "abc"}]' > bad.json
run --database a.db --import bad.json
[ $? -eq 1 ]
ok $? "--import of a bad file exits 1"
grep -q "^rapport: bad.json: records\[0\]: value" err.txt
ok $? "the error names file, record and field on stderr"
run --database a.db --check && grep -q "^Opportunities: 3$" out.txt
ok $? "a failed import leaves the database as it was"

run --database a.db --import missing.json
[ $? -eq 1 ] && [ -s err.txt ]
ok $? "--import of a missing file exits 1 with a message"

run --database a.db --import "$data/old-rest-customers.json" --merge && grep -q "Imported 3 customers" out.txt
ok $? "--import --merge exits 0"
run --database a.db --check && grep -q "^Customers: 3$" out.txt
ok $? "--merge updates instead of adding"

run --database a.db --export out.txt
[ $? -eq 1 ] && grep -q "unknown format" err.txt
ok $? "--export with an unknown extension exits 1"

run --database a.db --check --merge
[ $? -eq 2 ]
ok $? "--merge without --import is a usage error (2)"

run --database a.db --import all.json --export x.json
[ $? -eq 2 ]
ok $? "two commands at once are a usage error (2)"

# What holds customers is its owner's alone, whatever the umask: the
# folder Rapport creates, the database, exports (the -wal and -shm, gone
# once the last connection closes, are checked in tests/core).
(
  umask 000
  env -u DISPLAY -u WAYLAND_DISPLAY -u DBUS_SESSION_BUS_ADDRESS -u RAPPORT_DATABASE \
    XDG_DATA_HOME="$tmp/xdg" "$rapport" --import "$data/old-rest-all.json" >out.txt 2>err.txt
)
[ "$(stat -c %a "$tmp/xdg/rapport")" = 700 ] && [ "$(stat -c %a "$tmp/xdg/rapport/rapport.db")" = 600 ]
ok $? "the default folder is created 0700 and the database 0600 under umask 000"
(umask 000; run --database private.db --import "$data/old-rest-all.json" && run --database private.db --export private.json)
[ "$(stat -c %a private.db)" = 600 ] && [ "$(stat -c %a private.json)" = 600 ]
ok $? "a new database and an export are 0600 under umask 000"

# The names' sort keys follow the locale: an import under another one
# makes every key again first, and records the new collation.
LC_ALL=C.UTF-8 run --database collation.db --import "$data/old-rest-all.json"
sqlite3 collation.db "SELECT value FROM settings WHERE key = 'collation'" | grep -q "^root "
ok $? "the database records the collation of its sort keys"
LC_ALL=zh_CN.UTF-8 run --database collation.db --import "$data/old-rest-customers.json" --merge
sqlite3 collation.db "SELECT value FROM settings WHERE key = 'collation'" | grep -q "^zh_CN "
ok $? "an import under another locale makes the keys again"

# Break a foreign key by hand, behind SQLite's back.
sqlite3 a.db "PRAGMA foreign_keys = OFF; INSERT INTO interactions (customer_id, interaction_type, notes, occurred_at, created_at) VALUES (999, 'call', '', '2024-01-01T00:00:00.000000Z', '2024-01-01T00:00:00.000000Z');"
run --database a.db --check
[ $? -eq 1 ]
ok $? "--check on a database with a broken foreign key exits 1"
grep -q "interactions points at a missing row of customers" err.txt && grep -q "^Interactions: 3$" out.txt
ok $? "--check names the broken reference"

echo "1..$n"
exit $failed
