"""Documentation of container states, workload conditions and status parts,
small pod spec parts and endpoints, in the ``docs`` text form."""

_STATES = """\
@ContainerStateRunning
ContainerStateRunning is a running state of a container.
  startedAt <Time> When the container was last (re)started.

@ContainerStateTerminated
ContainerStateTerminated is a terminated state of a container.
  containerID <string> The container's ID in the runtime.
  exitCode <integer> ! Exit status from the last termination of the container.
  finishedAt <Time> When the container last terminated.
  message <string> Message regarding the last termination of the container.
  reason <string> (brief) reason from the last termination of the container.
  signal <integer> Signal from the last termination of the container.
  startedAt <Time> When the previous execution of the container started.

@ContainerStateWaiting
ContainerStateWaiting is a waiting state of a container.
  message <string> Message regarding why the container is not yet running.
  reason <string> (brief) reason the container is not yet running, e.g.
    ImagePullBackOff.
"""

_CONDITIONS = """\
@DeploymentCondition
DeploymentCondition describes the state of a deployment at a certain point.
  lastTransitionTime <Time> Last time the condition transitioned from one status to
    another.
  lastUpdateTime <Time> The last time this condition was updated.
  message <string> A human readable message indicating details about the transition.
  reason <string> The reason for the condition's last transition.
  status <string> ! Status of the condition, one of True, False, Unknown.
  type <string> ! Type of deployment condition: Available, Progressing or
    ReplicaFailure.

@ReplicaSetCondition
ReplicaSetCondition describes the state of a replica set at a certain point.
  lastTransitionTime <Time> The last time the condition transitioned from one status to
    another.
  message <string> A human readable message indicating details about the transition.
  reason <string> The reason for the condition's last transition.
  status <string> ! Status of the condition, one of True, False, Unknown.
  type <string> ! Type of replica set condition.

@JobCondition
JobCondition describes current state of a job.
  lastProbeTime <Time> Last time the condition was checked.
  lastTransitionTime <Time> Last time the condition transit from one status to another.
  message <string> Human readable message indicating details about last transition.
  reason <string> (brief) reason for the condition's last transition.
  status <string> ! Status of the condition, one of True, False, Unknown.
  type <string> ! Type of job condition, such as Complete or Failed.

@NodeCondition
NodeCondition contains condition information for a node.
  lastHeartbeatTime <Time> Last time we got an update on a given condition.
  lastTransitionTime <Time> Last time the condition transit from one status to another.
  message <string> Human readable message indicating details about last transition.
  reason <string> (brief) reason for the condition's last transition.
  status <string> ! Status of the condition, one of True, False, Unknown.
  type <string> ! Type of node condition, such as Ready or MemoryPressure.

@NodeAddress
NodeAddress contains information for the node's address.
  address <string> ! The node address.
  type <string> ! Node address type, one of Hostname, ExternalIP or InternalIP.

@DaemonSetStatus
DaemonSetStatus represents the current status of a daemon set.
  collisionCount <integer> Count of hash collisions for the DaemonSet.
  conditions <[]DaemonSetCondition> The latest available observations of the daemon
    set's state.
  currentNumberScheduled <integer> ! Nodes running at least one daemon pod that are
    supposed to.
  desiredNumberScheduled <integer> ! Nodes that should be running the daemon pod.
  numberAvailable <integer> Nodes whose daemon pod is ready for at least
    minReadySeconds.
  numberMisscheduled <integer> ! Nodes running the daemon pod that are not supposed to.
  numberReady <integer> ! Nodes whose daemon pod has a Ready condition.
  numberUnavailable <integer> Nodes that should run the daemon pod but have none
    available.
  observedGeneration <integer> The most recent generation observed by the controller.
  updatedNumberScheduled <integer> Nodes running the updated daemon pod.

@PodDisruptionBudgetStatus
PodDisruptionBudgetStatus represents information about the status of a
PodDisruptionBudget. Status may trail the actual state of a system.
  conditions <[]Condition> Conditions of the budget, such as DisruptionAllowed.
  currentHealthy <integer> ! Current number of healthy pods.
  desiredHealthy <integer> ! Minimum desired number of healthy pods.
  disruptedPods <map[string]Time> Pods whose eviction was processed but not yet seen
    deleted.
  disruptionsAllowed <integer> ! Number of pod disruptions that are currently allowed.
  expectedPods <integer> ! Total number of pods counted by this budget.
  observedGeneration <integer> The most recent generation observed when updating this
    status.
"""

_SMALL = """\
@PodIP
PodIP represents a single IP address allocated to the pod.
  ip <string> ! The IP address assigned to the pod.

@PodReadinessGate
PodReadinessGate contains the reference to a pod condition
  conditionType <string> ! A condition type in the pod's condition list.

@PodSchedulingGate
PodSchedulingGate is associated to a Pod to guard its scheduling.
  name <string> ! Name of the scheduling gate, unique among the pod's gates.

@PodOS
PodOS defines the OS parameters of a pod.
  name <string> ! The name of the operating system: linux or windows.

@HostAlias
HostAlias holds the mapping between IP and hostnames that will be injected as
an entry in the pod's hosts file.
  hostnames <[]string> Hostnames for the above IP address.
  ip <string> ! IP address of the host file entry.

@EventSeries
EventSeries contain information on series of events, i.e. thing that was/is
happening continuously for some time.
  count <integer> Number of occurrences in this series up to the last heartbeat time.
  lastObservedTime <MicroTime> Time of the last occurrence observed.
"""

_ENDPOINTS = """\
@Endpoint
Endpoint represents a single logical "backend" implementing a service.
  addresses <[]string> ! The addresses of this endpoint, interpreted by the slice's
    addressType.
  conditions <EndpointConditions> The current state of the endpoint.
  deprecatedTopology <map[string]string> Deprecated topology information.
  hints <EndpointHints> Information about how the endpoint should be consumed.
  hostname <string> The hostname of this endpoint.
  nodeName <string> The node hosting this endpoint.
  targetRef <ObjectReference> The object providing this endpoint, usually a pod.
  zone <string> The zone this endpoint is in.

@EndpointConditions
EndpointConditions represents the current condition of an endpoint.
  ready <boolean> Whether the endpoint is ready to receive traffic: serving and not
    terminating.
  serving <boolean> Whether the endpoint's readiness checks pass, regardless of
    termination.
  terminating <boolean> Whether the endpoint is terminating.

@EndpointPort
EndpointPort represents a Port used by an EndpointSlice
  appProtocol <string> The application protocol for this port.
  name <string> The name of this port; must match the name of the service's port.
  port <integer> The port number of the endpoint.
  protocol <string> {SCTP,TCP,UDP} The IP protocol for this port. Defaults to TCP.

@EndpointSubset
EndpointSubset is a group of addresses with a common set of ports.
  addresses <[]EndpointAddress> IP addresses which offer the related ports and are
    ready.
  notReadyAddresses <[]EndpointAddress> IP addresses which are not currently ready.
  ports <[]EndpointPort> Port numbers available on the related IP addresses.

@EndpointAddress
EndpointAddress is a tuple that describes single IP address.
  hostname <string> The hostname of this endpoint.
  ip <string> ! The IP of this endpoint.
  nodeName <string> The node hosting this endpoint.
  targetRef <ObjectReference> Reference to the object providing the endpoint.
"""

TEXT = _STATES + _CONDITIONS + _SMALL + _ENDPOINTS
