# Sourced by run-demo.sh, .ci/fault-test.sh and .ci/conf-test.sh: assembling the Neo4j server that demo/target/server
# holds. Uses the caller's SERVER, ROOT, HTTP_PORT, BOLT_PORT and die.

# plugins/ keeps only what lib/ lacks (the official GDS plugin jar is self-contained the same way).
prune_plugins() {
  local jar
  for jar in "$SERVER"/plugins/*.jar; do
    if [ -e "$SERVER/lib/$(basename "$jar")" ]; then rm "$jar"; fi
  done
}

# neo4j.conf on stdout: 127.0.0.1 only, without authentication, then docker/rec4j.conf.
# $1: the comment line at the top, $2: the import directory, $3: the page cache size, $4 (optional): the lib directory.
neo4j_conf() {
  server_conf "$@"
  echo
  cat "$ROOT/docker/rec4j.conf"
}

# The server part of neo4j_conf (no rec4j lines), with the same arguments.
server_conf() {
  echo "# $1"
  echo "server.default_listen_address=127.0.0.1"
  echo "server.http.listen_address=127.0.0.1:$HTTP_PORT"
  echo "server.bolt.listen_address=127.0.0.1:$BOLT_PORT"
  echo "server.https.enabled=false"
  echo "dbms.security.auth_enabled=false"
  echo "dbms.usage_report.enabled=false"
  if [ -n "${4:-}" ]; then echo "server.directories.lib=$4"; fi
  echo "server.directories.plugins=$SERVER/plugins"
  echo "server.directories.import=$2"
  echo "server.memory.heap.initial_size=1g"
  echo "server.memory.heap.max_size=2g"
  echo "server.memory.pagecache.size=$3"
}

# The first value of the first row of a query over HTTP (empty when there is none; fast enough to poll).
http_value() {
  local body
  body=$(curl -s -m 10 -H 'Content-Type: application/json' \
    -d "{\"statements\":[{\"statement\":\"$1\"}]}" "http://127.0.0.1:$HTTP_PORT/db/neo4j/tx/commit" 2>/dev/null) || return 0
  sed -n 's/.*"row":\[\([^],]*\).*/\1/p' <<<"$body"
}

# True when something listens on 127.0.0.1:$1.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# Stops (the caller's die) when HTTP_PORT or BOLT_PORT is already taken.
require_free_ports() {
  local port
  for port in "$HTTP_PORT" "$BOLT_PORT"; do
    if port_open "$port"; then
      die "port $port on 127.0.0.1 is already in use (another Neo4j?): stop that process, or set REC4J_HTTP_PORT / REC4J_BOLT_PORT"
    fi
  done
}
