#!/usr/bin/env python3
"""Writes a corpus of coherent application manifests for the lint, noise and diff benchmarks.

Usage: generate-corpus.py OUT_DIR [DOCUMENTS]   (default 10000 documents, 100 per file)

The corpus is made of applications as teams write them, each complete in itself so that the
cross-object rules see what a real repository gives them:
- a web service: ServiceAccount, ConfigMap, Secret, Deployment (using all three; no replica
  count, the autoscaler owns it), Service, HorizontalPodAutoscaler and PodDisruptionBudget;
- a database: headless Service, StatefulSet with a volume claim template, PodDisruptionBudget;
- a batch job: CronJob with resources, deadlines and history limits.
Most applications are written carefully (requests, probes on declared ports, pinned images, a
restricted securityContext); a few are not, at fixed intervals, the way a real corpus holds
some mistakes (see SLOPPY below). Deterministic: same arguments, same files.
"""
import os
import sys

# One application in SLOPPY_EVERY leaves out what careful teams write: no resources, no
# securityContext, a :latest image. The default profile should flag those and little else.
SLOPPY_EVERY = 25

SECURE_POD = """      securityContext:
        runAsNonRoot: true
        seccompProfile:
          type: RuntimeDefault
"""
SECURE_CONTAINER = """          securityContext:
            allowPrivilegeEscalation: false
            capabilities:
              drop: ["ALL"]
"""


def web(i, ns, sloppy):
    image = "registry.example.com/app-{i}:latest" if sloppy else "registry.example.com/app-{i}:1.{i}.0"
    resources = "" if sloppy else """          resources:
            requests:
              cpu: 100m
              memory: 128Mi
            limits:
              memory: 256Mi
"""
    pod_security = "" if sloppy else SECURE_POD
    container_security = "" if sloppy else SECURE_CONTAINER
    docs = [
        """apiVersion: v1
kind: ServiceAccount
metadata:
  name: app-{i}
  namespace: team-{ns}
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
        """apiVersion: v1
kind: Secret
metadata:
  name: app-{i}-credentials
  namespace: team-{ns}
type: Opaque
stringData:
  DATABASE_PASSWORD: change-me-{i}
""",
        """apiVersion: apps/v1
kind: Deployment
metadata:
  name: app-{i}
  namespace: team-{ns}
  labels:
    app.kubernetes.io/name: app-{i}
    app.kubernetes.io/instance: app-{i}
spec:
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
        app.kubernetes.io/instance: app-{i}
    spec:
      serviceAccountName: app-{i}
""" + pod_security + """      containers:
        - name: app
          image: """ + image + """
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: LOG_LEVEL
              value: info
            - name: PORT
              value: "8080"
            - name: DATABASE_PASSWORD
              valueFrom:
                secretKeyRef:
                  name: app-{i}-credentials
                  key: DATABASE_PASSWORD
          envFrom:
            - configMapRef:
                name: app-{i}-config
          readinessProbe:
            httpGet:
              path: /ready
              port: http
          livenessProbe:
            httpGet:
              path: /healthz
              port: http
            periodSeconds: 20
""" + resources + container_security,
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
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 70
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
    return [d.format(i=i, ns=ns) for d in docs]


def store(i, ns, sloppy):
    resources = "" if sloppy else """          resources:
            requests:
              cpu: 250m
              memory: 512Mi
            limits:
              memory: 1Gi
"""
    pod_security = "" if sloppy else SECURE_POD
    container_security = "" if sloppy else SECURE_CONTAINER
    docs = [
        """apiVersion: v1
kind: Service
metadata:
  name: store-{i}
  namespace: team-{ns}
spec:
  clusterIP: None
  selector:
    app.kubernetes.io/name: store-{i}
  ports:
    - name: sql
      port: 5432
      targetPort: sql
""",
        """apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: store-{i}
  namespace: team-{ns}
  labels:
    app.kubernetes.io/name: store-{i}
    app.kubernetes.io/instance: store-{i}
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
        app.kubernetes.io/instance: store-{i}
    spec:
""" + pod_security + """      containers:
        - name: store
          image: registry.example.com/store:3.{i}
          ports:
            - name: sql
              containerPort: 5432
          readinessProbe:
            tcpSocket:
              port: sql
""" + resources + container_security + """  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: ["ReadWriteOnce"]
        resources:
          requests:
            storage: 10Gi
""",
        """apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: store-{i}
  namespace: team-{ns}
spec:
  minAvailable: 2
  selector:
    matchLabels:
      app.kubernetes.io/name: store-{i}
""",
    ]
    return [d.format(i=i, ns=ns) for d in docs]


def batch(i, ns, sloppy):
    resources = "" if sloppy else """              resources:
                requests:
                  cpu: 50m
                  memory: 64Mi
                limits:
                  memory: 128Mi
"""
    deadline = "" if sloppy else "      activeDeadlineSeconds: 1800\n      ttlSecondsAfterFinished: 86400\n"
    pod_security = "" if sloppy else "\n".join("    " + line if line else line for line in SECURE_POD.split("\n"))
    container_security = "" if sloppy else "\n".join("    " + line if line else line for line in SECURE_CONTAINER.split("\n"))
    doc = """apiVersion: batch/v1
kind: CronJob
metadata:
  name: job-{i}
  namespace: team-{ns}
spec:
  schedule: "{minute} 3 * * 1-5"
  concurrencyPolicy: Forbid
  successfulJobsHistoryLimit: 3
  failedJobsHistoryLimit: 1
  jobTemplate:
    spec:
      backoffLimit: 3
""" + deadline + """      template:
        spec:
          restartPolicy: OnFailure
""" + pod_security + """          containers:
            - name: job
              image: registry.example.com/job:{i}
""" + resources + container_security
    return [doc.format(i=i, ns=ns, minute=i % 60)]


# Three web services, one database and two batch jobs in every six applications.
KINDS = [web, web, store, web, batch, batch]


def documents(total):
    i = 0
    while True:
        make = KINDS[i % len(KINDS)]
        for doc in make(i, i % 20, i % SLOPPY_EVERY == SLOPPY_EVERY - 1):
            yield doc
            total -= 1
            if total == 0:
                return
        i += 1


def main():
    out = sys.argv[1]
    total = int(sys.argv[2]) if len(sys.argv) > 2 else 10000
    per_file = 100
    os.makedirs(out, exist_ok=True)
    docs = list(documents(total))
    for f in range(0, len(docs), per_file):
        with open(os.path.join(out, f"part-{f // per_file:04d}.yaml"), "w", newline="\n") as fh:
            fh.write("---\n".join(docs[f:f + per_file]))


if __name__ == "__main__":
    main()
