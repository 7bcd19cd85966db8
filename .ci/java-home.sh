# Sourced by .ci/run and ./sluice: exports JAVA_HOME as the newest JDK 21+ found, keeping an
# existing JAVA_HOME that is already 21+. Fails with a clear message when there is none.
sluice_java_major() {
  local release="$1/release" v
  [[ -x "$1/bin/java" && -f "$release" ]] || return 1
  v=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$release")
  [[ -n "$v" ]] && echo "$v"
}

sluice_select_jdk() {
  local best="" best_major=0 dir major
  if [[ -n "${JAVA_HOME:-}" ]] && major=$(sluice_java_major "$JAVA_HOME") && ((major >= 21)); then
    return 0
  fi
  for dir in /usr/lib/jvm/*/; do
    dir="${dir%/}"
    major=$(sluice_java_major "$dir") || continue
    if ((major >= 21 && major > best_major)); then best="$dir"; best_major=$major; fi
  done
  if [[ -z "$best" ]]; then
    echo "Sluice needs a JDK 21 or newer; none found under /usr/lib/jvm (set JAVA_HOME to one)." >&2
    return 1
  fi
  export JAVA_HOME="$best"
  export PATH="$JAVA_HOME/bin:$PATH"
}
