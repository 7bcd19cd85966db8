#!/usr/bin/env bash
# Fetches the real flights sample data (US flight departures of 2001 and the airports table) from
# the vega-datasets npm package into samples/flights/data/ (git-ignored). Idempotent.
set -euo pipefail

VERSION="3.2.1"
FILES=(flights-20k.json flights-200k.json flights-3m.parquet airports.csv)
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
dest="${1:-$here/data}"
mkdir -p "$dest"

missing=()
for f in "${FILES[@]}"; do [[ -s "$dest/$f" ]] || missing+=("$f"); done
if [[ ${#missing[@]} -eq 0 ]]; then
  exit 0
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if command -v npm >/dev/null 2>&1 && (cd "$work" && npm pack --silent "vega-datasets@$VERSION" >/dev/null 2>&1); then
  tar -xzf "$work/vega-datasets-$VERSION.tgz" -C "$work"
  for f in "${missing[@]}"; do cp "$work/package/data/$f" "$dest/$f"; done
else
  # No npm, or no npm registry: the same files from a CDN that mirrors npm packages.
  for f in "${missing[@]}"; do
    curl -fsSL --retry 3 -o "$dest/$f" "https://cdn.jsdelivr.net/npm/vega-datasets@$VERSION/data/$f" || {
      echo "fetch-data.sh: could not download $f (needs npm or network access)" >&2
      exit 1
    }
  done
fi
echo "fetch-data.sh: vega-datasets@$VERSION data in $dest" >&2
