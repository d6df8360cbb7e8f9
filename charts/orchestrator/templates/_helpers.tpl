{{/* The chart's name, at most 63 characters. */}}
{{- define "orchestrator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The release's full name: RELEASE-orchestrator, or RELEASE when it already holds the chart's name. */}}
{{- define "orchestrator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if eq .Release.Name $name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "orchestrator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Labels of every object; call with (dict "root" . "component" NAME). */}}
{{- define "orchestrator.labels" -}}
helm.sh/chart: {{ include "orchestrator.chart" .root }}
{{ include "orchestrator.selectorLabels" . }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end }}

{{/* The labels a component's selector matches; call with (dict "root" . "component" NAME). */}}
{{- define "orchestrator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "orchestrator.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{- define "orchestrator.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "orchestrator.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{- define "orchestrator.pkiSecretName" -}}
{{- default (printf "%s-pki" (include "orchestrator.fullname" .)) .Values.pki.existingSecret }}
{{- end }}

{{- define "orchestrator.image" -}}
{{- printf "%s:%s" .Values.image.repository (toString .Values.image.tag) }}
{{- end }}

{{/* true when the API server stores in etcd (the chart's own or external). */}}
{{- define "orchestrator.etcd" -}}
{{- if or .Values.store.etcd.enabled .Values.store.etcd.endpoints }}true{{ end }}
{{- end }}

{{- define "orchestrator.etcdHeadless" -}}
{{- printf "%s-etcd-headless" (include "orchestrator.fullname" .) }}
{{- end }}

{{/* The --store URL of the API server. */}}
{{- define "orchestrator.storeUrl" -}}
{{- if .Values.store.etcd.enabled }}
{{- $fullname := include "orchestrator.fullname" . }}
{{- $hosts := list }}
{{- range $i := until (int .Values.store.etcd.replicas) }}
{{- $hosts = append $hosts (printf "%s-etcd-%d.%s.%s.svc:2379" $fullname $i (include "orchestrator.etcdHeadless" $) $.Release.Namespace) }}
{{- end }}
{{- printf "etcd://%s%s" (join "," $hosts) .Values.store.etcd.prefix }}
{{- else if .Values.store.etcd.endpoints }}
{{- printf "etcd://%s%s" (join "," .Values.store.etcd.endpoints) .Values.store.etcd.prefix }}
{{- else -}}
sqlite:///var/lib/orchestrator/state.db
{{- end }}
{{- end }}

{{/* The API server's in-cluster address; its certificate names kubernetes.default.svc, hence tls-server-name. */}}
{{- define "orchestrator.apiserverUrl" -}}
{{- printf "https://%s-apiserver.%s.svc:%d" (include "orchestrator.fullname" .) .Release.Namespace (int .Values.apiserver.port) }}
{{- end }}

{{/* A component's kubeconfig; call with (dict "root" . "user" USER "certificate" CERT "ca" CA). */}}
{{- define "orchestrator.kubeconfig" -}}
apiVersion: v1
kind: Config
clusters:
- name: orchestrator
  cluster:
    server: {{ include "orchestrator.apiserverUrl" .root }}
    tls-server-name: kubernetes.default.svc
    certificate-authority-data: {{ .ca.Cert | b64enc }}
users:
- name: {{ .user }}
  user:
    client-certificate-data: {{ .certificate.Cert | b64enc }}
    client-key-data: {{ .certificate.Key | b64enc }}
contexts:
- name: orchestrator
  context:
    cluster: orchestrator
    user: {{ .user }}
current-context: orchestrator
{{ end }}

{{/* The pod-level settings every component shares; call with (dict "root" . "component" VALUES). */}}
{{- define "orchestrator.podSettings" -}}
serviceAccountName: {{ include "orchestrator.serviceAccountName" .root }}
automountServiceAccountToken: false
{{- with .root.Values.imagePullSecrets }}
imagePullSecrets:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .root.Values.podSecurityContext }}
securityContext:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .component.nodeSelector }}
nodeSelector:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .component.affinity }}
affinity:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- with .component.tolerations }}
tolerations:
  {{- toYaml . | nindent 2 }}
{{- end }}
{{- end }}
