#!/usr/bin/env bash
# A real Kubernetes control plane for Sluice's e2e tests: etcd, kube-apiserver,
# kube-controller-manager and kube-scheduler run as local processes (kwokctl --runtime binary),
# from binaries built by tools/servers/install.sh; KWOK provides fake nodes that report Ready and
# marks scheduled pods Running/Ready (no container really runs). Nothing is downloaded.
#
#   e2e/cluster.sh up       create (or reuse) the cluster, print the kubeconfig path
#   e2e/cluster.sh down     delete the cluster and its files
#   e2e/cluster.sh restart  stop and start every control-plane process (etcd data kept)
#   e2e/cluster.sh scale N  make it N fake nodes (110 pods each), wait until they are Ready
#   e2e/cluster.sh status   say whether it is up and list its processes (exit 0 when up)
#
# up, down, restart and scale hold a lock ($SLUICE_CACHE/e2e/cluster.lock, flock): a second caller
# waits for the first (at most SLUICE_E2E_LOCK_TIMEOUT s), then sees the cluster it left.
#
# Environment:
#   SLUICE_CACHE               cache root (default ~/.cache/sluice)
#   SLUICE_E2E_CLUSTER         cluster name (default sluice-e2e)
#   SLUICE_E2E_NODES           fake nodes (default 2)
#   SLUICE_E2E_APISERVER_PORT  fixed kube-apiserver port (default: a random free one)
#   SLUICE_E2E_TIMEOUT         seconds to wait for readiness (default 120)
#   SLUICE_E2E_LOCK_TIMEOUT    seconds to wait for another up/down/restart/scale (default 600)
# The kubeconfig is written to $SLUICE_CACHE/e2e/kubeconfig (only this cluster in it;
# ~/.kube/config is not touched). Tests that get KUBECONFIG from elsewhere run against any
# cluster instead; see e2e/README.md.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
INSTALL=$ROOT/tools/servers/install.sh
CACHE=${SLUICE_CACHE:-$HOME/.cache/sluice}
E2E=$CACHE/e2e
CLUSTER=${SLUICE_E2E_CLUSTER:-sluice-e2e}
NODES=${SLUICE_E2E_NODES:-2}
TIMEOUT=${SLUICE_E2E_TIMEOUT:-120}
LOCK_TIMEOUT=${SLUICE_E2E_LOCK_TIMEOUT:-600}
KCFG=$E2E/kubeconfig
LOCK=$E2E/cluster.lock
COMPONENTS=(etcd kube-apiserver kube-controller-manager kube-scheduler kwok-controller)
export KWOK_WORKDIR=$E2E/kwok   # kwokctl keeps its clusters, pki and logs here, not in ~/.kwok

die() { echo "cluster.sh: error: $*" >&2; exit 1; }
say() { echo "cluster.sh: $*" >&2; }

KUBECTL=$(command -v kubectl) || die "kubectl is not on PATH (Debian package kubernetes-client, or any kubectl >= 1.32)"

# 9>&-: the components kwokctl forks must not inherit the lock, or they would hold it forever.
kwokctl() { "$KWOKCTL" "$@" 9>&-; }
kc() { "$KUBECTL" --kubeconfig "$KCFG" "$@"; }

cluster_dir() { echo "$KWOK_WORKDIR/clusters/$CLUSTER"; }

# Serialises up/down/restart: two concurrent `up`s would both see no cluster and both run
# kwokctl create on the same directory and ports. The lock is released when this shell exits.
lock() {
  mkdir -p "$E2E"
  exec 9>"$LOCK"
  if ! flock -n 9; then
    say "waiting for another cluster.sh up/down/restart (lock $LOCK)"
    flock -w "$LOCK_TIMEOUT" 9 || die "another cluster.sh held $LOCK for more than $LOCK_TIMEOUT s"
  fi
}

# The state of a recorded pid: running, or why not. A killed component stays a zombie when
# nothing reaps it (kwokctl exits after forking them), and kill -0 succeeds on a zombie.
process_state() {
  local pid=$1 state
  [[ -n $pid && -r /proc/$pid/stat ]] || { echo "not running"; return; }
  state=$(awk '{print $3}' "/proc/$pid/stat")
  [[ $state == Z ]] && echo "exited (zombie)" || echo "running"
}

component_pid() {
  local file
  file="$(cluster_dir)/pids/$1.pid"
  [[ -r $file ]] && tr -d '[:space:]' <"$file"
}

# Loopback ports a pid listens on, when ss is there to say.
listen_ports() {
  command -v ss >/dev/null || return 0
  ss -ltnpH 2>/dev/null | awk -v pat="pid=$1," 'index($0, pat) {n = split($4, a, ":"); print a[n]}' |
    sort -n | paste -sd, -
}

api_ready() {
  [[ -s $KCFG ]] && kc get --raw /readyz --request-timeout=3s >/dev/null 2>&1
}

ready_nodes() {
  kc get nodes --request-timeout=5s \
    -o jsonpath='{range .items[*]}{range .status.conditions[?(@.type=="Ready")]}{.status}{"\n"}{end}{end}' \
    2>/dev/null | grep -c '^True$' || true
}

wait_until() { # wait_until <what> <command...>
  local what=$1 deadline=$((SECONDS + TIMEOUT)); shift
  until "$@"; do
    ((SECONDS < deadline)) || die "timed out after $TIMEOUT s waiting for $what (logs: $(cluster_dir)/logs)"
    sleep 0.5
  done
}

nodes_ready() { (( $(ready_nodes) >= NODES )); }
node_leases_held() {
  local held
  held=$(kc get lease -n kube-node-lease --request-timeout=5s --no-headers 2>/dev/null | grep -c . || true)
  ((held >= NODES))
}
default_sa() { kc get serviceaccount default -n default --request-timeout=5s >/dev/null 2>&1; }

tools() {
  # Builds on first use (kube takes 6-10 min cold on 2 cores); silent and instant when cached.
  "$INSTALL" kube etcd kwok
  KWOKCTL=$("$INSTALL" path kwokctl)
}

cmd_up() {
  local start=$SECONDS
  tools
  mkdir -p "$E2E"
  if [[ -d $(cluster_dir) ]]; then
    if api_ready && nodes_ready; then
      say "cluster $CLUSTER already up"
      echo "$KCFG"
      return 0
    fi
    say "cluster $CLUSTER exists but is not healthy: recreating it"
    cmd_down >/dev/null
  fi
  local kube_version args
  kube_version=$("$INSTALL" versions | awk '$1 == "kube" {print $2}')
  rm -f "$KCFG"
  # Every component listens on loopback only (kwokctl's default is 0.0.0.0). Services get
  # kubeadm's range, 10.96.0.0/12: the API server's default /24 holds 254 ClusterIPs, and the
  # scale benchmark's 500 pipelines have a collector Service each.
  printf '%s\n' 'apiVersion: config.kwok.x-k8s.io/v1alpha1' 'kind: KwokctlConfiguration' \
    'options:' '  bindAddress: 127.0.0.1' \
    'componentsPatches:' '- name: kube-apiserver' '  extraArgs:' \
    '  - key: service-cluster-ip-range' '    value: 10.96.0.0/12' >"$E2E/kwokctl.yaml"
  # kwokctl has no flag for the version: it reads KWOK_KUBE_VERSION to pick component flags.
  export KWOK_KUBE_VERSION=$kube_version KWOK_KUBECTL_BINARY=$KUBECTL
  args=(create cluster --name "$CLUSTER" --runtime binary --config "$E2E/kwokctl.yaml"
    --kube-apiserver-binary "$("$INSTALL" path kube-apiserver)"
    --kube-controller-manager-binary "$("$INSTALL" path kube-controller-manager)"
    --kube-scheduler-binary "$("$INSTALL" path kube-scheduler)"
    --etcd-binary "$("$INSTALL" path etcd)"
    --kwok-controller-binary "$("$INSTALL" path kwok)"
    --kubeconfig "$KCFG" --wait "${TIMEOUT}s" --quiet-pull
    # Node leases of 80 s instead of kwokctl's 200 s (40 s times its heartbeat factor 5; the
    # controller-manager's node grace period follows): a restarted kwok controller renews, and
    # so takes over the nodes, every 20 s instead of 50 s (see cmd_restart).
    --heartbeat-factor 2)
  [[ -n ${SLUICE_E2E_APISERVER_PORT:-} ]] && args+=(--kube-apiserver-port "$SLUICE_E2E_APISERVER_PORT")
  say "creating cluster $CLUSTER (kube $kube_version, $NODES fake nodes)"
  if ! kwokctl "${args[@]}" >"$E2E/create.log" 2>&1; then
    tail -n 30 "$E2E/create.log" >&2
    die "kwokctl create cluster failed (log $E2E/create.log)"
  fi
  wait_until "the API server" api_ready
  kwokctl scale node --name "$CLUSTER" --replicas "$NODES" >>"$E2E/create.log" 2>&1 ||
    die "kwokctl scale node failed (log $E2E/create.log)"
  wait_until "$NODES Ready nodes" nodes_ready
  # Pods can be created only once the service-account controller made the default account.
  wait_until "the default service account" default_sa
  say "cluster $CLUSTER up in $((SECONDS - start)) s; export KUBECONFIG=$KCFG"
  echo "$KCFG"
}

# Stops every component and starts it again from the same directory: etcd keeps its data, the
# API server comes back on the same port with the same certificates. kwokctl start alone does
# not bring back a component that died while the others run, hence stop first.
cmd_restart() {
  local start=$SECONDS
  [[ -d $(cluster_dir) ]] || die "cluster $CLUSTER does not exist: run up"
  tools
  kwokctl stop cluster --name "$CLUSTER" >"$E2E/restart.log" 2>&1 || {
    tail -n 20 "$E2E/restart.log" >&2
    die "kwokctl stop cluster failed (log $E2E/restart.log)"
  }
  kwokctl start cluster --name "$CLUSTER" --wait "${TIMEOUT}s" >>"$E2E/restart.log" 2>&1 || {
    tail -n 20 "$E2E/restart.log" >&2
    die "kwokctl start cluster failed (log $E2E/restart.log)"
  }
  wait_until "the API server" api_ready
  # The node Leases are still held by the old kwok controller's identity; until they expire the
  # new one marks no new pod Running. Deleting them lets it take the nodes at its next renewal.
  kc delete lease --all -n kube-node-lease --request-timeout=10s >>"$E2E/restart.log" 2>&1 ||
    die "cannot delete the node leases (log $E2E/restart.log)"
  wait_until "$NODES Ready nodes" nodes_ready
  wait_until "the kwok controller holding the node leases" node_leases_held
  say "cluster $CLUSTER restarted in $((SECONDS - start)) s"
  echo "$KCFG"
}

cmd_scale() {
  local n=$1
  [[ $n =~ ^[0-9]+$ ]] && ((n >= 1 && n <= 1000)) || die "scale: node count must be 1..1000, not '$n'"
  [[ -d $(cluster_dir) ]] && api_ready || die "cluster $CLUSTER is not up: run up"
  tools
  kwokctl scale node --name "$CLUSTER" --replicas "$n" >>"$E2E/create.log" 2>&1 ||
    die "kwokctl scale node failed (log $E2E/create.log)"
  NODES=$n
  wait_until "$n Ready nodes" nodes_ready
  say "cluster $CLUSTER has $(ready_nodes) Ready node(s)"
}

cmd_down() {
  if [[ -d $(cluster_dir) ]]; then
    local k=$KWOKCTL
    [[ -n $k && -x $k ]] || k=$("$INSTALL" path kwokctl 2>/dev/null) ||
      die "kwokctl is not installed, cannot stop $(cluster_dir): run tools/servers/install.sh kwok"
    "$k" delete cluster --name "$CLUSTER" --kubeconfig "$KCFG" >"$E2E/delete.log" 2>&1 9>&- || {
      tail -n 20 "$E2E/delete.log" >&2
      die "kwokctl delete cluster failed (log $E2E/delete.log)"
    }
  fi
  rm -rf "$(cluster_dir)" "$KCFG"
  say "cluster $CLUSTER down"
}

cmd_status() {
  local up=1 server c pid
  if [[ -d $(cluster_dir) ]] && api_ready; then
    up=0
    server=$(kc config view --minify -o jsonpath='{.clusters[0].cluster.server}' 2>/dev/null || true)
    echo "$CLUSTER: up, $(ready_nodes) Ready node(s), API server $server, kubeconfig $KCFG"
  elif [[ -d $(cluster_dir) ]]; then
    echo "$CLUSTER: down (files in $(cluster_dir) but the API server does not answer; run 'down' or 'up')"
  else
    echo "$CLUSTER: down"
  fi
  if [[ -d $(cluster_dir) ]]; then
    for c in "${COMPONENTS[@]}"; do
      pid=$(component_pid "$c" || true)
      if [[ $(process_state "$pid") == running ]]; then
        printf '  %-24s pid %-8s running, listening on %s\n' "$c" "$pid" "$(listen_ports "$pid")"
      else
        printf '  %-24s pid %-8s %s\n' "$c" "${pid:--}" "$(process_state "$pid")"
      fi
    done
    echo "  logs: $(cluster_dir)/logs"
  fi
  if [[ -e $LOCK ]] && ! flock -n "$LOCK" true; then
    echo "  (an up/down/restart is running now)"
  fi
  return $up
}

KWOKCTL=
case ${1:-} in
  up) lock; cmd_up ;;
  down) lock; cmd_down ;;
  restart) lock; cmd_restart ;;
  scale) lock; cmd_scale "${2:-}" ;;
  status) cmd_status ;;
  *) sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
