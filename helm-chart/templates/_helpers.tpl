{{/*
Names. fullname is the release name when it already contains the chart name, else
<release>-<chart>; truncated to 63 characters (a DNS label).
*/}}
{{- define "sluice.name" -}}
{{- .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "sluice.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{/* Name of the operator's Deployment, Service, ClusterRole, Roles and bindings. */}}
{{- define "sluice.operatorName" -}}
{{- printf "%s-operator" (include "sluice.fullname" .) | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "sluice.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "sluice.operatorName" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- required "serviceAccount.name is required when serviceAccount.create is false" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "sluice.selectorLabels" -}}
app.kubernetes.io/name: {{ include "sluice.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end -}}

{{- define "sluice.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{ include "sluice.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: sluice
{{- end -}}

{{- define "sluice.operatorImage" -}}
{{- printf "%s:%s" .Values.operator.image.repository (default .Chart.AppVersion .Values.operator.image.tag) -}}
{{- end -}}

{{- define "sluice.runtimeImage" -}}
{{- printf "%s:%s" .Values.runtime.image.repository (default .Chart.AppVersion .Values.runtime.image.tag) -}}
{{- end -}}

{{/* The Lease name is fixed in the operator (OperatorConfig.LEASE_NAME). */}}
{{- define "sluice.leaseName" -}}sluice-operator{{- end -}}

{{/*
The namespaced rules the operator needs where it reconciles: in a ClusterRole when it watches
every namespace, in a Role per namespace otherwise. Each rule names the operator code that needs
it; keep HelmChartE2E's list of permissions in step with this one.
*/}}
{{- define "sluice.operatorRules" -}}
{{- $write := list "create" "patch" "delete" -}}
{{- if not .Values.operator.serverSideApply -}}
{{- $write = list "create" "update" "patch" "delete" -}}
{{- end -}}
# DataContractReconciler, DataPipelineReconciler: the primaries' informers, and each controller's
# informer of the other kind (pipelines -> contracts, contracts -> pipelines).
- apiGroups: ["sluice.dev"]
  resources: ["datacontracts"]
  verbs: ["get", "list", "watch"]
# DataPipelineReconciler is a Cleaner: JOSDK adds and removes its finalizer with a patch.
- apiGroups: ["sluice.dev"]
  resources: ["datapipelines"]
  verbs: ["get", "list", "watch", "patch"]
# ModelDeploymentReconciler: the primary's informer; ManualControl's used sluice.dev/promote and
# sluice.dev/abort annotations are removed with a JSON Patch (no finalizer: owner references only).
- apiGroups: ["sluice.dev"]
  resources: ["modeldeployments"]
  verbs: ["get", "list", "watch", "patch"]
# StatusPatch: UpdateControl.patchStatus / ErrorStatusUpdateControl.patchStatus (contracts,
# pipelines); ModelDeploymentReconciler.persist: JSON Patch of the status (PrimaryUpdateAndCacheUtils).
- apiGroups: ["sluice.dev"]
  resources: ["datacontracts/status", "datapipelines/status", "modeldeployments/status"]
  verbs: ["patch"]
# Dependents (informer scoped to app.kubernetes.io/managed-by=sluice-operator; created and changed
# by server-side apply, pruned with delete): CollectorServiceDependentResource,
# ModelServicesDependentResource (per-version, client and preview Services).
- apiGroups: [""]
  resources: ["services"]
  verbs: ["get", "list", "watch", {{ range $i, $v := $write }}{{ if $i }}, {{ end }}{{ $v | quote }}{{ end }}]
# ContractSchemasDependentResource, StageConfigMapsDependentResource and
# ModelConfigMapsDependentResource: JOSDK never uses server-side apply for ConfigMaps (its default
# non-SSA resources), so changes are updates.
- apiGroups: [""]
  resources: ["configmaps"]
  verbs: ["get", "list", "watch", "create", "patch", "update", "delete"]
# StageDeploymentsDependentResource, ModelDeploymentsDependentResource (model servers, router).
- apiGroups: ["apps"]
  resources: ["deployments"]
  verbs: ["get", "list", "watch", {{ range $i, $v := $write }}{{ if $i }}, {{ end }}{{ $v | quote }}{{ end }}]
# StageAutoscalersDependentResource, ModelAutoscalersDependentResource (autoscaling/v2).
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["get", "list", "watch", {{ range $i, $v := $write }}{{ if $i }}, {{ end }}{{ $v | quote }}{{ end }}]
# StageDisruptionBudgetsDependentResource (policy/v1).
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", {{ range $i, $v := $write }}{{ if $i }}, {{ end }}{{ $v | quote }}{{ end }}]
# CurationCronJobDependentResource (batch/v1).
- apiGroups: ["batch"]
  resources: ["cronjobs"]
  verbs: ["get", "list", "watch", {{ range $i, $v := $write }}{{ if $i }}, {{ end }}{{ $v | quote }}{{ end }}]
# StrimziTopicsDependentResource (provisioner Strimzi, active only when Strimzi's CRD exists);
# deleted by the pipeline's cleanup under deletionPolicy Delete.
- apiGroups: ["kafka.strimzi.io"]
  resources: ["kafkatopics"]
  verbs: ["get", "list", "watch", {{ range $i, $v := $write }}{{ if $i }}, {{ end }}{{ $v | quote }}{{ end }}]
# ObjectStoreAccessResolver: reads the Secret named by spec.objectStore.credentialsSecret
# (a single get by name; never list or watch).
- apiGroups: [""]
  resources: ["secrets"]
  verbs: ["get"]
# HttpRouteDependentResource (traffic provider GatewayAPI): the route named by
# spec.traffic.gatewayApi.httpRoute is read by name (polled, never listed or watched), created when
# absent, and its rules changed with a JSON Patch.
- apiGroups: ["gateway.networking.k8s.io"]
  resources: ["httproutes"]
  verbs: ["get", "create", "patch"]
# RouterPods: the router pods' IPs for analysis provider Router (one label-selected list per
# analysis; never get, watch or write).
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["list"]
# EventRecorder: Warning/Normal Events about contracts, pipelines and model deployments (core/v1).
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create"]
{{- end -}}
