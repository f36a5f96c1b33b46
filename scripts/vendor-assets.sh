#!/usr/bin/env bash
# Copy the dist files of the npm dependencies (package-lock.json) that the pages load into
# static/vendor/, which git ignores. Run after `npm ci`; `make run` and `make test` do both.
# Fails, naming the file, when an expected file is missing (a version bump that moved it).
#   scripts/vendor-assets.sh [NODE_MODULES] [TARGET]
set -euo pipefail
cd "$(dirname "$0")/.."
modules="${1:-node_modules}"
target="${2:-static/vendor}"

# source (under node_modules) -> destination (under the target folder)
files=(
  "echarts/dist/echarts.min.js echarts/echarts.min.js"
  "echarts/LICENSE echarts/LICENSE"
  "echarts/NOTICE echarts/NOTICE"
  "leaflet/dist/leaflet.js leaflet/leaflet.js"
  "leaflet/dist/leaflet.js.map leaflet/leaflet.js.map"
  "leaflet/dist/leaflet.css leaflet/leaflet.css"
  "leaflet/dist/images/layers.png leaflet/images/layers.png"
  "leaflet/dist/images/layers-2x.png leaflet/images/layers-2x.png"
  "leaflet/dist/images/marker-icon.png leaflet/images/marker-icon.png"
  "leaflet/dist/images/marker-icon-2x.png leaflet/images/marker-icon-2x.png"
  "leaflet/dist/images/marker-shadow.png leaflet/images/marker-shadow.png"
  "leaflet/LICENSE leaflet/LICENSE"
  "leaflet.markercluster/dist/leaflet.markercluster.js leaflet.markercluster/leaflet.markercluster.js"
  "leaflet.markercluster/dist/leaflet.markercluster.js.map leaflet.markercluster/leaflet.markercluster.js.map"
  "leaflet.markercluster/dist/MarkerCluster.css leaflet.markercluster/MarkerCluster.css"
  "leaflet.markercluster/dist/MarkerCluster.Default.css leaflet.markercluster/MarkerCluster.Default.css"
  "leaflet.markercluster/MIT-LICENCE.txt leaflet.markercluster/MIT-LICENCE.txt"
  "leaflet.heat/dist/leaflet-heat.js leaflet.heat/leaflet-heat.js"
  "leaflet.heat/LICENSE leaflet.heat/LICENSE"
)

missing=0
for pair in "${files[@]}"; do
  read -r source _ <<<"$pair"
  if [[ ! -f "$modules/$source" ]]; then
    echo "vendor-assets: $modules/$source is missing (run npm ci; did a version bump move it?)" >&2
    missing=1
  fi
done
[[ $missing -eq 0 ]] || exit 1

rm -rf "$target.tmp"
for pair in "${files[@]}"; do
  read -r source destination <<<"$pair"
  mkdir -p "$(dirname "$target.tmp/$destination")"
  cp "$modules/$source" "$target.tmp/$destination"
done
rm -rf "$target"
mv "$target.tmp" "$target"
touch "$target/.installed"
echo "vendor-assets: ${#files[@]} files in $target"
