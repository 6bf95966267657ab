"""Documentation of pod status, volumes, scheduling constraints and the other
core/v1 kinds (Service, Node, Namespace, Event, ResourceQuota, Endpoints)."""

_OBJECT = """\
  apiVersion <string> APIVersion defines the versioned schema of this representation of
    an object. Servers convert recognized schemas to the latest internal value.
  kind <string> Kind is a string value representing the REST resource this object
    represents. Cannot be updated. In CamelCase.
  metadata <ObjectMeta> Standard object's metadata.
"""

_POD_PARTS = """\
@PodStatus
PodStatus represents information about the status of a pod. Status may trail
the actual state of a system, especially if the node that hosts the pod
cannot contact the control plane.
  conditions <[]PodCondition> Current service state of the pod.
  containerStatuses <[]ContainerStatus> The status of each container in the manifest.
  hostIP <string> IP address of the host the pod is assigned to.
  initContainerStatuses <[]ContainerStatus> The status of each init container.
  message <string> A human readable message indicating why the pod is in this condition.
  nominatedNodeName <string> Set when this pod preempts pods on a node, which it then
    expects to be scheduled on.
  observedGeneration <integer> The pod generation the kubelet last acted on.
  phase <string> {Failed,Pending,Running,Succeeded,Unknown} A simple, high-level summary
    of where the pod is in its lifecycle.
  podIP <string> IP address allocated to the pod, routable at least within the cluster.
    Empty if not yet allocated.
  podIPs <[]PodIP> The IP addresses allocated to the pod, one per IP family.
  qosClass <string> {BestEffort,Burstable,Guaranteed} The Quality of Service class
    assigned from the resource requirements.
  reason <string> A brief CamelCase message indicating why the pod is in this state,
    e.g. 'Evicted'.
  startTime <Time> When the kubelet acknowledged the pod, before pulling any image.

@PodCondition
PodCondition contains details for the current condition of this pod.
  lastProbeTime <Time> Last time the condition was probed.
  lastTransitionTime <Time> Last time the condition changed from one status to another.
  message <string> Human-readable message about the last transition.
  observedGeneration <integer> The pod generation this condition was set for.
  reason <string> Unique, one-word, CamelCase reason for the last transition.
  status <string> ! Status of the condition: True, False or Unknown.
  type <string> ! Type of the condition, such as Ready or PodScheduled.

@ContainerStatus
ContainerStatus contains details for the current status of this container.
  containerID <string> The container's ID in the runtime, as '<type>://<container_id>'.
  image <string> The image the container is running.
  imageID <string> The image's ID.
  lastState <ContainerState> Details of the container's last termination.
  name <string> ! The container's name, as in the pod spec.
  ready <boolean> ! Whether the container passes its readiness checks.
  restartCount <integer> ! How many times the container has been restarted.
  started <boolean> Whether the container has finished its postStart hook and passed its
    startup probe.
  state <ContainerState> Details of the container's current condition.

@ContainerState
ContainerState holds a possible state of container. Only one of its members
may be specified. If none of them is specified, the default one is
ContainerStateWaiting.
  running <ContainerStateRunning> Details about a running container.
  terminated <ContainerStateTerminated> Details about a terminated container.
  waiting <ContainerStateWaiting> Details about a waiting container.

@Volume
Volume represents a named volume in a pod that may be accessed by any
container in the pod.
  configMap <ConfigMapVolumeSource> A ConfigMap that should populate this volume.
  awsElasticBlockStore <AWSElasticBlockStoreVolumeSource> Deprecated: an AWS EBS disk;
    calls are redirected to the ebs.csi.aws.com CSI driver.
  azureDisk <AzureDiskVolumeSource> Deprecated: an Azure data disk; calls are redirected
    to the disk.csi.azure.com CSI driver.
  azureFile <AzureFileVolumeSource> Deprecated: an Azure File Service mount; calls are
    redirected to the file.csi.azure.com CSI driver.
  cephfs <CephFSVolumeSource> Deprecated: a Ceph FS mount on the host that shares the
    pod's lifetime.
  cinder <CinderVolumeSource> Deprecated: an OpenStack cinder volume; calls are
    redirected to the cinder.csi.openstack.org CSI driver.
  csi <CSIVolumeSource> Ephemeral storage handled by a CSI driver.
  downwardAPI <DownwardAPIVolumeSource> Information about the pod, exposed as files.
  ephemeral <EphemeralVolumeSource> A volume handled by a storage driver whose PVC lives
    and dies with the pod.
  fc <FCVolumeSource> A Fibre Channel resource attached to the host and exposed to the
    pod.
  flexVolume <FlexVolumeSource> Deprecated: a generic volume provisioned by an
    exec-based plugin.
  flocker <FlockerVolumeSource> Deprecated: a Flocker volume; the Flocker control
    service must be running.
  gcePersistentDisk <GCEPersistentDiskVolumeSource> Deprecated: a GCE disk; calls are
    redirected to the pd.csi.storage.gke.io CSI driver.
  gitRepo <GitRepoVolumeSource> Deprecated: a git repository at a revision; use an init
    container that clones into an emptyDir instead.
  glusterfs <GlusterfsVolumeSource> Deprecated: a Glusterfs mount on the host that
    shares the pod's lifetime.
  image <ImageVolumeSource> An OCI object (a container image or artifact) pulled and
    mounted on the host.
  iscsi <ISCSIVolumeSource> An ISCSI disk attached to the host and exposed to the pod.
  nfs <NFSVolumeSource> An NFS mount on the host that shares the pod's lifetime.
  photonPersistentDisk <PhotonPersistentDiskVolumeSource> Deprecated: a PhotonController
    persistent disk.
  portworxVolume <PortworxVolumeSource> Deprecated: a Portworx volume; calls are
    redirected to the pxd.portworx.com CSI driver.
  quobyte <QuobyteVolumeSource> Deprecated: a Quobyte mount on the host that shares the
    pod's lifetime.
  rbd <RBDVolumeSource> Deprecated: a Rados Block Device mount on the host that shares
    the pod's lifetime.
  scaleIO <ScaleIOVolumeSource> Deprecated: a ScaleIO persistent volume attached and
    mounted on the node.
  storageos <StorageOSVolumeSource> Deprecated: a StorageOS volume attached and mounted
    on the node.
  vsphereVolume <VsphereVirtualDiskVolumeSource> Deprecated: a vSphere volume; calls are
    redirected to the csi.vsphere.vmware.com CSI driver.
  emptyDir <EmptyDirVolumeSource> A temporary directory that shares the pod's lifetime.
  hostPath <HostPathVolumeSource> A file or directory on the host machine, exposed to
    the container.
  name <string> ! Name of the volume, a DNS label unique within the pod.
  persistentVolumeClaim <PersistentVolumeClaimVolumeSource> A PersistentVolumeClaim in
    the same namespace.
  projected <ProjectedVolumeSource> Items of several sources projected together.
  secret <SecretVolumeSource> A Secret that should populate this volume.

@Affinity
Affinity is a group of affinity scheduling rules.
  nodeAffinity <NodeAffinity> Node affinity scheduling rules for the pod.
  podAffinity <PodAffinity> Rules to co-locate this pod with other pods, e.g. in the
    same node or zone.
  podAntiAffinity <PodAntiAffinity> Rules to keep this pod away from other pods, e.g. in
    the same node or zone.

@TopologySpreadConstraint
TopologySpreadConstraint specifies how to spread matching pods among the
given topology.
  labelSelector <LabelSelector> Finds the pods that are counted in their topology
    domains.
  matchLabelKeys <[]string> Pod label keys whose values are added to the selector.
  maxSkew <integer> ! The greatest permitted difference between the number of matching
    pods in any two domains.
  minDomains <integer> The minimum number of eligible domains.
  nodeAffinityPolicy <string> {Honor,Ignore} Whether the pod's node affinity counts when
    computing the skew.
  nodeTaintsPolicy <string> {Honor,Ignore} Whether node taints count when computing the
    skew.
  topologyKey <string> ! The node label key that defines the domains, e.g.
    topology.kubernetes.io/zone.
  whenUnsatisfiable <string> ! {DoNotSchedule,ScheduleAnyway} What to do with a pod that
    does not satisfy the spread constraint.
"""

_SERVICE = f"""\
@Service
Service is a named abstraction of software service (for example, mysql)
consisting of local port (for example 3306) that the proxy listens on, and
the selector that determines which pods will answer requests sent through
the proxy.
{_OBJECT}\
  spec <ServiceSpec> The behavior of the service.
  status <ServiceStatus> Most recently observed status of the service. Populated by the
    system; read-only.

@ServiceSpec
ServiceSpec describes the attributes that a user creates on a service.
  allocateLoadBalancerNodePorts <boolean> Whether node ports are allocated for a
    LoadBalancer service. Defaults to true.
  clusterIP <string> The service's virtual IP, usually assigned at random. "None" makes
    a headless service. Cannot be changed once set.
  clusterIPs <[]string> The service's IP addresses, one per IP family; the first equals
    clusterIP.
  externalIPs <[]string> IP addresses for which nodes also accept traffic for this
    service.
  externalName <string> The DNS name returned as a CNAME record for an ExternalName
    service.
  externalTrafficPolicy <string> {{Cluster,Local}} How traffic from outside the cluster
    is routed to endpoints. Defaults to Cluster.
  healthCheckNodePort <integer> Health check node port for a LoadBalancer service with
    the Local traffic policy.
  internalTrafficPolicy <string> {{Cluster,Local}} How traffic from inside the cluster
    is routed to endpoints. Defaults to Cluster.
  ipFamilies <[]string> The IP families (IPv4, IPv6) assigned to the service.
  ipFamilyPolicy <string> {{PreferDualStack,RequireDualStack,SingleStack}} Whether the
    service is single-stack or dual-stack.
  loadBalancerClass <string> The class of the load balancer implementation.
  loadBalancerIP <string> Deprecated: the requested load balancer IP.
  loadBalancerSourceRanges <[]string> Client IP ranges allowed through a cloud load
    balancer.
  ports <[]ServicePort> The ports exposed by the service.
  publishNotReadyAddresses <boolean> Whether endpoints of not-ready pods are published
    for this service.
  selector <map[string]string> Routes traffic to pods whose labels match. Empty means
    the endpoints are managed by hand.
  sessionAffinity <string> {{ClientIP,None}} Session affinity by client IP. Defaults to
    None.
  sessionAffinityConfig <SessionAffinityConfig> Configuration of session affinity.
  trafficDistribution <string> A preference for how traffic is distributed to endpoints,
    such as PreferClose.
  type <string> {{ClusterIP,ExternalName,LoadBalancer,NodePort}} How the service is
    exposed. Defaults to ClusterIP.

@ServicePort
ServicePort contains information on service's port.
  appProtocol <string> The application protocol of this port, as a hint to
    implementations.
  name <string> The name of this port, a DNS label; required when the service has
    several ports.
  nodePort <integer> The port on each node for NodePort and LoadBalancer services,
    usually assigned by the system.
  port <integer> ! The port exposed by this service.
  protocol <string> {{SCTP,TCP,UDP}} The IP protocol of this port. Defaults to TCP.
  targetPort <IntOrString> Number or name of the port on the pods. Defaults to the value
    of port.

@ServiceStatus
ServiceStatus represents the current status of a service.
  conditions <[]Condition> Current service state.
  loadBalancer <LoadBalancerStatus> The status of the load balancer, if one is present.
"""

_NODE = f"""\
@Node
Node is a worker node in Kubernetes. Each node will have a unique identifier
in the cache (i.e. in etcd).
{_OBJECT}\
  spec <NodeSpec> The behavior of the node.
  status <NodeStatus> Most recently observed status of the node. Populated by the
    system; read-only.

@NodeSpec
NodeSpec describes the attributes that a node is created with.
  configSource <NodeConfigSource> Deprecated: no longer used.
  externalID <string> Deprecated: not all kubelets set this field.
  podCIDR <string> The pod IP range assigned to the node.
  podCIDRs <[]string> The pod IP ranges assigned to the node, one per IP family.
  providerID <string> The node's ID assigned by the cloud provider.
  taints <[]Taint> Taints that repel pods that do not tolerate them.
  unschedulable <boolean> Prevents new pods from being scheduled onto the node (kubectl
    cordon sets it).

@Taint
The node this Taint is attached to has the "effect" on any pod that does not
tolerate the Taint.
  effect <string> ! {{NoExecute,NoSchedule,PreferNoSchedule}} The effect of the taint on
    pods that do not tolerate it.
  key <string> ! The taint key to be applied to a node.
  timeAdded <Time> When the taint was added; only set for NoExecute taints.
  value <string> The taint value corresponding to the taint key.

@NodeStatus
NodeStatus is information about the current status of a node.
  addresses <[]NodeAddress> Addresses reachable to the node, such as its InternalIP and
    Hostname.
  allocatable <map[string]Quantity> The resources of the node available for scheduling.
  capacity <map[string]Quantity> The total resources of the node.
  conditions <[]NodeCondition> Conditions of the node, such as Ready and MemoryPressure.
  nodeInfo <NodeSystemInfo> General information about the node, such as the kubelet
    version.
"""

_OTHERS = f"""\
@Namespace
Namespace provides a scope for Names. Use of multiple namespaces is optional.
{_OBJECT}\
  spec <NamespaceSpec> The behavior of the Namespace.
  status <NamespaceStatus> The current status of the Namespace.

@NamespaceSpec
NamespaceSpec describes the attributes on a Namespace.
  finalizers <[]string> Values that must be empty before the namespace is permanently
    removed.

@NamespaceStatus
NamespaceStatus is information about the current status of a Namespace.
  conditions <[]NamespaceCondition> The latest observations of the namespace's state.
  phase <string> {{Active,Terminating}} The current lifecycle phase of the namespace.

@Event
Event is a report of an event somewhere in the cluster. Events have a
limited retention time and triggers and messages may evolve with time.
  action <string> What action was taken or failed regarding the involved object.
{_OBJECT}\
  count <integer> The number of times this event has occurred.
  eventTime <MicroTime> When this event was first observed.
  firstTimestamp <Time> When this event was first recorded.
  involvedObject <ObjectReference> ! The object this event is about.
  lastTimestamp <Time> When this event most recently occurred.
  message <string> A human-readable description of the status of this operation.
  reason <string> A short, machine understandable string for the transition, in
    CamelCase.
  related <ObjectReference> A secondary object, for more complex actions.
  reportingComponent <string> The controller that emitted this event, e.g.
    kubernetes.io/kubelet.
  reportingInstance <string> The ID of the controller instance, e.g. the kubelet's node.
  series <EventSeries> Data about the event series this event is part of.
  source <EventSource> The component reporting this event.
  type <string> Type of this event (Normal, Warning).

@ObjectReference
ObjectReference contains enough information to let you inspect or modify
the referred object.
  apiVersion <string> API version of the referent.
  fieldPath <string> A part of the object, such as spec.containers{{name}}.
  kind <string> Kind of the referent.
  name <string> Name of the referent.
  namespace <string> Namespace of the referent.
  resourceVersion <string> The referent's resourceVersion when the reference was made.
  uid <string> UID of the referent.

@EventSource
EventSource contains information for an event.
  component <string> Component from which the event is generated.
  host <string> Node name on which the event is generated.

@ResourceQuota
ResourceQuota sets aggregate quota restrictions enforced per namespace
{_OBJECT}\
  spec <ResourceQuotaSpec> The desired quota.
  status <ResourceQuotaStatus> The actual enforced quota and its current usage.

@ResourceQuotaSpec
ResourceQuotaSpec defines the desired hard limits to enforce for Quota.
  hard <map[string]Quantity> The hard limit for each named resource.
  scopeSelector <ScopeSelector> A selector of quota scopes, ANDed with scopes.
  scopes <[]string> Filters of tracked objects; all must match for an object to count.

@ResourceQuotaStatus
ResourceQuotaStatus defines the enforced hard limits and observed use.
  hard <map[string]Quantity> The enforced hard limit for each named resource.
  used <map[string]Quantity> The current observed total usage of each resource in the
    namespace.

@Endpoints
Endpoints is a collection of endpoints that implement the actual service.
Deprecated in favor of discovery.k8s.io/v1 EndpointSlice.
{_OBJECT}\
  subsets <[]EndpointSubset> The set of all endpoints: addresses and the ports they
    share.
"""

TEXT = _POD_PARTS + _SERVICE + _NODE + _OTHERS
