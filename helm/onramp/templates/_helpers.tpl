{{/* Name of a component's objects: <release>-<component>, at most 63 characters. */}}
{{- define "onramp.fullname" -}}
{{- printf "%s-%s" .root.Release.Name .name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Selector labels: stable for the life of a Deployment. */}}
{{- define "onramp.selectorLabels" -}}
app.kubernetes.io/name: {{ .name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- end -}}

{{/* All labels: the selector labels plus what may change between releases. */}}
{{- define "onramp.labels" -}}
{{ include "onramp.selectorLabels" . }}
app.kubernetes.io/part-of: onramp
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version }}
{{- end -}}

{{/* In-cluster URL of a component. */}}
{{- define "onramp.url" -}}
{{- printf "http://%s:%v" (include "onramp.fullname" (dict "root" .root "name" .name)) .port -}}
{{- end -}}

{{/* JDBC URL of a database on the external PostgreSQL. */}}
{{- define "onramp.jdbc" -}}
{{- $db := .root.Values.database -}}
{{- printf "jdbc:postgresql://%s:%v/%s%s" $db.host $db.port .database (ternary (printf "?%s" $db.parameters) "" (ne $db.parameters "")) -}}
{{- end -}}

{{/*
One service: its ConfigMap (the environment below plus spec.env), Deployment (rolled when the
ConfigMap changes: checksum/config) and Service. Arguments: root, name, spec (the service's values),
env (dict of environment variables), autoscaled (bool: replicas left to the HPA).
*/}}
{{- define "onramp.component" -}}
{{- $ctx := dict "root" .root "name" .name -}}
{{- $env := merge (dict) .spec.env .env (dict "JAVA_TOOL_OPTIONS" .root.Values.global.javaOptions) -}}
{{- $config := toYaml $env -}}
apiVersion: v1
kind: ConfigMap
metadata:
  name: {{ include "onramp.fullname" $ctx }}
  labels:
    {{- include "onramp.labels" $ctx | nindent 4 }}
data:
  {{- range $key, $value := $env }}
  {{ $key }}: {{ $value | toString | quote }}
  {{- end }}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "onramp.fullname" $ctx }}
  labels:
    {{- include "onramp.labels" $ctx | nindent 4 }}
spec:
  {{- if not .autoscaled }}
  replicas: {{ .spec.replicas }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "onramp.selectorLabels" $ctx | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "onramp.labels" $ctx | nindent 8 }}
      annotations:
        checksum/config: {{ $config | sha256sum }}
    spec:
      {{- with .root.Values.global.imagePullSecrets }}
      imagePullSecrets:
        {{- range . }}
        - name: {{ . }}
        {{- end }}
      {{- end }}
      automountServiceAccountToken: false
      securityContext:
        runAsNonRoot: true
        runAsUser: {{ .root.Values.global.runAsUser }}
        fsGroup: {{ .root.Values.global.runAsUser }}
        seccompProfile: {type: RuntimeDefault}
      {{- if .root.Values.global.spreadAcrossNodes }}
      topologySpreadConstraints:
        - maxSkew: 1
          topologyKey: kubernetes.io/hostname
          whenUnsatisfiable: ScheduleAnyway
          labelSelector:
            matchLabels:
              {{- include "onramp.selectorLabels" $ctx | nindent 14 }}
      {{- end }}
      containers:
        - name: {{ .name }}
          image: {{ printf "%s/onramp-%s:%s" .root.Values.global.imageRegistry .name (default .root.Chart.AppVersion .root.Values.global.imageTag) }}
          imagePullPolicy: {{ .root.Values.global.imagePullPolicy }}
          ports:
            - name: http
              containerPort: {{ .spec.port }}
          envFrom:
            - configMapRef:
                name: {{ include "onramp.fullname" $ctx }}
            {{- if .spec.existingSecret }}
            - secretRef:
                name: {{ .spec.existingSecret }}
            {{- end }}
          startupProbe:
            httpGet: {path: /actuator/health/liveness, port: http}
            periodSeconds: 5
            failureThreshold: 36
          livenessProbe:
            httpGet: {path: /actuator/health/liveness, port: http}
            periodSeconds: 10
            failureThreshold: 3
          readinessProbe:
            httpGet: {path: /actuator/health/readiness, port: http}
            periodSeconds: 5
            failureThreshold: 3
          resources:
            {{- toYaml .spec.resources | nindent 12 }}
          securityContext:
            allowPrivilegeEscalation: false
            readOnlyRootFilesystem: true
            capabilities: {drop: [ALL]}
          volumeMounts:
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: tmp
          emptyDir: {}
---
apiVersion: v1
kind: Service
metadata:
  name: {{ include "onramp.fullname" $ctx }}
  labels:
    {{- include "onramp.labels" $ctx | nindent 4 }}
spec:
  selector:
    {{- include "onramp.selectorLabels" $ctx | nindent 4 }}
  ports:
    - name: http
      port: {{ .spec.port }}
      targetPort: http
{{- if .root.Values.networkPolicy.enabled }}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {{ include "onramp.fullname" $ctx }}
  labels:
    {{- include "onramp.labels" $ctx | nindent 4 }}
spec:
  podSelector:
    matchLabels:
      {{- include "onramp.selectorLabels" $ctx | nindent 6 }}
  policyTypes: [Ingress]
  ingress:
    - from:
        - podSelector:
            matchLabels:
              app.kubernetes.io/instance: {{ .root.Release.Name }}
              app.kubernetes.io/part-of: onramp
        {{- if eq .name "gateway" }}
        - namespaceSelector:
            {{- toYaml .root.Values.networkPolicy.ingressControllerNamespaceSelector | nindent 12 }}
        {{- else if .root.Values.networkPolicy.metricsNamespaceSelector }}
        - namespaceSelector:
            {{- toYaml .root.Values.networkPolicy.metricsNamespaceSelector | nindent 12 }}
        {{- end }}
      ports:
        - port: http
{{- end }}
{{- if .root.Values.global.podDisruptionBudget }}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {{ include "onramp.fullname" $ctx }}
  labels:
    {{- include "onramp.labels" $ctx | nindent 4 }}
spec:
  maxUnavailable: 1
  selector:
    matchLabels:
      {{- include "onramp.selectorLabels" $ctx | nindent 6 }}
{{- end }}
{{- if and .root.Values.serviceMonitor.enabled (ne .name "gateway") }}
---
apiVersion: monitoring.coreos.com/v1
kind: ServiceMonitor
metadata:
  name: {{ include "onramp.fullname" $ctx }}
  {{- with .root.Values.serviceMonitor.namespace }}
  namespace: {{ . }}
  {{- end }}
  labels:
    {{- include "onramp.labels" $ctx | nindent 4 }}
    {{- with .root.Values.serviceMonitor.labels }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
spec:
  namespaceSelector:
    matchNames: [{{ .root.Release.Namespace }}]
  selector:
    matchLabels:
      {{- include "onramp.selectorLabels" $ctx | nindent 6 }}
  endpoints:
    - port: http
      path: /actuator/prometheus
      interval: {{ .root.Values.serviceMonitor.interval }}
      # Prometheus' own Keycloak client (role metrics-reader): it may read the metrics and nothing else
      oauth2:
        tokenUrl: {{ printf "%s/realms/%s/protocol/openid-connect/token" .root.Values.global.keycloakUrl .root.Values.global.keycloakRealm }}
        clientId:
          secret: {name: {{ .root.Values.serviceMonitor.clientSecret }}, key: client-id}
        clientSecret: {name: {{ .root.Values.serviceMonitor.clientSecret }}, key: client-secret}
{{- end }}
{{- if .autoscaled }}
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {{ include "onramp.fullname" $ctx }}
  labels:
    {{- include "onramp.labels" $ctx | nindent 4 }}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {{ include "onramp.fullname" $ctx }}
  minReplicas: {{ .spec.autoscaling.minReplicas }}
  maxReplicas: {{ .spec.autoscaling.maxReplicas }}
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: {{ .spec.autoscaling.targetCPUUtilizationPercentage }}
{{- end }}
{{- end -}}
