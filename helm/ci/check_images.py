"""Checks each service's container image (the tarball Jib builds with ./onramp test) against the chart
rendered with its defaults: the chart must pull exactly the name Jib pushes, on the port it exposes,
as the user it runs as, and the image must start the service's own main class."""
import json
import sys
import tarfile
from pathlib import Path

import yaml

MODULES = {"gateway": "gateway", "engine-service": "engine-service", "handoff-service": "handoff-service",
           "connector-hubspot": "connectors/hubspot", "connector-salesforce": "connectors/salesforce",
           "connector-eloqua": "connectors/eloqua"}
failures = []


def check(condition, message):
    if not condition:
        failures.append(message)


def image_of(tarball):
    with tarfile.open(tarball) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))[0]
        config = json.load(tar.extractfile(manifest["Config"]))["config"]
    return manifest["RepoTags"], config


rendered, root = sys.argv[1], Path(sys.argv[2])
objects = {(d["kind"], d["metadata"]["name"]): d for d in yaml.safe_load_all(open(rendered)) if d}
for service, module in MODULES.items():
    tarball = root / module / "target" / "jib-image.tar"
    if not tarball.is_file():
        failures.append(f"{service}: no image tarball at {tarball} (./onramp test builds it with -Pimage-check)")
        continue
    tags, config = image_of(tarball)
    pod = objects[("Deployment", f"onramp-test-{service}")]["spec"]["template"]["spec"]
    container = pod["containers"][0]
    check(tags == [container["image"]], f"{service}: Jib builds {tags}, the chart pulls {container['image']}")
    ports = {int(p.split("/")[0]) for p in config.get("ExposedPorts", {})}
    check(ports == {container["ports"][0]["containerPort"]},
          f"{service}: the image exposes {ports}, the chart's container port is {container['ports'][0]['containerPort']}")
    check(config.get("User", "").split(":")[0] == str(pod["securityContext"]["runAsUser"]),
          f"{service}: the image runs as {config.get('User')}, the chart as {pod['securityContext']['runAsUser']}")
    entrypoint = config.get("Entrypoint", [])
    main = root / module / "target" / "classes" / (entrypoint[-1].replace(".", "/") + ".class") if entrypoint else None
    check(entrypoint[:1] == ["java"] and main is not None and main.is_file(),
          f"{service}: the image's entrypoint {entrypoint} does not start a main class of the module")
    print(f"images: {tags[0]} ({entrypoint[-1] if entrypoint else '?'}, port {sorted(ports)}, user {config.get('User')})")

if failures:
    print("images: " + "\nimages: ".join(failures), file=sys.stderr)
    sys.exit(1)
print(f"images: {len(MODULES)} service images match the chart")
