#!/usr/bin/env bash
# rec4j demo: build the plugin, assemble a real Neo4j 5.26 server (lib/, plugins/, conf/neo4j.conf) under
# demo/target/server, start it on 127.0.0.1, load the seeded demo catalog, print what was loaded and the
# first recommendations, and serve until Ctrl-C.
#
#   ./run-demo.sh                    build, start, load the demo, serve until Ctrl-C
#   ./run-demo.sh --check            build, start, smoke-check (RETURN 1, gds.version(), rec.*), stop
#   options: --skip-build  --interactions N (demo size, 10000 to 1000000, default 50000)  --help
#   ports:   REC4J_HTTP_PORT (default 7474), REC4J_BOLT_PORT (default 7687)
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$PWD
SERVER=$ROOT/demo/target/server

usage() {
  cat <<'USAGE'
Usage: ./run-demo.sh [--check] [--skip-build] [--interactions N]

Builds rec4j (mvn -DskipTests package), assembles a Neo4j 5.26 server with GDS and rec4j under
demo/target/server, starts it on 127.0.0.1 without authentication, loads the demo catalog and serves
until Ctrl-C.

Options:
  --check            start the server, smoke-check it (RETURN 1, gds.version(), rec.*), stop; no demo data
  --skip-build       use the jars of an earlier build
  --interactions N   size of the demo catalog: 10000 to 1000000 ratings (default 50000)
  -h, --help         print this help and exit

Environment:
  REC4J_HTTP_PORT    HTTP port for Neo4j Browser (default 7474)
  REC4J_BOLT_PORT    Bolt port (default 7687)
USAGE
}
die() { echo "run-demo: $*" >&2; exit 1; }
# usage errors: exit 2, before anything is built or started
bad_usage() { echo "run-demo: $*" >&2; echo "Try './run-demo.sh --help'." >&2; exit 2; }
# $1 is a whole number from $2 to $3 (no sign, no leading zeros, at most 7 digits)
in_range() { [[ $1 =~ ^[1-9][0-9]{0,6}$ ]] && [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; }

MODE=serve BUILD=1 INTERACTIONS=50000
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --check) MODE=check ;;
    --skip-build) BUILD=0 ;;
    --interactions|--interactions=*)
      if [ "$1" = --interactions ]; then
        [ $# -ge 2 ] || bad_usage "--interactions needs a number (10000 to 1000000)"
        INTERACTIONS=$2; shift
      else
        INTERACTIONS=${1#--interactions=}
      fi
      in_range "$INTERACTIONS" 10000 1000000 \
        || bad_usage "--interactions must be a whole number from 10000 to 1000000, got '$INTERACTIONS'" ;;
    *) bad_usage "unknown option '$1' (allowed: --check, --skip-build, --interactions N, --help)" ;;
  esac
  shift
done
HTTP_PORT=${REC4J_HTTP_PORT:-7474}
BOLT_PORT=${REC4J_BOLT_PORT:-7687}
in_range "$HTTP_PORT" 1 65535 || bad_usage "REC4J_HTTP_PORT must be a port number from 1 to 65535, got '$HTTP_PORT'"
in_range "$BOLT_PORT" 1 65535 || bad_usage "REC4J_BOLT_PORT must be a port number from 1 to 65535, got '$BOLT_PORT'"
[ "$HTTP_PORT" != "$BOLT_PORT" ] || bad_usage "REC4J_HTTP_PORT and REC4J_BOLT_PORT must differ, both are $HTTP_PORT"
# shellcheck source=.ci/server-setup.sh
. "$ROOT/.ci/server-setup.sh"

# 1. Java 17 or newer, and free ports: refuse clearly before doing anything.
command -v java >/dev/null || die "no 'java' on PATH: install JDK 17 (or newer) first"
JAVA_SPEC=$(java -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}')
JAVA_MAJOR=${JAVA_SPEC#1.}; JAVA_MAJOR=${JAVA_MAJOR%%.*}
[ "${JAVA_MAJOR:-0}" -ge 17 ] 2>/dev/null || die "Java ${JAVA_SPEC:-unknown} found, but Neo4j 5.26 and rec4j need Java 17 or newer (fix PATH or JAVA_HOME)"
require_free_ports

# 2. Build: the plugin jar, and the server's lib/ and plugins/ from Maven Central.
if [ "$BUILD" = 1 ]; then
  command -v mvn >/dev/null || die "no 'mvn' on PATH: install Apache Maven 3.8+"
  echo "Building rec4j and assembling the server (mvn -DskipTests package) ..."
  # plain text in logs: -B and style.color=never turn Maven's colours off; jansi.noreset stops the colour resets
  # that Maven 3.8 (jansi 2) still prints in batch mode
  MAVEN_OPTS="${MAVEN_OPTS:-} -Djansi.noreset=true" mvn -B -q --no-transfer-progress -Dstyle.color=never -DskipTests package
fi
[ -d "$SERVER/lib" ] && [ -d "$SERVER/plugins" ] || die "$SERVER/lib or plugins/ missing: run without --skip-build"

# 3. Assemble: plugins/ keeps only what lib/ lacks (the official GDS plugin jar is self-contained the same way).
prune_plugins
mkdir -p "$SERVER/conf" "$SERVER/data" "$SERVER/logs" "$SERVER/import" "$SERVER/run"
neo4j_conf "Written by run-demo.sh: the demo server, on 127.0.0.1 only, without authentication." \
  "$SERVER/import" 512m > "$SERVER/conf/neo4j.conf"
# Neo4j Browser: after connecting, clear the stream (Neo4j's start page) and open the rec4j guide that the plugin
# serves (rec4j.browser.GuideResource, mounted by docker/rec4j.conf) in the sidebar; the Browser fetches guides only
# from allowlisted hosts. No product-analytics prompt (nor data) from this offline demo.
GUIDE_URL="http://127.0.0.1:$HTTP_PORT/rec4j/guide.html"
BROWSER_URL="http://127.0.0.1:$HTTP_PORT/browser/?dbms=bolt://127.0.0.1:$BOLT_PORT&preselectAuthMethod=NO_AUTH"
cat >> "$SERVER/conf/neo4j.conf" <<CONF

# Written by run-demo.sh: the Browser opens the rec4j guide after connecting
browser.post_connect_cmd=clear; guide $GUIDE_URL
browser.remote_content_hostname_whitelist=127.0.0.1,localhost
client.allow_telemetry=false
CONF

# 4. Start Neo4j as installed: the console launcher, which starts the server JVM with plugins/ on its classpath.
echo "Starting Neo4j 5.26 in $SERVER (log: $SERVER/logs/console.log) ..."
NEO4J_HOME=$SERVER NEO4J_CONF=$SERVER/conf \
  java -cp "$SERVER/lib/*" org.neo4j.server.startup.Neo4jCommand console > "$SERVER/logs/console.log" 2>&1 &
NEO4J_PID=$!
stop_server() {
  trap - INT TERM EXIT
  if kill -0 "$NEO4J_PID" 2>/dev/null; then
    echo "Stopping Neo4j ..."
    kill -TERM "$NEO4J_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$NEO4J_PID" 2>/dev/null || break; sleep 1; done
    if kill -0 "$NEO4J_PID" 2>/dev/null; then kill -KILL "$NEO4J_PID" 2>/dev/null || true; fi
    wait "$NEO4J_PID" 2>/dev/null || true
    echo "Neo4j stopped."
  fi
}
trap 'stop_server; exit 130' INT TERM
trap stop_server EXIT

for i in $(seq 1 180); do
  port_open "$BOLT_PORT" && port_open "$HTTP_PORT" && break
  kill -0 "$NEO4J_PID" 2>/dev/null || { tail -30 "$SERVER/logs/console.log" >&2; die "Neo4j exited during start-up (see above)"; }
  sleep 1
done
port_open "$BOLT_PORT" && port_open "$HTTP_PORT" || { tail -30 "$SERVER/logs/console.log" >&2; die "Bolt and HTTP did not open on 127.0.0.1:$BOLT_PORT and :$HTTP_PORT within 180 s"; }
echo "Neo4j is up: bolt://127.0.0.1:$BOLT_PORT"

CLIENT=(java -cp "$ROOT/demo/target/classes:$ROOT/demo/target/client-lib/*" rec4j.demo.DemoClient)
if [ "$MODE" = check ]; then
  "${CLIENT[@]}" check --bolt "bolt://127.0.0.1:$BOLT_PORT"
  code=$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$HTTP_PORT/browser/" || true)
  echo "Neo4j Browser at http://127.0.0.1:$HTTP_PORT/browser/: HTTP $code"
  [ "$code" = 200 ] || die "Neo4j Browser did not answer 200"
  code=$(curl -s -o /dev/null -w '%{http_code}' "$GUIDE_URL" || true)
  echo "rec4j guide at $GUIDE_URL: HTTP $code"
  [ "$code" = 200 ] || die "the rec4j guide did not answer 200 (is server.unmanaged_extension_classes in conf/neo4j.conf?)"
  exit 0
fi

"${CLIENT[@]}" load --bolt "bolt://127.0.0.1:$BOLT_PORT" --import "$SERVER/import" --cypher "$ROOT/cypher" \
  --interactions "$INTERACTIONS"
cat <<MSG

rec4j demo is serving:
  Neo4j Browser  $BROWSER_URL
                 (connects without authentication and opens the rec4j guide; or type :guide $GUIDE_URL)
  Bolt           bolt://127.0.0.1:$BOLT_PORT
  Try            CALL rec.info()   or the queries in cypher/40-example-queries.cypher
Press Ctrl-C to stop.
MSG
wait "$NEO4J_PID"
