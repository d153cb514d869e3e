"""Checks the chart's rendered manifests: what a platform engineer relies on when installing it."""
import json
import sys
import yaml

SERVICES = ["gateway", "engine-service", "handoff-service", "connector-hubspot", "connector-salesforce", "connector-eloqua"]
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def load(path):
    docs = [d for d in yaml.safe_load_all(open(path)) if d]
    return {(d["kind"], d["metadata"]["name"]): d for d in docs}


def monitoring_of(release):
    """The namespace production-like values let Prometheus in from (none by default)."""
    return {"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "monitoring"}}} if release == "onramp-prod" else None


def policy_of(objects, release, service):
    """Who may reach the service: the sources of its NetworkPolicy (nobody listed when it has none)."""
    policy = objects.get(("NetworkPolicy", f"{release}-{service}"), {"spec": {"ingress": [{"from": []}]}})
    return policy["spec"]["ingress"][0]["from"]


def env_of(objects, release, service):
    return objects[("ConfigMap", f"{release}-{service}")]["data"]


def container(objects, release, service):
    return objects[("Deployment", f"{release}-{service}")]["spec"]["template"]["spec"]["containers"][0]


def check_common(objects, release, services):
    for s in services:
        name = f"{release}-{s}"
        missing = [kind for kind in ("ConfigMap", "Deployment", "Service", "NetworkPolicy") if (kind, name) not in objects]
        check(not missing, f"{release}: no {', '.join(missing)} {name}")
        if missing:
            continue
        deployment = objects[("Deployment", name)]
        pod = deployment["spec"]["template"]
        selector = deployment["spec"]["selector"]["matchLabels"]
        check(set(selector) == {"app.kubernetes.io/name", "app.kubernetes.io/instance"}, f"{name}: selector labels {selector}")
        check("app.kubernetes.io/version" in pod["metadata"]["labels"], f"{name}: pod labels lack the version")
        check(len(pod["metadata"]["annotations"].get("checksum/config", "")) == 64, f"{name}: no checksum/config annotation")
        c = pod["spec"]["containers"][0]
        check(c["livenessProbe"]["httpGet"]["path"] == "/actuator/health/liveness", f"{name}: liveness probe")
        check(c["readinessProbe"]["httpGet"]["path"] == "/actuator/health/readiness", f"{name}: readiness probe")
        check("limits" in c["resources"] and "requests" in c["resources"], f"{name}: resources")
        check(c["securityContext"]["readOnlyRootFilesystem"] is True, f"{name}: writable root filesystem")
        check(pod["spec"]["securityContext"]["runAsNonRoot"] is True, f"{name}: may run as root")
        check(pod["spec"]["securityContext"].get("seccompProfile") == {"type": "RuntimeDefault"}, f"{name}: no RuntimeDefault seccomp")
        check(pod["spec"].get("automountServiceAccountToken") is False, f"{name}: mounts a service account token")
        spread = pod["spec"].get("topologySpreadConstraints", [{}])[0]
        check(spread.get("topologyKey") == "kubernetes.io/hostname" and spread.get("labelSelector", {}).get("matchLabels") == selector,
              f"{name}: not spread across nodes")
        pdb = objects.get(("PodDisruptionBudget", name))
        check(pdb is not None and pdb["spec"]["selector"]["matchLabels"] == selector and pdb["spec"].get("maxUnavailable") == 1,
              f"{name}: no PodDisruptionBudget for its pods")
        check({"configMapRef": {"name": name}} in c["envFrom"], f"{name}: its ConfigMap is not its environment")
        env = objects[("ConfigMap", name)]["data"]
        check(all(isinstance(v, str) for v in env.values()), f"{name}: non-string ConfigMap values")
        check(not any("PASSWORD" in k or "SECRET" in k or "TOKEN" in k for k in env), f"{name}: a secret in the ConfigMap: {list(env)}")
    check(any("namespaceSelector" in f for f in policy_of(objects, release, "gateway")), "gateway: the ingress controller may not reach it")
    outside = [f for f in policy_of(objects, release, "engine-service") if "namespaceSelector" in f]
    check(outside in ([], [monitoring_of(release)]), f"engine-service: reachable from outside the release: {outside}")


# -- default values -----------------------------------------------------------------------------------
default = load(sys.argv[1])
check_common(default, "onramp-test", SERVICES)
check(sorted(n for k, n in default if k == "HorizontalPodAutoscaler")
      == ["onramp-test-connector-eloqua", "onramp-test-connector-hubspot", "onramp-test-connector-salesforce"],
      "default: an HPA for each connector and nothing else")
check("replicas" not in default[("Deployment", "onramp-test-connector-hubspot")]["spec"], "an autoscaled connector sets replicas")
check(default[("Deployment", "onramp-test-engine-service")]["spec"]["replicas"] == 2, "default: two engine replicas")
engine = env_of(default, "onramp-test", "engine-service")
check(engine["ONRAMP_DB_URL"] == "jdbc:postgresql://postgres.example.com:5432/onramp_engine?sslmode=require", f"engine DB URL {engine['ONRAMP_DB_URL']}")
check(engine["ONRAMP_JOB_THREADS"] == "3", "engine job threads")
gateway = env_of(default, "onramp-test", "gateway")
check(gateway["ONRAMP_ENGINE_URL"] == "http://onramp-test-engine-service:8081", f"gateway → engine {gateway['ONRAMP_ENGINE_URL']}")
check(gateway["ONRAMP_HUBSPOT_CONNECTOR_URL"] == "http://onramp-test-connector-hubspot:8083", "gateway → hubspot")
check(env_of(default, "onramp-test", "connector-hubspot")["ONRAMP_HUBSPOT_WEBHOOK_PUBLIC_URL"]
      == "https://onramp.example.com/webhooks/hubspot", "hubspot webhook URL")
ingress = default[("Ingress", "onramp-test-gateway")]["spec"]
check(ingress["rules"][0]["http"]["paths"][0]["backend"]["service"]["name"] == "onramp-test-gateway", "ingress → gateway")
check("tls" not in ingress, "default: no TLS section without a secret")
check(container(default, "onramp-test", "engine-service")["image"] == "registry.example.com/onramp/onramp-engine-service:0.1.0",
      "default image: registry/onramp-<service>:<appVersion>")

# -- production-like values ---------------------------------------------------------------------------
prod = load(sys.argv[2])
check_common(prod, "onramp-prod", [s for s in SERVICES if s != "connector-eloqua"])
check(not any(n.endswith("connector-eloqua") for _, n in prod), "eloqua disabled, yet rendered")
check(prod[("Deployment", "onramp-prod-engine-service")]["spec"]["replicas"] == 3, "prod: three engine replicas")
check(sorted(n for k, n in prod if k == "HorizontalPodAutoscaler") == ["onramp-prod-connector-hubspot"], "prod: only hubspot autoscaled")
check(prod[("HorizontalPodAutoscaler", "onramp-prod-connector-hubspot")]["spec"]["minReplicas"] == 2, "prod: hubspot min replicas")
check(prod[("Deployment", "onramp-prod-connector-salesforce")]["spec"]["replicas"] == 2, "prod: salesforce fixed at 2")
prod_engine = env_of(prod, "onramp-prod", "engine-service")
check(prod_engine["ONRAMP_INSIGHTS_COMPLETION_ALERT"] == "0.85", "prod: extra env reaches the ConfigMap")
check(prod_engine["ONRAMP_KEYCLOAK_REALM"] == "acme" and env_of(prod, "onramp-prod", "gateway")["ONRAMP_KEYCLOAK_REALM"] == "acme",
      "prod: the realm reaches engine and gateway")
check(container(prod, "onramp-prod", "engine-service")["image"] == "ghcr.io/acme/onramp/onramp-engine-service:1.4.2", "prod image")
check(prod[("Deployment", "onramp-prod-engine-service")]["spec"]["template"]["spec"]["imagePullSecrets"] == [{"name": "ghcr-pull"}],
      "prod: pull secret")
check(prod[("Ingress", "onramp-prod-gateway")]["spec"]["tls"][0]["secretName"] == "onboarding-acme-tls", "prod: TLS")
# a config change rolls the pods: the two renders differ in engine config, so must their checksums
checksum = lambda objs, rel: objs[("Deployment", f"{rel}-engine-service")]["spec"]["template"]["metadata"]["annotations"]["checksum/config"]
check(checksum(default, "onramp-test") != checksum(prod, "onramp-prod"), "a changed config keeps the same checksum")

# Prometheus: let in to the services (not the gateway) only when its namespace is given
monitoring = monitoring_of("onramp-prod")
check(monitoring in policy_of(prod, "onramp-prod", "engine-service"), "prod: Prometheus cannot reach engine-service")
check(monitoring not in policy_of(prod, "onramp-prod", "gateway"), "prod: Prometheus let in to the gateway")
check(all(len(policy_of(default, "onramp-test", s)) == (2 if s == "gateway" else 1) for s in SERVICES),
      "default: someone from outside the release let in")

# the insights dashboard: off by default; on, one ConfigMap the Grafana sidecar picks up, every panel on the chosen datasource
check(("ConfigMap", "onramp-test-grafana-dashboard") not in default, "default: a dashboard ConfigMap without grafanaDashboard.enabled")
board_map = prod.get(("ConfigMap", "onramp-prod-grafana-dashboard"))
check(board_map is not None, "prod: no dashboard ConfigMap")
if board_map:
    check(board_map["metadata"]["labels"].get("grafana_dashboard") == "1", "prod: dashboard lacks the sidecar label")
    check(board_map["metadata"].get("namespace") == "monitoring", "prod: dashboard not in Grafana's namespace")
    board = json.loads(board_map["data"]["onramp-insights.json"])
    check(board["uid"] == "onramp-insights", "dashboard uid")
    targets = [t for p in board["panels"] for t in p.get("targets", [])]
    check(len(targets) >= 20, f"dashboard: only {len(targets)} queries")
    check(all(t["datasource"]["uid"] == "${datasource}" and t["expr"] for t in targets), "dashboard: a query off the datasource variable")

# ServiceMonitors: off by default; on, one per service but the gateway, scraping with Prometheus' own Keycloak client
check(not any(k == "ServiceMonitor" for k, _ in default), "default: a ServiceMonitor without serviceMonitor.enabled")
monitors = {n: d for (k, n), d in prod.items() if k == "ServiceMonitor"}
check(sorted(monitors) == sorted(f"onramp-prod-{s}" for s in SERVICES if s not in ("gateway", "connector-eloqua")),
      f"prod: ServiceMonitors {sorted(monitors)}")
for name, monitor in monitors.items():
    endpoint = monitor["spec"]["endpoints"][0]
    check(monitor["metadata"].get("namespace") == "monitoring" and monitor["metadata"]["labels"].get("release") == "prometheus",
          f"{name}: namespace or labels")
    check(endpoint["path"] == "/actuator/prometheus" and endpoint["oauth2"]["tokenUrl"]
          == "https://sso.acme.com/realms/acme/protocol/openid-connect/token", f"{name}: endpoint {endpoint}")
    check(monitor["spec"]["selector"]["matchLabels"] == prod[("Deployment", name)]["spec"]["selector"]["matchLabels"],
          f"{name}: selects other pods than its service's")
check(env_of(prod, "onramp-prod", "gateway")["ONRAMP_GATEWAY_TRUSTED_PROXIES"] == "10.42.0.0/16", "prod: trusted proxies")
# a connector's replicas share the vendor account's budget in engine-service: no replica divides a limit by a count it guesses
check("ONRAMP_HUBSPOT_REPLICAS" not in env_of(prod, "onramp-prod", "connector-hubspot"), "prod: HubSpot budget shared, not divided")
check("ONRAMP_ELOQUA_REPLICAS" not in env_of(default, "onramp-test", "connector-eloqua"), "default: Eloqua import budget shared, not divided")
check(env_of(default, "onramp-test", "gateway")["ONRAMP_GATEWAY_TRUSTED_PROXIES"] == "", "default: trusted proxies")

if failures:
    print("chart checks failed:\n  " + "\n  ".join(failures), file=sys.stderr)
    sys.exit(1)
print(f"chart checks: {len(default)} default and {len(prod)} production-like manifests as expected")
