{{/* The release's name prefix, as `helm create` makes it: "driftback" for a release named driftback. */}}
{{- define "driftback.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "driftback.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "driftback.labels" -}}
{{ include "driftback.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{- define "driftback.image" -}}
{{ .Values.image.repository }}:{{ .Values.image.tag | default .Chart.AppVersion }}
{{- end -}}

{{/* The hardening both pods share: non-root, seccomp RuntimeDefault. */}}
{{- define "driftback.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: 65532
runAsGroup: 65532
fsGroup: 65532
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{- define "driftback.containerSecurityContext" -}}
allowPrivilegeEscalation: false
readOnlyRootFilesystem: true
capabilities:
  drop: [ALL]
{{- end -}}

{{/* Clones and pull-request workspaces go to /tmp; the root filesystem is read-only. */}}
{{- define "driftback.tmpVolume" -}}
- name: tmp
  emptyDir:
    sizeLimit: 2Gi
{{- end -}}

{{/* The Secrets DriftWatches name, when the values name them; empty means any in the namespace. */}}
{{- define "driftback.secretNames" -}}
{{- compact (list .Values.github.existingSecret .Values.git.existingSecret) | uniq | toJson -}}
{{- end -}}
