#!/usr/bin/env bash
# Fault test against the real server that ./run-demo.sh assembles (demo/target/server), with its own home and data
# directory (demo/target/fault-server, made fresh each run: the demo's data is never touched):
#   1. start, load a small demo catalog (import + projection only), train a small model 'okModel', note the counts
#   2. kill -9 the server JVM while rec.embed.nodes writes 'faultVec' in batches of 16; restart; check the counts,
#      whole batches of full-length vectors, and that a skipExisting rerun writes exactly the missing ones
#   3. plant a stale '<model>.rec4j.<random>.tmp' in the model directory (what ModelFiles.writeAtomically leaves when
#      killed while saving) and kill -9 the server while rec.gcn.train trains 'faultModel'; restart; check the counts,
#      the model catalog (only okModel, which serves as before), and that no *.tmp is left in the model directory
# Needs a build (mvn -DskipTests package). Ports: REC4J_HTTP_PORT (default 7474), REC4J_BOLT_PORT (default 7687).
# Size: REC4J_FAULT_INTERACTIONS (default 20000). Ends with 'fault test passed', or exits 1 naming the failed checks.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
SERVER=$ROOT/demo/target/server
HOME_DIR=$ROOT/demo/target/fault-server
HTTP_PORT=${REC4J_HTTP_PORT:-7474}
BOLT_PORT=${REC4J_BOLT_PORT:-7687}
# shellcheck source=.ci/server-setup.sh
. "$ROOT/.ci/server-setup.sh"
INTERACTIONS=${REC4J_FAULT_INTERACTIONS:-20000}
BATCH=16
MODELS=$HOME_DIR/data/rec4j/models/gcn/neo4j
STATE=$HOME_DIR/state
BOLT=bolt://127.0.0.1:$BOLT_PORT
CLIENT=(java -cp "$ROOT/demo/target/classes:$ROOT/demo/target/client-lib/*" rec4j.demo.FaultClient)
START=$(date +%s)
FAILED=()
LAUNCHER_PID="" JVM_PID="" BG_PID=""

log() { echo "[fault-test $(( $(date +%s) - START )) s] $*"; }
die() { echo "fault-test: FAILED: $*" >&2; exit 1; }
alive() { [ -n "$1" ] && kill -0 "$1" 2>/dev/null; }
# record a failed check and go on, so that one run reports every failing check
failed() { echo "FAILED: $*"; FAILED+=("$*"); }

# Waits up to $2 seconds for process $1 to end; true when it has.
wait_gone() {
  local i
  for i in $(seq 1 "$2"); do alive "$1" || return 0; sleep 1; done
  ! alive "$1"
}

start_server() {
  local i
  require_free_ports
  NEO4J_HOME=$HOME_DIR NEO4J_CONF=$HOME_DIR/conf \
    java -cp "$SERVER/lib/*" org.neo4j.server.startup.Neo4jCommand console >> "$HOME_DIR/logs/console.log" 2>&1 &
  LAUNCHER_PID=$!
  for i in $(seq 1 180); do
    port_open "$BOLT_PORT" && port_open "$HTTP_PORT" && break
    alive "$LAUNCHER_PID" || { tail -30 "$HOME_DIR/logs/console.log" >&2; die "Neo4j exited during start-up (see above)"; }
    sleep 1
  done
  port_open "$BOLT_PORT" && port_open "$HTTP_PORT" || { tail -30 "$HOME_DIR/logs/console.log" >&2; die "Bolt and HTTP did not open within 180 s"; }
  # 'console' runs the server in a JVM of its own (a child of the launcher): that is the process to kill -9
  JVM_PID=$(pgrep -P "$LAUNCHER_PID" java | head -1 || true)
  [ -n "$JVM_PID" ] || JVM_PID=$(pgrep -P "$LAUNCHER_PID" | head -1 || true)
  [ -n "$JVM_PID" ] || JVM_PID=$LAUNCHER_PID
  for i in $(seq 1 120); do
    [ "$(http_value 'RETURN 1 AS one')" = 1 ] && break
    sleep 1
  done
  [ "$(http_value 'RETURN 1 AS one')" = 1 ] || die "database neo4j did not answer RETURN 1 within 120 s after start-up"
  log "Neo4j is up (launcher $LAUNCHER_PID, server JVM $JVM_PID, bolt $BOLT)"
}

# kill -9 the server JVM, then make sure the launcher is gone too.
kill_server() {
  log "kill -9 $JVM_PID (the server JVM)"
  kill -KILL "$JVM_PID" 2>/dev/null || true
  wait_gone "$JVM_PID" 30 || die "server JVM $JVM_PID still running 30 s after kill -9"
  if ! wait_gone "$LAUNCHER_PID" 30; then kill -KILL "$LAUNCHER_PID" 2>/dev/null || true; fi
  wait "$LAUNCHER_PID" 2>/dev/null || true
  for i in $(seq 1 30); do port_open "$BOLT_PORT" || port_open "$HTTP_PORT" || break; sleep 1; done
  LAUNCHER_PID="" JVM_PID=""
}

# kill -9 the server while the background client $BG_PID runs $3, reap the client ($1: what it did, $2: its log),
# start the server again and announce the checks.
restart_after_kill() {
  kill_server
  wait_gone "$BG_PID" 30 || kill -KILL "$BG_PID" 2>/dev/null || true
  wait "$BG_PID" 2>/dev/null || true
  BG_PID=""
  log "The $1 client saw: $(head -1 "$2" | cut -c1-160)"
  start_server
  log "Checks after the kill during $3:"
}

stop_server() {
  if alive "$LAUNCHER_PID"; then
    log "Stopping Neo4j ..."
    kill -TERM "$LAUNCHER_PID" 2>/dev/null || true
    wait_gone "$LAUNCHER_PID" 60 || kill -KILL "$LAUNCHER_PID" 2>/dev/null || true
    wait "$LAUNCHER_PID" 2>/dev/null || true
  fi
  if alive "$JVM_PID"; then
    wait_gone "$JVM_PID" 30 || kill -KILL "$JVM_PID" 2>/dev/null || true
  fi
  LAUNCHER_PID="" JVM_PID=""
}

cleanup() {
  local code=$?
  trap - EXIT INT TERM
  if alive "$BG_PID"; then kill -KILL "$BG_PID" 2>/dev/null || true; fi
  stop_server
  exit "$code"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Runs a check command of FaultClient: prints its lines, records its FAILED lines.
run_checks() {
  local out line
  out=$("${CLIENT[@]}" "$@" 2>&1) || true
  while IFS= read -r line; do
    echo "  $line"
    case "$line" in FAILED:*) FAILED+=("${line#FAILED: }") ;; esac
  done <<<"$out"
  grep -q '^ok: ' <<<"$out" || failed "FaultClient $1 checked nothing (output above)"
}

# 0. Preconditions and a fresh home: conf/ of our own, lib/ and plugins/ of the assembled server.
command -v java >/dev/null || die "no 'java' on PATH"
command -v curl >/dev/null || die "no 'curl' on PATH"
[ -d "$SERVER/lib" ] && [ -d "$SERVER/plugins" ] || die "$SERVER/lib or plugins/ missing: build first (mvn -DskipTests package)"
[ -f "$ROOT/demo/target/classes/rec4j/demo/FaultClient.class" ] || die "FaultClient not built: run mvn -DskipTests package"
prune_plugins   # as run-demo.sh does
rm -rf "$HOME_DIR"
mkdir -p "$HOME_DIR/conf" "$HOME_DIR/data" "$HOME_DIR/logs" "$HOME_DIR/import" "$HOME_DIR/run" "$STATE"
neo4j_conf "Written by .ci/fault-test.sh: a throw-away server on 127.0.0.1, without authentication." \
  "$HOME_DIR/import" 256m "$SERVER/lib" > "$HOME_DIR/conf/neo4j.conf"

# 1. Load, train okModel, note the counts.
start_server
log "Loading the demo catalog (--interactions $INTERACTIONS) and training okModel ..."
"${CLIENT[@]}" load --bolt "$BOLT" --import "$HOME_DIR/import" --cypher "$ROOT/cypher" --state "$STATE" \
  --interactions "$INTERACTIONS" || die "loading the demo catalog failed"
"${CLIENT[@]}" train --bolt "$BOLT" --model okModel --epochs 5 --state "$STATE" || die "training okModel failed"
[ -f "$MODELS/okModel.rec4j" ] || die "okModel.rec4j not found in $MODELS: the model directory is not where this test looks"
OK_SUM=$(sha256sum < "$MODELS/okModel.rec4j")
log "Before the kills: $(cat "$STATE/counts.txt")"

# 2. kill -9 during rec.embed.nodes.
TOTAL=$("${CLIENT[@]}" count --bolt "$BOLT" --property faultVec | awk '{print $3}')
log "rec.embed.nodes on $TOTAL items in batches of $BATCH, in the background ..."
"${CLIENT[@]}" embed --bolt "$BOLT" --property faultVec --batch-size "$BATCH" > "$STATE/embed.log" 2>&1 &
BG_PID=$!
SEEN=0
for i in $(seq 1 1200); do   # 0.25 s polls, at most 300 s
  SEEN=$(http_value 'MATCH (i:Item) WHERE i.faultVec IS NOT NULL RETURN count(i)')
  [ -n "$SEEN" ] && [ "$SEEN" -gt 0 ] && break
  alive "$BG_PID" || break
  sleep 0.25
done
alive "$BG_PID" || { cat "$STATE/embed.log"; die "rec.embed.nodes ended (see above) before the kill: nothing to interrupt"; }
[ -n "$SEEN" ] && [ "$SEEN" -gt 0 ] || die "no item got faultVec within 300 s"
[ "$SEEN" -lt "$TOTAL" ] || die "all $TOTAL items got faultVec before the kill: nothing to interrupt"
log "$SEEN of $TOTAL items have faultVec"
restart_after_kill embedding "$STATE/embed.log" rec.embed.nodes
run_checks check-embed --bolt "$BOLT" --property faultVec --batch-size "$BATCH" --state "$STATE"

# 3. kill -9 during rec.gcn.train, with a stale temp file of an interrupted save in the model directory.
"${CLIENT[@]}" project --bolt "$BOLT" --cypher "$ROOT/cypher" || die "projecting rec4j-demo again failed"
STALE=$MODELS/faultModel.rec4j.$(( (RANDOM << 30) | (RANDOM << 15) | RANDOM ))$RANDOM.tmp
head -c "$(( $(stat -c %s "$MODELS/okModel.rec4j") / 2 ))" "$MODELS/okModel.rec4j" > "$STALE"
log "Planted a half-written $(basename "$STALE"); training faultModel (100000 epochs) in the background ..."
"${CLIENT[@]}" train --bolt "$BOLT" --model faultModel --epochs 100000 > "$STATE/train.log" 2>&1 &
BG_PID=$!
# until it is in its training loop: the INFO line rec.gcn.train logs when training starts (per-epoch lines are DEBUG),
# then 3 s more; at most 120 s
STARTED="rec.gcn.train faultModel: training on"
for i in $(seq 1 240); do
  grep -q "$STARTED" "$HOME_DIR/logs/debug.log" 2>/dev/null && break
  alive "$BG_PID" || break
  sleep 0.5
done
grep -q "$STARTED" "$HOME_DIR/logs/debug.log" || die "rec.gcn.train did not start training within 120 s"
sleep 3
alive "$BG_PID" || { cat "$STATE/train.log"; die "rec.gcn.train ended (see above) before the kill"; }
log "faultModel is training: $(grep -o "$STARTED.*" "$HOME_DIR/logs/debug.log" | tail -1)"
restart_after_kill training "$STATE/train.log" rec.gcn.train
run_checks check-models --bolt "$BOLT" --ok okModel --killed faultModel --state "$STATE"
FILES=$(cd "$MODELS" && ls -A | tr '\n' ' ')
if [ "$(cd "$MODELS" && ls -A | grep '\.rec4j$' | tr '\n' ' ')" = "okModel.rec4j " ]; then
  echo "  ok: the only model file is okModel.rec4j ($FILES)"
else
  failed "the model directory holds model files other than okModel.rec4j: $FILES"
fi
if [ "$(sha256sum < "$MODELS/okModel.rec4j")" = "$OK_SUM" ]; then
  echo "  ok: okModel.rec4j is byte for byte the file written before the kills"
else
  failed "okModel.rec4j changed on disk across the kills"
fi
TMP=$(find "$MODELS" -name '*.tmp' -printf '%f ')
if [ -z "$TMP" ]; then
  echo "  ok: no *.tmp file is left in the model directory after start-up"
else
  failed "stale temp files remain in the model directory after start-up: $TMP(the server must delete *.rec4j.*.tmp on start-up)"
fi

# 4. Summary.
stop_server
echo
echo "Fault test summary ($(( $(date +%s) - START )) s, $INTERACTIONS interactions, batchSize $BATCH):"
echo "  kill -9 during rec.embed.nodes at $SEEN of $TOTAL items; kill -9 during rec.gcn.train with a stale temp file"
if [ ${#FAILED[@]} -gt 0 ]; then
  echo "  ${#FAILED[@]} check(s) failed:"
  printf '    - %s\n' "${FAILED[@]}"
  echo "fault test FAILED" >&2
  exit 1
fi
echo "fault test passed"
