"""Documentation of the core/v1 pod types, in the ``docs`` text form."""

from cluster.api.schema import docs_core_more

_POD = """\
@Pod
Pod is a collection of containers that can run on a host. This resource is
created by clients and scheduled onto hosts.
  apiVersion <string> APIVersion defines the versioned schema of this representation of
    an object. Servers convert recognized schemas to the latest internal value.
  kind <string> Kind is a string value representing the REST resource this object
    represents. Cannot be updated. In CamelCase.
  metadata <ObjectMeta> Standard object's metadata.
  spec <PodSpec> Specification of the desired behavior of the pod.
  status <PodStatus> Most recently observed status of the pod. Populated by the system;
    read-only.

@PodSpec
PodSpec is a description of a pod.
  activeDeadlineSeconds <integer> Seconds the pod may be active on a node, counted from
    its start, before the system actively tries to mark it failed and kill its
    containers.
  affinity <Affinity> If specified, the pod's scheduling constraints.
  automountServiceAccountToken <boolean> Whether a service account token should be
    mounted automatically.
  containers <[]Container> ! List of containers belonging to the pod. There must be at
    least one container in a Pod. Cannot be updated.
  dnsConfig <PodDNSConfig> DNS parameters of the pod, merged with the configuration
    generated from dnsPolicy.
  dnsPolicy <string> {ClusterFirst,ClusterFirstWithHostNet,Default,None} DNS policy for
    the pod. Defaults to "ClusterFirst".
  enableServiceLinks <boolean> Whether information about services should be injected
    into the pod's environment variables. Defaults to true.
  ephemeralContainers <[]EphemeralContainer> Ephemeral containers run in this pod for
    user-initiated activities such as debugging. Added with the ephemeralcontainers
    subresource.
  hostAliases <[]HostAlias> Entries added to the pod's hosts file.
  hostIPC <boolean> Use the host's ipc namespace. Defaults to false.
  hostNetwork <boolean> Use the host's network namespace; the ports the pod uses must
    then be specified. Defaults to false.
  hostPID <boolean> Use the host's pid namespace. Defaults to false.
  hostUsers <boolean> Use the host's user namespace. Defaults to true.
  hostname <string> The hostname of the pod. Defaults to a system-defined value.
  hostnameOverride <string> Overrides the hostname of the pod, as seen inside it.
  imagePullSecrets <[]LocalObjectReference> References to secrets in the same namespace
    used to pull the pod's images.
  initContainers <[]Container> Containers that run to completion, in order, before the
    app containers start. Cannot be updated.
  nodeName <string> Requests scheduling onto a specific node; when set, the scheduler
    ignores the pod and the node's kubelet runs it.
  nodeSelector <map[string]string> Labels a node must have for the pod to fit on it.
  os <PodOS> The operating system of the containers in the pod.
  overhead <map[string]Quantity> Resource overhead of running the pod's runtime class,
    set by admission.
  preemptionPolicy <string> {Never,PreemptLowerPriority} Policy for preempting lower
    priority pods. Defaults to PreemptLowerPriority.
  priority <integer> The priority value, set by admission from priorityClassName. The
    higher, the more important.
  priorityClassName <string> The name of the pod's PriorityClass; "system-node-critical"
    and "system-cluster-critical" are the highest built-in ones.
  readinessGates <[]PodReadinessGate> Extra conditions that must be true for the pod to
    be ready.
  resourceClaims <[]PodResourceClaim> ResourceClaims the pod's containers may use.
  resources <ResourceRequirements> Total resources for the whole pod, shared by its
    containers.
  restartPolicy <string> {Always,Never,OnFailure} Restart policy for all containers
    within the pod. Defaults to Always.
  runtimeClassName <string> The RuntimeClass used to run this pod.
  schedulerName <string> The scheduler that schedules the pod. Defaults to
    "default-scheduler".
  schedulingGates <[]PodSchedulingGate> Gates that block scheduling while any remain.
  securityContext <PodSecurityContext> Pod-level security attributes and common
    container settings.
  serviceAccount <string> Deprecated alias for serviceAccountName.
  serviceAccountName <string> The name of the ServiceAccount used to run this pod.
  setHostnameAsFQDN <boolean> If true, the pod's hostname is its fully qualified domain
    name.
  shareProcessNamespace <boolean> Share a single process namespace between all
    containers of the pod.
  subdomain <string> The pod's subdomain, giving it a fully qualified name under a
    headless service.
  terminationGracePeriodSeconds <integer> Seconds the pod has to terminate gracefully
    after a deletion request before it is killed. Defaults to 30.
  tolerations <[]Toleration> The pod's tolerations of node taints.
  topologySpreadConstraints <[]TopologySpreadConstraint> How the group of pods is spread
    across topology domains such as zones or nodes.
  volumes <[]Volume> Volumes that the pod's containers can mount.

@Container
A single application container that you want to run within a pod.
  args <[]string> Arguments to the entrypoint. The image's CMD is used if this is not
    provided. Cannot be updated.
  command <[]string> Entrypoint array, not run in a shell. The image's ENTRYPOINT is
    used if this is not provided. Cannot be updated.
  env <[]EnvVar> Environment variables to set in the container. Cannot be updated.
  envFrom <[]EnvFromSource> Sources to populate environment variables from, such as
    ConfigMaps and Secrets. Cannot be updated.
  image <string> Container image name. Required for containers managed by workload
    controllers.
  imagePullPolicy <string> {Always,IfNotPresent,Never} When to pull the image. Defaults
    to Always for the :latest tag or no tag, IfNotPresent otherwise. Cannot be updated.
  lifecycle <Lifecycle> Actions the system takes in response to container lifecycle
    events. Cannot be updated.
  livenessProbe <Probe> Periodic probe of container liveness. The container is restarted
    if the probe fails. Cannot be updated.
  name <string> ! Name of the container as a DNS label, unique within the pod. Cannot be
    updated.
  ports <[]ContainerPort> Ports to expose from the container; informational, as any port
    the container listens on is reachable. Cannot be updated.
  readinessProbe <Probe> Periodic probe of container service readiness. The container is
    removed from service endpoints if the probe fails. Cannot be updated.
  resizePolicy <[]ContainerResizePolicy> Resize policy for the container's resources.
  resources <ResourceRequirements> Compute resources (requests and limits) required by
    this container.
  restartPolicy <string> Restart behavior of an individual container; "Always" on an
    init container makes it a sidecar.
  restartPolicyRules <[]ContainerRestartRule> Rules that decide, by exit code, whether
    the container is restarted.
  securityContext <SecurityContext> Security options the container should run with.
  startupProbe <Probe> Probe that must succeed before the other probes start. The
    container is restarted if it fails. Cannot be updated.
  stdin <boolean> Whether the container allocates a buffer for stdin. Defaults to false.
  stdinOnce <boolean> Whether stdin is closed after the first attach session. Defaults
    to false.
  terminationMessagePath <string> File the container's termination message is read from.
    Defaults to /dev/termination-log. Cannot be updated.
  terminationMessagePolicy <string> {FallbackToLogsOnError,File} How the termination
    message is populated. Defaults to File. Cannot be updated.
  tty <boolean> Whether the container allocates a TTY. Defaults to false.
  volumeDevices <[]VolumeDevice> Block devices to be used by the container.
  volumeMounts <[]VolumeMount> Pod volumes to mount into the container's filesystem.
    Cannot be updated.
  workingDir <string> The container's working directory. Defaults to the image's. Cannot
    be updated.

@ContainerPort
ContainerPort represents a network port in a single container.
  containerPort <integer> ! Number of the port to expose on the pod's IP address,
    between 1 and 65535.
  hostIP <string> What host IP to bind the external port to.
  hostPort <integer> Number of the port to expose on the host. Most containers do not
    need this.
  name <string> An IANA_SVC_NAME, unique within the pod, that services can refer to.
  protocol <string> {SCTP,TCP,UDP} Protocol for the port. Defaults to "TCP".

@EnvVar
EnvVar represents an environment variable present in a Container.
  name <string> ! Name of the environment variable.
  value <string> The value; $(VAR_NAME) references to earlier variables are expanded.
    Defaults to "".
  valueFrom <EnvVarSource> Source for the variable's value. Cannot be used if value is
    not empty.

@EnvVarSource
EnvVarSource represents a source for the value of an EnvVar.
  configMapKeyRef <ConfigMapKeySelector> Selects a key of a ConfigMap.
  fieldRef <ObjectFieldSelector> Selects a field of the pod, such as metadata.name or
    status.podIP.
  fileKeyRef <FileKeySelector> Selects a key of an env file.
  resourceFieldRef <ResourceFieldSelector> Selects a resource of the container, such as
    limits.cpu.
  secretKeyRef <SecretKeySelector> Selects a key of a secret in the pod's namespace.

@EnvFromSource
EnvFromSource represents the source of a set of ConfigMaps or Secrets.
  configMapRef <ConfigMapEnvSource> The ConfigMap to select from.
  prefix <string> An optional prefix to add to each variable name.
  secretRef <SecretEnvSource> The Secret to select from.

@ResourceRequirements
ResourceRequirements describes the compute resource requirements.
  claims <[]ResourceClaim> Names of the pod's resource claims this container uses.
  limits <map[string]Quantity> The maximum amount of compute resources allowed.
  requests <map[string]Quantity> The minimum amount of compute resources required; the
    scheduler places the pod by them. Defaults to limits if omitted.

@Probe
Probe describes a health check to be performed against a container to
determine whether it is alive or ready to receive traffic.
  exec <ExecAction> Runs a command in the container.
  failureThreshold <integer> Consecutive failures for the probe to be considered failed
    after having succeeded. Defaults to 3.
  grpc <GRPCAction> Performs a gRPC health check.
  httpGet <HTTPGetAction> Performs an HTTP GET request.
  initialDelaySeconds <integer> Seconds after the container has started before probes
    are initiated.
  periodSeconds <integer> How often, in seconds, to perform the probe. Defaults to 10.
  successThreshold <integer> Consecutive successes for the probe to be considered
    successful after having failed. Defaults to 1; must be 1 for liveness and startup.
  tcpSocket <TCPSocketAction> Opens a TCP connection to a port.
  terminationGracePeriodSeconds <integer> Grace period for the pod when this probe
    fails, overriding the pod's.
  timeoutSeconds <integer> Seconds after which the probe times out. Defaults to 1.

@ExecAction
ExecAction describes a "run in container" action.
  command <[]string> The command to run inside the container, not in a shell. Exit
    status 0 is healthy.

@HTTPGetAction
HTTPGetAction describes an action based on HTTP Get requests.
  host <string> Host name to connect to. Defaults to the pod IP.
  httpHeaders <[]HTTPHeader> Custom headers to set in the request.
  path <string> Path to access on the HTTP server.
  port <IntOrString> ! Name or number of the port to access on the container.
  scheme <string> {HTTP,HTTPS} Scheme to use for connecting to the host. Defaults to
    HTTP.

@HTTPHeader
HTTPHeader describes a custom header to be used in HTTP probes.
  name <string> ! The header field name.
  value <string> ! The header field value.

@TCPSocketAction
TCPSocketAction describes an action based on opening a socket.
  host <string> Host name to connect to. Defaults to the pod IP.
  port <IntOrString> ! Number or name of the port to access on the container.

@GRPCAction
GRPCAction specifies an action involving a GRPC service.
  port <integer> ! Port number of the gRPC service.
  service <string> The service name sent in the gRPC HealthCheckRequest.

@Lifecycle
Lifecycle describes actions that the management system should take in
response to container lifecycle events.
  postStart <LifecycleHandler> Called immediately after the container is created; the
    container is restarted if it fails.
  preStop <LifecycleHandler> Called before the container is terminated; the grace period
    countdown starts before it runs.
  stopSignal <string> The signal used to stop the container.

@LifecycleHandler
LifecycleHandler defines a specific action that should be taken in a
lifecycle hook. One and only one of the fields, except TCPSocket must be
specified.
  exec <ExecAction> Runs a command in the container.
  httpGet <HTTPGetAction> Performs an HTTP GET request.
  sleep <SleepAction> Sleeps for a while before the container is terminated.
  tcpSocket <TCPSocketAction> Deprecated; kept for backward compatibility.

@SleepAction
SleepAction describes a "sleep" action.
  seconds <integer> ! Seconds to sleep.

@VolumeMount
VolumeMount describes a mounting of a Volume within a container.
  mountPath <string> ! Path within the container at which the volume is mounted. Must
    not contain ':'.
  mountPropagation <string> How mounts are propagated between the host and the
    container. Defaults to None.
  name <string> ! Must match the name of a volume of the pod.
  readOnly <boolean> Mounted read-only if true. Defaults to false.
  recursiveReadOnly <string> Whether read-only mounts are read-only recursively.
  subPath <string> Path within the volume to mount instead of its root. Defaults to "".
  subPathExpr <string> Like subPath, with $(VAR_NAME) references expanded from the
    container's environment.

@Toleration
The pod this Toleration is attached to tolerates any taint that matches the
triple <key,value,effect> using the matching operator <operator>.
  effect <string> {NoExecute,NoSchedule,PreferNoSchedule} The taint effect to match.
    Empty matches all effects.
  key <string> The taint key the toleration applies to. Empty matches all keys, with
    operator Exists.
  operator <string> {Equal,Exists} The key's relationship to the value. Defaults to
    Equal.
  tolerationSeconds <integer> For NoExecute taints: how long the pod stays bound after
    the taint appears. Unset means forever.
  value <string> The taint value the toleration matches.

@LocalObjectReference
LocalObjectReference contains enough information to let you locate the
referenced object inside the same namespace.
  name <string> Name of the referent.
"""

TEXT = _POD + docs_core_more.TEXT
