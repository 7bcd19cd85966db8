#!/usr/bin/env bash
# Starts one real server in the foreground on loopback, from the binaries install.sh cached.
# The server replaces this script's process (exec), so the caller's process handle/PID is the
# server itself: stop it with SIGTERM.
#
#   tools/servers/start.sh minio <port> <datadir>        console on <port>+1
#   tools/servers/start.sh opensearch <port> <workdir>   data, logs, config copy under <workdir>
#   tools/servers/start.sh elasticsearch <port> <workdir>   the same, security off (plain HTTP)
#   tools/servers/start.sh wait minio|opensearch|elasticsearch <port> [timeout-seconds]
#                                                        polls readiness (default 120 s)
#
# Environment:
#   MINIO_ROOT_USER / MINIO_ROOT_PASSWORD   default sluice / sluice-secret
#   SLUICE_OPENSEARCH_HEAP                  default 512m (Elasticsearch too)
#   SLUICE_OPENSEARCH_TRANSPORT_PORT        default: the first free port of 9300-9400 (both)
#   SLUICE_OPENSEARCH_SETTINGS              extra node settings, "key=value" separated by spaces
#                                           (e.g. http.max_content_length=64kb), passed as -E (both)
# The components must be installed first: tools/servers/install.sh minio opensearch elasticsearch
set -euo pipefail

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
INSTALL=$SCRIPT_DIR/install.sh

die() { echo "start.sh: error: $*" >&2; exit 1; }
usage() { sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2; }

check_port() { [[ $1 =~ ^[0-9]+$ && $1 -gt 0 && $1 -lt 65536 ]] || die "bad port '$1'"; }

start_minio() {
  [[ $# -eq 2 ]] || usage
  local port=$1 dir=$2 bin
  check_port "$port"
  bin=$("$INSTALL" path minio)
  mkdir -p "$dir"
  export MINIO_ROOT_USER=${MINIO_ROOT_USER:-sluice}
  export MINIO_ROOT_PASSWORD=${MINIO_ROOT_PASSWORD:-sluice-secret}
  export MINIO_BROWSER=off MINIO_UPDATE=off
  exec "$bin" server "$dir" --quiet --address "127.0.0.1:$port" --console-address "127.0.0.1:$((port + 1))"
}

# start_search <opensearch|elasticsearch> <port> <workdir>: both ship the same layout and take
# the same node settings; they differ in the names of their environment variables.
start_search() {
  [[ $# -eq 3 ]] || usage
  local kind=$1 port=$2 work=$3 home java_home user heap=${SLUICE_OPENSEARCH_HEAP:-512m}
  check_port "$port"
  home=$("$INSTALL" path "$kind-home")
  java_home=$("$INSTALL" path opensearch-java-home)
  mkdir -p "$work"
  work=$(cd "$work" && pwd)
  mkdir -p "$work/data" "$work/logs" "$work/tmp"
  # A private config dir: the keystore the node creates and the GC log go under <workdir>,
  # so several instances can share one installation.
  if [[ ! -f $work/config/$kind.yml ]]; then
    rm -rf "$work/config"
    cp -r "$home/config" "$work/config"
    rm -f "$work/config/$kind.keystore"
    sed -i -e "s|^-Xms.*|-Xms$heap|" -e "s|^-Xmx.*|-Xmx$heap|" \
      -e "s|file=logs/gc.log|file=$work/logs/gc.log|" \
      -e "s|HeapDumpPath=data|HeapDumpPath=$work/data|" \
      -e "s|ErrorFile=logs/|ErrorFile=$work/logs/|" "$work/config/jvm.options"
    # Elasticsearch sizes its heap itself unless told
    grep -q '^-Xmx' "$work/config/jvm.options" || {
      mkdir -p "$work/config/jvm.options.d"
      printf -- '-Xms%s\n-Xmx%s\n' "$heap" "$heap" >"$work/config/jvm.options.d/heap.options"
    }
  fi
  local args=(-Ediscovery.type=single-node -Enetwork.host=127.0.0.1 "-Ehttp.port=$port"
    "-Epath.data=$work/data" "-Epath.logs=$work/logs" -Ecluster.name=sluice-test)
  [[ -n ${SLUICE_OPENSEARCH_TRANSPORT_PORT:-} ]] && args+=("-Etransport.port=$SLUICE_OPENSEARCH_TRANSPORT_PORT")
  local setting
  for setting in ${SLUICE_OPENSEARCH_SETTINGS:-}; do
    [[ $setting =~ ^[a-z][a-z0-9_.]*=[^[:space:]]+$ ]] || die "bad setting '$setting' in SLUICE_OPENSEARCH_SETTINGS"
    args+=("-E$setting")
  done
  local envs
  if [[ $kind == elasticsearch ]]; then
    # the integ-test zip carries x-pack security, on by default in 8.x: tests talk plain HTTP
    args+=(-Expack.security.enabled=false)
    envs=(ES_JAVA_HOME="$java_home" ES_PATH_CONF="$work/config" ES_TMPDIR="$work/tmp")
  else
    envs=(OPENSEARCH_JAVA_HOME="$java_home" OPENSEARCH_PATH_CONF="$work/config"
      OPENSEARCH_TMPDIR="$work/tmp")
  fi
  envs+=(PATH=/usr/local/bin:/usr/bin:/bin)
  if [[ $EUID -eq 0 ]]; then
    # OpenSearch and Elasticsearch refuse to run as root: run as the system user install.sh made.
    user=$("$INSTALL" env | sed -n 's/^SLUICE_OPENSEARCH_USER=//p')
    id -u "$user" >/dev/null 2>&1 || die "user $user missing: run tools/servers/install.sh $kind"
    chown -R "$user:" "$work"
    exec setpriv --reuid "$user" --regid "$user" --init-groups --reset-env \
      env "${envs[@]}" "$home/bin/$kind" "${args[@]}"
  fi
  exec env "${envs[@]}" "$home/bin/$kind" "${args[@]}"
}

wait_ready() {
  [[ $# -ge 2 && $# -le 3 ]] || usage
  local kind=$1 port=$2 timeout=${3:-120} url
  check_port "$port"
  case $kind in
    minio) url="http://127.0.0.1:$port/minio/health/ready" ;;
    opensearch|elasticsearch) url="http://127.0.0.1:$port/_cluster/health?wait_for_status=yellow&timeout=1s" ;;
    *) usage ;;
  esac
  local deadline=$((SECONDS + timeout))
  until curl -fsS -o /dev/null --max-time 5 "$url" 2>/dev/null; do
    ((SECONDS < deadline)) || die "$kind on port $port not ready after $timeout s ($url)"
    sleep 0.5
  done
}

[[ $# -ge 1 ]] || usage
kind=$1; shift
case $kind in
  minio) start_minio "$@" ;;
  opensearch|elasticsearch) start_search "$kind" "$@" ;;
  wait) wait_ready "$@" ;;
  *) usage ;;
esac
