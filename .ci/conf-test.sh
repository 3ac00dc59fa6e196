#!/usr/bin/env bash
# The README's "Install into an existing Neo4j" step 3 on an APOC user's neo4j.conf, against the real server that
# ./run-demo.sh assembles (demo/target/server's lib/ and plugins/), with a home of its own (demo/target/conf-server,
# made fresh each run). The user's conf already has
#   dbms.security.procedures.unrestricted=apoc.*
#   dbms.security.procedures.allowlist=apoc.*
#   1. the README's snippet (between <!-- rec4j.conf:begin/end -->) equals docker/rec4j.conf
#   2. appending it as it is: Neo4j refuses to start and names dbms.security.procedures.unrestricted
#   3. merged as the README says (our unrestricted line left out, gds.* added to the user's; gds.*,rec.* added to the
#      allowlist): the server starts, rec.info(), rec.version() and GDS (gds.version(), gds.graph.project) answer
#   4. merged, but the allowlist left as it was: the server starts without rec.* (what the README warns about)
# Needs a build (mvn -DskipTests package). Ports: REC4J_HTTP_PORT (default 7474), REC4J_BOLT_PORT (default 7687).
# Ends with 'conf test passed', or exits 1 naming the failed check.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SERVER=$ROOT/demo/target/server
HOME_DIR=$ROOT/demo/target/conf-server
HTTP_PORT=${REC4J_HTTP_PORT:-7474}
BOLT_PORT=${REC4J_BOLT_PORT:-7687}
# shellcheck source=.ci/server-setup.sh
. "$ROOT/.ci/server-setup.sh"
START=$(date +%s)
PID=""

log() { echo "[conf-test $(( $(date +%s) - START )) s] $*"; }
die() { echo "conf-test: FAILED: $*" >&2; exit 1; }
alive() { [ -n "$PID" ] && kill -0 "$PID" 2>/dev/null; }

stop_server() {
  if alive; then
    kill -TERM "$PID" 2>/dev/null || true
    for _ in $(seq 1 60); do alive || break; sleep 1; done
    if alive; then kill -KILL "$PID" 2>/dev/null || true; fi
  fi
  if [ -n "$PID" ]; then wait "$PID" 2>/dev/null || true; fi
  PID=""
}
trap stop_server EXIT
trap 'exit 130' INT TERM

# A fresh home whose conf/neo4j.conf is $1 (a file).
fresh_home() {
  rm -rf "$HOME_DIR"
  mkdir -p "$HOME_DIR/conf" "$HOME_DIR/data" "$HOME_DIR/logs" "$HOME_DIR/import" "$HOME_DIR/run"
  cp "$1" "$HOME_DIR/conf/neo4j.conf"
}

# Starts the server in $HOME_DIR; true once it answers RETURN 1 over HTTP, false when it exits first.
start_server() {
  require_free_ports
  NEO4J_HOME=$HOME_DIR NEO4J_CONF=$HOME_DIR/conf \
    java -cp "$SERVER/lib/*" org.neo4j.server.startup.Neo4jCommand console > "$HOME_DIR/logs/console.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 240); do
    alive || { wait "$PID" 2>/dev/null || true; PID=""; return 1; }
    [ "$(http_value 'RETURN 1 AS one')" = 1 ] && return 0
    sleep 1
  done
  tail -30 "$HOME_DIR/logs/console.log" >&2
  die "the server neither answered RETURN 1 nor exited within 240 s"
}

expect() { # $1: what, $2: expected, $3: actual
  [ "$2" = "$3" ] || { tail -30 "$HOME_DIR/logs/console.log" >&2; die "$1: expected $2, got '${3}'"; }
  log "ok: $1 = $3"
}

[ -d "$SERVER/lib" ] && [ -d "$SERVER/plugins" ] || die "$SERVER/lib or plugins/ missing: run mvn -DskipTests package"
prune_plugins
WORK=$(mktemp -d)
trap 'stop_server; rm -rf "$WORK"' EXIT

# 1. The README's snippet is docker/rec4j.conf.
sed -n '/<!-- rec4j.conf:begin -->/,/<!-- rec4j.conf:end -->/p' README.md | sed '1,2d;$d' | sed '$d' \
  | sed 's/^   //' > "$WORK/snippet.conf"
diff -u "$ROOT/docker/rec4j.conf" "$WORK/snippet.conf" || die "the README's snippet differs from docker/rec4j.conf (see above)"
grep -q '^dbms.security.procedures.unrestricted=' "$WORK/snippet.conf" || die "no unrestricted line in the snippet"
log "ok: the README's snippet equals docker/rec4j.conf"

# An APOC user's neo4j.conf (this server's paths and ports, then the user's procedure settings).
{
  server_conf "Written by .ci/conf-test.sh: an APOC user's conf." "$HOME_DIR/import" 64m "$SERVER/lib"
  echo "dbms.security.procedures.unrestricted=apoc.*"
  echo "dbms.security.procedures.allowlist=apoc.*"
} > "$WORK/user.conf"

# 2. Appended as it is: refused.
cat "$WORK/user.conf" <(echo) "$WORK/snippet.conf" > "$WORK/naive.conf"
fresh_home "$WORK/naive.conf"
if start_server; then die "the server started with dbms.security.procedures.unrestricted declared twice"; fi
grep -q "dbms.security.procedures.unrestricted" "$HOME_DIR/logs/console.log" \
  || { cat "$HOME_DIR/logs/console.log" >&2; die "the refusal does not name dbms.security.procedures.unrestricted"; }
log "ok: appended as it is, Neo4j refuses: $(grep -m1 "dbms.security.procedures.unrestricted" "$HOME_DIR/logs/console.log")"

# 3. Merged as the README says.
grep -v '^dbms.security.procedures.unrestricted=' "$WORK/snippet.conf" > "$WORK/snippet-merged.conf"
sed -e 's/^\(dbms.security.procedures.unrestricted=.*\)$/\1,gds.*/' \
  -e 's/^\(dbms.security.procedures.allowlist=.*\)$/\1,gds.*,rec.*/' "$WORK/user.conf" > "$WORK/merged.conf"
grep -qx 'dbms.security.procedures.unrestricted=apoc.\*,gds.\*' "$WORK/merged.conf" || die "merge: unrestricted line"
grep -qx 'dbms.security.procedures.allowlist=apoc.\*,gds.\*,rec.\*' "$WORK/merged.conf" || die "merge: allowlist line"
cat <(echo) "$WORK/snippet-merged.conf" >> "$WORK/merged.conf"
fresh_home "$WORK/merged.conf"
start_server || { tail -30 "$HOME_DIR/logs/console.log" >&2; die "the server did not start with the merged conf"; }
log "the server is up with the merged conf"
expect "rec.info() pluginVersion is set" true "$(http_value 'CALL rec.info() YIELD pluginVersion RETURN pluginVersion <> \"\"')"
expect "rec.version() is rec.info()'s pluginVersion" true \
  "$(http_value 'CALL rec.info() YIELD pluginVersion RETURN rec.version() = pluginVersion')"
expect "gds.version()" "\"$(sed -n 's:.*<gds.version>\(.*\)</gds.version>.*:\1:p' "$ROOT/pom.xml")\"" \
  "$(http_value 'CALL gds.version() YIELD gdsVersion RETURN gdsVersion')"
expect "nodes created" 2 "$(http_value 'CREATE (a:ConfTest)-[:R]->(b:ConfTest) RETURN 2 AS n')"
expect "gds.graph.project node count" 2 \
  "$(http_value "CALL gds.graph.project('conf-test', 'ConfTest', 'R') YIELD nodeCount RETURN nodeCount")"
stop_server

# 4. Merged, but the allowlist left out: rec.* is not loaded.
sed 's/^\(dbms.security.procedures.allowlist=apoc.\*\),gds.\*,rec.\*$/\1/' "$WORK/merged.conf" > "$WORK/no-allowlist.conf"
grep -qx 'dbms.security.procedures.allowlist=apoc.\*' "$WORK/no-allowlist.conf" || die "the allowlist was not reverted"
fresh_home "$WORK/no-allowlist.conf"
start_server || { tail -30 "$HOME_DIR/logs/console.log" >&2; die "the server did not start"; }
expect "rec.* procedures loaded without rec.* in the allowlist" 0 \
  "$(http_value "SHOW PROCEDURES YIELD name WHERE name STARTS WITH 'rec.' RETURN count(*) AS n")"
stop_server

log "conf test passed"
