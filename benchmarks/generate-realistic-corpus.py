#!/usr/bin/env python3
"""Writes a large, realistic corpus for the lint benchmark.

Usage: generate-realistic-corpus.py OUT_DIR [MEGABYTES]   (default 24)

What real repositories hand a linter in CI, in roughly the proportions of public ones:
- crds/: CustomResourceDefinitions the way controller-gen writes them: a full PodSpec inlined
  into each openAPIV3Schema (taken from the repository's own generated Kubernetes schemas,
  references resolved), every property with a description, and several served versions that
  repeat the schema. These are most of the bytes.
- helm/: `helm template` output, one stream per release: "# Source:" comments, Helm labels and
  checksum annotations, ServiceAccount/Role/RoleBinding, ConfigMaps with embedded config files,
  Secrets, Deployments with full pod specs, Services, Ingresses, HPAs, PDBs, NetworkPolicies and
  custom resources of the CRDs above, spread over many namespaces.
- platform.yaml: one big multi-document file (a platform bundle: CRDs, then many releases).
Deterministic: the same arguments write the same bytes.
"""
import base64
import copy
import hashlib
import json
import os
import random
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEMAS = os.path.join(ROOT, "schemas", "kubernetes", "1.36")

WORDS = ("the of a to is and for this field be in that if specified which by as pod container value must "
         "not are default when with used on set or an will resource name it from controller object may be "
         "defaults cannot updated more info https kubernetes io docs concepts selector labels namespace "
         "spec status reconcile operator deployment replicas volume mount secret config map key port "
         "protocol image pull policy probe timeout seconds period threshold effect toleration").split()


def sentence(rng, words):
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def load_pod_spec():
    with open(os.path.join(SCHEMAS, "v1-pod.json"), encoding="utf-8") as fh:
        pod = json.load(fh)
    definitions = pod["definitions"]

    def resolve(node, depth):
        if isinstance(node, dict):
            if "$ref" in node:
                name = node["$ref"].split("/")[-1]
                if depth > 12:
                    return {"type": "object", "x-kubernetes-preserve-unknown-fields": True}
                return resolve(definitions[name], depth + 1)
            return {k: resolve(v, depth) for k, v in node.items()
                    if k not in ("$comment", "$schema", "definitions", "x-kubernetes-patch-merge-key", "x-kubernetes-patch-strategy")
                    and not (k == "additionalProperties" and v is False)}
        if isinstance(node, list):
            return [resolve(v, depth) for v in node]
        return node

    return resolve(definitions["io.k8s.api.core.v1.PodSpec"], 0)


def describe(node, rng):
    """Adds descriptions to every schema node, as controller-gen copies Go doc comments into CRDs."""
    if not isinstance(node, dict):
        return node
    node["description"] = " ".join(sentence(rng, rng.randint(8, 30)) for _ in range(rng.randint(1, 4)))
    for child in (node.get("properties") or {}).values():
        describe(child, rng)
    for key in ("items", "additionalProperties"):
        if isinstance(node.get(key), dict):
            describe(node[key], rng)
    for key in ("anyOf", "allOf", "oneOf"):
        for child in node.get(key) or []:
            describe(child, rng)
    return node


def crd(index, pod_spec, rng):
    group = f"platform{index % 7}.example.com"
    kind = ["Cluster", "Pipeline", "Gateway", "Monitor", "Backup", "Database", "Queue", "Cache"][index % 8] + f"X{index}"
    plural = kind.lower() + "s"
    spec = {
        "type": "object",
        "properties": {
            "replicas": {"type": "integer", "format": "int32", "minimum": 0},
            "version": {"type": "string", "pattern": "^v[0-9]+\\.[0-9]+\\.[0-9]+$"},
            "mode": {"type": "string", "enum": ["Standalone", "Replicated", "Sharded"]},
            "paused": {"type": "boolean"},
            "resources": copy.deepcopy(pod_spec["properties"]["containers"]["items"]["properties"]["resources"]),
            # Operators differ in how much of the pod they expose: all of it, one container, or a few fields.
            "podTemplate": {"type": "object", "properties": {
                "metadata": {"type": "object", "x-kubernetes-preserve-unknown-fields": True},
                "spec": copy.deepcopy(pod_spec) if index % 4 == 0 else {"type": "object", "properties": {
                    "containers": copy.deepcopy(pod_spec["properties"]["containers"]) if index % 4 != 3 else
                    {"type": "array", "items": {"type": "object", "x-kubernetes-preserve-unknown-fields": True}},
                    "nodeSelector": {"type": "object", "additionalProperties": {"type": "string"}}}}}},
            "storage": {"type": "object", "properties": {
                "size": {"anyOf": [{"type": "integer"}, {"type": "string"}], "x-kubernetes-int-or-string": True,
                         "pattern": "^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$"},
                "storageClassName": {"type": "string"}}},
            "config": {"type": "object", "additionalProperties": {"type": "string"}},
            "extra": {"type": "object", "x-kubernetes-preserve-unknown-fields": True},
        },
        "required": ["version"],
    }
    status = {"type": "object", "properties": {
        "phase": {"type": "string"},
        "conditions": {"type": "array", "items": {"type": "object", "required": ["type", "status"], "properties": {
            "type": {"type": "string"}, "status": {"type": "string", "enum": ["True", "False", "Unknown"]},
            "reason": {"type": "string"}, "message": {"type": "string"},
            "lastTransitionTime": {"type": "string", "format": "date-time"}}}}}}
    schema = describe({"type": "object", "properties": {
        "apiVersion": {"type": "string"}, "kind": {"type": "string"}, "metadata": {"type": "object"},
        "spec": spec, "status": status}}, rng)
    versions = []
    for name in (["v1alpha1", "v1beta1", "v1"] if index % 3 == 0 else ["v1beta1", "v1"] if index % 3 == 1 else ["v1"]):
        versions.append({"name": name, "served": True, "storage": name == "v1",
                         "subresources": {"status": {}},
                         "additionalPrinterColumns": [{"name": "Phase", "type": "string", "jsonPath": ".status.phase"}],
                         "schema": {"openAPIV3Schema": schema}})
    document = {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": f"{plural}.{group}", "annotations": {"controller-gen.kubebuilder.io/version": "v0.16.4"}},
        "spec": {"group": group, "names": {"kind": kind, "listKind": kind + "List", "plural": plural, "singular": kind.lower()},
                 "scope": "Namespaced", "versions": versions},
    }
    return (group, kind), to_yaml(document)


def to_yaml(value, indent=0):
    """Block-style YAML the way kubectl and controller-gen print it (keys in the given order)."""
    pad = "  " * indent
    out = []
    if isinstance(value, dict):
        for key, item in value.items():
            if isinstance(item, (dict, list)) and item:
                out.append(f"{pad}{key}:")
                out.append(to_yaml(item, indent + 1) if isinstance(item, dict) else to_yaml(item, indent))
            else:
                out.append(f"{pad}{key}: {scalar(item)}")
    else:
        for item in value:
            if isinstance(item, (dict, list)) and item:
                body = to_yaml(item, indent + 1)
                out.append(f"{pad}- " + body.lstrip(" "))
            else:
                out.append(f"{pad}- {scalar(item)}")
    return "\n".join(out)


def scalar(value):
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, (int, float)):
        return str(value)
    if value == {}:
        return "{}"
    if value == []:
        return "[]"
    return json.dumps(value) if needs_quotes(value) else value


def needs_quotes(text):
    return (text == "" or text.strip() != text or any(c in text for c in ":#{}[],&*!|>'\"%@`\n")
            or text.lower() in ("true", "false", "yes", "no", "on", "off", "null", "y", "n", "~")
            or text[0] in "-?" or text.replace(".", "", 1).replace("e", "", 1).lstrip("+-").isdigit())


def release(index, crds, rng):
    """One `helm template` stream: a chart with its dependencies, in one namespace."""
    ns = f"team-{index % 150}"
    app = f"svc{index}"
    chart = f"{app}-{1 + index % 4}.{index % 10}.{index % 7}"
    labels = {"app.kubernetes.io/name": app, "app.kubernetes.io/instance": app, "app.kubernetes.io/version": f"1.{index % 30}.0",
              "app.kubernetes.io/managed-by": "Helm", "helm.sh/chart": chart}
    select = {"app.kubernetes.io/name": app, "app.kubernetes.io/instance": app}
    config_text = "\n".join(f"{k}: {rng.randint(1, 10000)}" for k in (f"option_{j}" for j in range(rng.randint(20, 80)))) + "\n"
    checksum = hashlib.sha256(config_text.encode()).hexdigest()
    docs = []

    def add(template, obj):
        docs.append(f"# Source: {app}/templates/{template}\n" + to_yaml(obj) + "\n")

    add("serviceaccount.yaml", {"apiVersion": "v1", "kind": "ServiceAccount", "metadata": {"name": app, "namespace": ns, "labels": labels}})
    add("secret.yaml", {"apiVersion": "v1", "kind": "Secret", "metadata": {"name": app + "-credentials", "namespace": ns, "labels": labels},
                        "type": "Opaque", "data": {"username": base64.b64encode(app.encode()).decode(), "password": base64.b64encode(checksum[:24].encode()).decode()}})
    add("configmap.yaml", {"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": app + "-config", "namespace": ns, "labels": labels},
                           "data": {"application.yaml": config_text, "LOG_LEVEL": "info"}})
    add("role.yaml", {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "Role", "metadata": {"name": app, "namespace": ns, "labels": labels},
                      "rules": [{"apiGroups": [""], "resources": ["configmaps", "secrets"], "verbs": ["get", "list", "watch"]},
                                {"apiGroups": ["coordination.k8s.io"], "resources": ["leases"], "verbs": ["get", "create", "update"]}]})
    add("rolebinding.yaml", {"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "RoleBinding", "metadata": {"name": app, "namespace": ns, "labels": labels},
                             "roleRef": {"apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": app},
                             "subjects": [{"kind": "ServiceAccount", "name": app, "namespace": ns}]})
    add("service.yaml", {"apiVersion": "v1", "kind": "Service", "metadata": {"name": app, "namespace": ns, "labels": labels},
                         "spec": {"type": "ClusterIP", "selector": select if index % 37 != 11 else {"app": app},
                                  "ports": [{"name": "http", "port": 80, "targetPort": "http", "protocol": "TCP"},
                                            {"name": "metrics", "port": 9090, "targetPort": "metrics", "protocol": "TCP"}]}})
    container = {
        "name": app, "image": f"registry.example.com/{app}:1.{index % 30}.0", "imagePullPolicy": "IfNotPresent",
        "args": ["--config=/etc/app/application.yaml", f"--log-level=info", "--metrics-bind-address=:9090"],
        "ports": [{"name": "http", "containerPort": 8080, "protocol": "TCP"}, {"name": "metrics", "containerPort": 9090, "protocol": "TCP"}],
        "env": [{"name": "POD_NAME", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}},
                {"name": "POD_NAMESPACE", "valueFrom": {"fieldRef": {"fieldPath": "metadata.namespace"}}},
                {"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": app + "-credentials", "key": "password"}}},
                {"name": "GOMAXPROCS", "valueFrom": {"resourceFieldRef": {"resource": "limits.cpu"}}}],
        "envFrom": [{"configMapRef": {"name": app + "-config"}}],
        "livenessProbe": {"httpGet": {"path": "/livez", "port": "http"}, "initialDelaySeconds": 10, "periodSeconds": 10, "timeoutSeconds": 2, "failureThreshold": 3},
        "readinessProbe": {"httpGet": {"path": "/readyz", "port": "http"}, "periodSeconds": 5},
        "resources": {"requests": {"cpu": f"{100 + 50 * (index % 5)}m", "memory": f"{128 * (1 + index % 4)}Mi"}, "limits": {"memory": f"{256 * (1 + index % 4)}Mi"}},
        "securityContext": {"allowPrivilegeEscalation": False, "readOnlyRootFilesystem": True, "runAsNonRoot": True, "runAsUser": 65532,
                            "capabilities": {"drop": ["ALL"]}, "seccompProfile": {"type": "RuntimeDefault"}},
        "volumeMounts": [{"name": "config", "mountPath": "/etc/app", "readOnly": True}, {"name": "tmp", "mountPath": "/tmp"}],
    }
    pod = {
        "serviceAccountName": app, "securityContext": {"fsGroup": 65532},
        "affinity": {"podAntiAffinity": {"preferredDuringSchedulingIgnoredDuringExecution": [
            {"weight": 100, "podAffinityTerm": {"topologyKey": "kubernetes.io/hostname", "labelSelector": {"matchLabels": select}}}]}},
        "tolerations": [{"key": "dedicated", "operator": "Equal", "value": "apps", "effect": "NoSchedule"}],
        "topologySpreadConstraints": [{"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "ScheduleAnyway",
                                       "labelSelector": {"matchLabels": select}}],
        "containers": [container],
        "volumes": [{"name": "config", "configMap": {"name": app + "-config"}}, {"name": "tmp", "emptyDir": {"sizeLimit": "64Mi"}}],
    }
    # A few of the mistakes real repositories carry, so the report has findings to compare.
    if index % 13 == 5:
        container["imagePullPolicy"] = "Sometimes"
    if index % 31 == 7:
        container["resources"]["requests"]["cpu"] = "1 core"
    if index % 29 == 3:
        container["livenessProbe"]["httpGet"]["prot"] = 8080
    add("deployment.yaml", {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": app, "namespace": ns, "labels": labels},
                            "spec": {"revisionHistoryLimit": 5, "selector": {"matchLabels": select},
                                     "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": 0}},
                                     "template": {"metadata": {"labels": {**labels}, "annotations": {"checksum/config": checksum}}, "spec": pod}}})
    add("hpa.yaml", {"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler", "metadata": {"name": app, "namespace": ns, "labels": labels},
                     "spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": app}, "minReplicas": 2, "maxReplicas": 10,
                              "metrics": [{"type": "Resource", "resource": {"name": "cpu", "target": {"type": "Utilization", "averageUtilization": 70}}}]}})
    add("pdb.yaml", {"apiVersion": "policy/v1", "kind": "PodDisruptionBudget", "metadata": {"name": app, "namespace": ns, "labels": labels},
                     "spec": {"maxUnavailable": 1, "selector": {"matchLabels": select}}})
    add("ingress.yaml", {"apiVersion": "networking.k8s.io/v1", "kind": "Ingress", "metadata": {"name": app, "namespace": ns, "labels": labels,
                         "annotations": {"cert-manager.io/cluster-issuer": "letsencrypt"}},
                         "spec": {"ingressClassName": "nginx", "tls": [{"hosts": [f"{app}.example.com"], "secretName": app + "-tls"}],
                                  "rules": [{"host": f"{app}.example.com", "http": {"paths": [
                                      {"path": "/", "pathType": "Prefix", "backend": {"service": {"name": app, "port": {"name": "http"}}}}]}}]}})
    add("networkpolicy.yaml", {"apiVersion": "networking.k8s.io/v1", "kind": "NetworkPolicy", "metadata": {"name": app, "namespace": ns, "labels": labels},
                               "spec": {"podSelector": {"matchLabels": select}, "policyTypes": ["Ingress"],
                                        "ingress": [{"from": [{"namespaceSelector": {"matchLabels": {"kubernetes.io/metadata.name": "ingress-nginx"}}}],
                                                     "ports": [{"protocol": "TCP", "port": 8080}]}]}})
    if index % 4 == 0:
        add("cronjob.yaml", {"apiVersion": "batch/v1", "kind": "CronJob", "metadata": {"name": app + "-cleanup", "namespace": ns, "labels": labels},
                             "spec": {"schedule": f"{index % 60} 3 * * *", "concurrencyPolicy": "Forbid",
                                      "jobTemplate": {"spec": {"backoffLimit": 2, "template": {"spec": {"restartPolicy": "OnFailure",
                                                      "containers": [{"name": "cleanup", "image": f"registry.example.com/{app}-cleanup:1.0",
                                                                      "resources": {"requests": {"cpu": "50m", "memory": "64Mi"}}}]}}}}}})
    (group, kind) = crds[index % len(crds)]
    add("custom.yaml", {"apiVersion": f"{group}/v1", "kind": kind, "metadata": {"name": app, "namespace": ns, "labels": labels},
                        "spec": {"version": f"v1.{index % 20}.0", "replicas": 3, "mode": "Replicated" if index % 41 != 2 else "Clustered",
                                 "resources": {"requests": {"cpu": "1", "memory": "2Gi"}},
                                 "podTemplate": {"metadata": {"labels": select}, "spec": {"containers": [
                                     {"name": "main", "image": f"registry.example.com/{kind.lower()}:2.{index % 9}", "ports": [{"containerPort": 5432}]}]}},
                                 "storage": {"size": "20Gi", "storageClassName": "standard"},
                                 "config": {"max_connections": "200", "shared_buffers": "512MB"}}})
    return "---\n" + "---\n".join(docs)


def main():
    out = sys.argv[1]
    megabytes = float(sys.argv[2]) if len(sys.argv) > 2 else 24.0
    target = int(megabytes * 1024 * 1024)
    rng = random.Random(11)
    pod_spec = load_pod_spec()
    os.makedirs(os.path.join(out, "crds"), exist_ok=True)
    os.makedirs(os.path.join(out, "helm"), exist_ok=True)

    # About 60% of the bytes are CRDs (as in public repositories), 40% releases; a third of all
    # of it is one big multi-document file.
    crds, crd_texts, size = [], [], 0
    while size < target * 0.6:
        key, text = crd(len(crds), pod_spec, rng)
        crds.append(key)
        crd_texts.append(text)
        size += len(text)
    releases, size = [], 0
    while size < target * 0.4:
        text = release(len(releases), crds, rng)
        releases.append(text)
        size += len(text)

    bundle_crds = len(crd_texts) // 3
    bundle_releases = len(releases) // 3
    with open(os.path.join(out, "platform.yaml"), "w", newline="\n") as fh:
        for text in crd_texts[:bundle_crds]:
            fh.write("---\n" + text + "\n")
        for text in releases[:bundle_releases]:
            fh.write(text)
    for i, text in enumerate(crd_texts[bundle_crds:], start=bundle_crds):
        with open(os.path.join(out, "crds", f"crd-{i:03d}.yaml"), "w", newline="\n") as fh:
            fh.write(text + "\n")
    for i, text in enumerate(releases[bundle_releases:], start=bundle_releases):
        with open(os.path.join(out, "helm", f"release-{i:04d}.yaml"), "w", newline="\n") as fh:
            fh.write(text)


if __name__ == "__main__":
    main()
