#!/usr/bin/env bash
# A real Kubernetes control plane for Sluice's e2e tests: etcd, kube-apiserver,
# kube-controller-manager and kube-scheduler run as local processes (kwokctl --runtime binary),
# from binaries built by tools/servers/install.sh; KWOK provides fake nodes that report Ready and
# marks scheduled pods Running/Ready (no container really runs). Nothing is downloaded.
#
#   e2e/cluster.sh up       create (or reuse) the cluster, print the kubeconfig path
#   e2e/cluster.sh down     delete the cluster and its files
#   e2e/cluster.sh status   say whether it is up (exit 0 when up, 1 when not)
#
# Environment:
#   SLUICE_CACHE               cache root (default ~/.cache/sluice)
#   SLUICE_E2E_CLUSTER         cluster name (default sluice-e2e)
#   SLUICE_E2E_NODES           fake nodes (default 2)
#   SLUICE_E2E_APISERVER_PORT  fixed kube-apiserver port (default: a random free one)
#   SLUICE_E2E_TIMEOUT         seconds to wait for readiness (default 120)
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
KCFG=$E2E/kubeconfig
export KWOK_WORKDIR=$E2E/kwok   # kwokctl keeps its clusters, pki and logs here, not in ~/.kwok

die() { echo "cluster.sh: error: $*" >&2; exit 1; }
say() { echo "cluster.sh: $*" >&2; }

KUBECTL=$(command -v kubectl) || die "kubectl is not on PATH (Debian package kubernetes-client, or any kubectl >= 1.32)"

kwokctl() { "$KWOKCTL" "$@"; }
kc() { "$KUBECTL" --kubeconfig "$KCFG" "$@"; }

cluster_dir() { echo "$KWOK_WORKDIR/clusters/$CLUSTER"; }

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
  # Every component listens on loopback only (kwokctl's default is 0.0.0.0).
  printf '%s\n' 'apiVersion: config.kwok.x-k8s.io/v1alpha1' 'kind: KwokctlConfiguration' \
    'options:' '  bindAddress: 127.0.0.1' >"$E2E/kwokctl.yaml"
  # kwokctl has no flag for the version: it reads KWOK_KUBE_VERSION to pick component flags.
  export KWOK_KUBE_VERSION=$kube_version KWOK_KUBECTL_BINARY=$KUBECTL
  args=(create cluster --name "$CLUSTER" --runtime binary --config "$E2E/kwokctl.yaml"
    --kube-apiserver-binary "$("$INSTALL" path kube-apiserver)"
    --kube-controller-manager-binary "$("$INSTALL" path kube-controller-manager)"
    --kube-scheduler-binary "$("$INSTALL" path kube-scheduler)"
    --etcd-binary "$("$INSTALL" path etcd)"
    --kwok-controller-binary "$("$INSTALL" path kwok)"
    --kubeconfig "$KCFG" --wait "${TIMEOUT}s" --quiet-pull)
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

cmd_down() {
  if [[ -d $(cluster_dir) ]]; then
    local k=$KWOKCTL
    [[ -n $k && -x $k ]] || k=$("$INSTALL" path kwokctl 2>/dev/null) ||
      die "kwokctl is not installed, cannot stop $(cluster_dir): run tools/servers/install.sh kwok"
    "$k" delete cluster --name "$CLUSTER" --kubeconfig "$KCFG" >"$E2E/delete.log" 2>&1 || {
      tail -n 20 "$E2E/delete.log" >&2
      die "kwokctl delete cluster failed (log $E2E/delete.log)"
    }
  fi
  rm -rf "$(cluster_dir)" "$KCFG"
  say "cluster $CLUSTER down"
}

cmd_status() {
  if [[ -d $(cluster_dir) ]] && api_ready; then
    echo "$CLUSTER: up, $(ready_nodes) Ready node(s), kubeconfig $KCFG"
    return 0
  fi
  if [[ -d $(cluster_dir) ]]; then
    echo "$CLUSTER: down (files in $(cluster_dir) but the API server does not answer; run 'down' or 'up')"
  else
    echo "$CLUSTER: down"
  fi
  return 1
}

KWOKCTL=
case ${1:-} in
  up) cmd_up ;;
  down) cmd_down ;;
  status) cmd_status ;;
  *) sed -n '2,21p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
