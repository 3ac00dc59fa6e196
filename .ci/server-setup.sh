# Sourced by run-demo.sh and .ci/fault-test.sh: assembling the Neo4j server that demo/target/server holds.
# Uses the caller's SERVER, ROOT, HTTP_PORT and BOLT_PORT.

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
  echo
  cat "$ROOT/docker/rec4j.conf"
}
