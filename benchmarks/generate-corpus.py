#!/usr/bin/env python3
"""Writes a corpus of realistic manifests for the lint and diff benchmarks.

Usage: generate-corpus.py OUT_DIR [DOCUMENTS]   (default 10000 documents, 100 per file)
The mix follows what application repositories hold: Deployments with probes and resources,
Services, ConfigMaps, StatefulSets, CronJobs, HPAs and PDBs. Deterministic: same input, same files.
"""
import os
import sys

TEMPLATES = [
    """apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-{i}
  namespace: team-{ns}
  labels:
    app.kubernetes.io/name: app-{i}
spec:
  replicas: {replicas}
  selector:
    matchLabels:
      app.kubernetes.io/name: app-{i}
  strategy:
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 0
  template:
    metadata:
      labels:
        app.kubernetes.io/name: app-{i}
    spec:
      containers:
        - name: app
          image: registry.example.com/app-{i}:1.{i}.0
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: LOG_LEVEL
              value: info
            - name: PORT
              value: "8080"
          readinessProbe:
            httpGet:
              path: /healthz
              port: http
          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
""",
    """apiVersion: v1
kind: Service
metadata:
  name: app-{i}
  namespace: team-{ns}
spec:
  selector:
    app.kubernetes.io/name: app-{i}
  ports:
    - name: http
      port: 80
      targetPort: http
""",
    """apiVersion: v1
kind: ConfigMap
metadata:
  name: app-{i}-config
  namespace: team-{ns}
data:
  settings.yaml: |
    feature: {i}
    enabled: true
""",
    """apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: store-{i}
  namespace: team-{ns}
spec:
  serviceName: store-{i}
  replicas: 3
  selector:
    matchLabels:
      app.kubernetes.io/name: store-{i}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: store-{i}
    spec:
      containers:
        - name: store
          image: registry.example.com/store:3.{i}
          readinessProbe:
            tcpSocket:
              port: 5432
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 10Gi
""",
    """apiVersion: batch/v1
kind: CronJob
metadata:
  name: job-{i}
  namespace: team-{ns}
spec:
  schedule: "{minute} 3 * * 1-5"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: job
              image: registry.example.com/job:{i}
""",
    """apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: app-{i}
  namespace: team-{ns}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: app-{i}
  minReplicas: 2
  maxReplicas: 10
""",
    """apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: app-{i}
  namespace: team-{ns}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: app-{i}
""",
]

def main():
    out = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    per_file = 100
    os.makedirs(out, exist_ok=True)
    for f in range((total + per_file - 1) // per_file):
        docs = []
        for j in range(per_file):
            i = f * per_file + j
            if i >= total:
                break
            template = TEMPLATES[i % len(TEMPLATES)]
            docs.append(template.format(i=i, ns=i % 20, replicas=2 + i % 5, minute=i % 60))
        with open(os.path.join(out, f"part-{f:04d}.yaml"), "w", newline="\n") as fh:
            fh.write("---\n".join(docs))

if __name__ == "__main__":
    main()
