"""Field trees of the core/v1 types (``k8s.io/api/core/v1/types.go``, v1.35).

A tree maps each field's JSON name to ``ANY`` (a scalar, a free-form map or
a list of scalars; nothing below is checked), to a nested tree, or to a
one-element list holding the tree of the list's items.
"""

from __future__ import annotations

from typing import Any

ANY: None = None
Tree = dict[str, Any]


def fields(names: str, **nested: Any) -> Tree:
    """A tree: the space-separated ``names`` are leaves, ``nested`` the rest."""
    return {**dict.fromkeys(names.split()), **nested}


LABEL_SELECTOR = fields("matchLabels", matchExpressions=[fields("key operator values")])
OWNER_REFERENCE = fields("apiVersion kind name uid controller blockOwnerDeletion")
OBJECT_META = fields(
    "name generateName namespace selfLink uid resourceVersion generation "
    "creationTimestamp deletionTimestamp deletionGracePeriodSeconds labels "
    "annotations finalizers managedFields",
    ownerReferences=[OWNER_REFERENCE],
)
_KEY_REF = fields("name key optional")
ENV_VAR = fields(
    "name value",
    valueFrom=fields(
        "",
        fieldRef=fields("apiVersion fieldPath"),
        resourceFieldRef=fields("containerName resource divisor"),
        configMapKeyRef=_KEY_REF,
        secretKeyRef=_KEY_REF,
        fileKeyRef=fields("volumeName path key optional"),
    ),
)
ENV_FROM = fields(
    "prefix",
    configMapRef=fields("name optional"),
    secretRef=fields("name optional"),
)
_HTTP_GET = fields("path port host scheme", httpHeaders=[fields("name value")])
_HANDLER = fields(
    "",
    exec=fields("command"),
    httpGet=_HTTP_GET,
    tcpSocket=fields("port host"),
    sleep=fields("seconds"),
)
PROBE = fields(
    "initialDelaySeconds timeoutSeconds periodSeconds successThreshold "
    "failureThreshold terminationGracePeriodSeconds",
    exec=fields("command"),
    httpGet=_HTTP_GET,
    tcpSocket=fields("port host"),
    grpc=fields("port service"),
)
SECURITY_CONTEXT = fields(
    "privileged seLinuxOptions windowsOptions runAsUser runAsGroup runAsNonRoot "
    "readOnlyRootFilesystem allowPrivilegeEscalation procMount",
    capabilities=fields("add drop"),
    seccompProfile=fields("type localhostProfile"),
    appArmorProfile=fields("type localhostProfile"),
)
CONTAINER = fields(
    "name image command args workingDir restartPolicy terminationMessagePath "
    "terminationMessagePolicy imagePullPolicy stdin stdinOnce tty",
    ports=[fields("name hostPort containerPort protocol hostIP")],
    envFrom=[ENV_FROM],
    env=[ENV_VAR],
    resources=fields("limits requests", claims=[fields("name request")]),
    resizePolicy=[fields("resourceName restartPolicy")],
    restartPolicyRules=[fields("action", exitCodes=fields("operator values"))],
    volumeMounts=[
        fields(
            "name readOnly recursiveReadOnly mountPath subPath mountPropagation "
            "subPathExpr"
        )
    ],
    volumeDevices=[fields("name devicePath")],
    livenessProbe=PROBE,
    readinessProbe=PROBE,
    startupProbe=PROBE,
    lifecycle=fields("stopSignal", postStart=_HANDLER, preStop=_HANDLER),
    securityContext=SECURITY_CONTEXT,
)
# Each volume source is checked only by name; its own fields are free.
VOLUME = fields(
    "name hostPath emptyDir gcePersistentDisk awsElasticBlockStore gitRepo "
    "secret nfs iscsi glusterfs persistentVolumeClaim rbd flexVolume cinder "
    "cephfs flocker downwardAPI fc azureFile configMap vsphereVolume quobyte "
    "azureDisk photonPersistentDisk projected portworxVolume scaleIO storageos "
    "csi ephemeral image"
)
TOLERATION = fields("key operator value effect tolerationSeconds")
POD_SPEC = fields(
    "restartPolicy terminationGracePeriodSeconds activeDeadlineSeconds "
    "dnsPolicy nodeSelector serviceAccountName serviceAccount "
    "automountServiceAccountToken nodeName hostNetwork hostPID hostIPC "
    "shareProcessNamespace hostname subdomain schedulerName priorityClassName "
    "priority runtimeClassName enableServiceLinks preemptionPolicy overhead "
    "setHostnameAsFQDN hostUsers ephemeralContainers resourceClaims resources "
    "hostnameOverride",
    volumes=[VOLUME],
    initContainers=[CONTAINER],
    containers=[CONTAINER],
    securityContext=fields(
        "seLinuxOptions windowsOptions runAsUser runAsGroup runAsNonRoot "
        "supplementalGroups supplementalGroupsPolicy fsGroup sysctls "
        "fsGroupChangePolicy seccompProfile appArmorProfile seLinuxChangePolicy"
    ),
    imagePullSecrets=[fields("name")],
    affinity=fields("nodeAffinity podAffinity podAntiAffinity"),
    tolerations=[TOLERATION],
    hostAliases=[fields("ip hostnames")],
    dnsConfig=fields("nameservers searches", options=[fields("name value")]),
    readinessGates=[fields("conditionType")],
    topologySpreadConstraints=[
        fields(
            "maxSkew topologyKey whenUnsatisfiable minDomains nodeAffinityPolicy "
            "nodeTaintsPolicy matchLabelKeys",
            labelSelector=LABEL_SELECTOR,
        )
    ],
    os=fields("name"),
    schedulingGates=[fields("name")],
)
POD_TEMPLATE = fields("", metadata=OBJECT_META, spec=POD_SPEC)
SERVICE_SPEC = fields(
    "selector clusterIP clusterIPs type externalIPs sessionAffinity "
    "loadBalancerIP loadBalancerSourceRanges externalName externalTrafficPolicy "
    "healthCheckNodePort publishNotReadyAddresses sessionAffinityConfig "
    "ipFamilies ipFamilyPolicy allocateLoadBalancerNodePorts loadBalancerClass "
    "internalTrafficPolicy trafficDistribution",
    ports=[fields("name protocol appProtocol port targetPort nodePort")],
)
NODE_SPEC = fields(
    "podCIDR podCIDRs providerID unschedulable configSource externalID",
    taints=[fields("key value effect timeAdded")],
)
