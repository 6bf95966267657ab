"""Documentation of the apps, batch, scheduling, policy, coordination and
discovery kinds this cluster serves, in the ``docs`` text form."""

_OBJECT = """\
  apiVersion <string> APIVersion defines the versioned schema of this representation of
    an object. Servers convert recognized schemas to the latest internal value.
  kind <string> Kind is a string value representing the REST resource this object
    represents. Cannot be updated. In CamelCase.
  metadata <ObjectMeta> Standard object's metadata.
"""
_TEMPLATE = (
    "  template <PodTemplateSpec> ! The pod template: the pods created from it"
    " must match the selector.\n"
)
_SELECTOR = (
    "  selector <LabelSelector> ! Label selector for the pods; it must match the"
    " pod template's labels. Immutable.\n"
)

_APPS = f"""\
@PodTemplateSpec
PodTemplateSpec describes the data a pod should have when created from a
template
  metadata <ObjectMeta> Standard object's metadata.
  spec <PodSpec> Specification of the desired behavior of the pod.

@Deployment
Deployment enables declarative updates for Pods and ReplicaSets.
{_OBJECT}\
  spec <DeploymentSpec> Specification of the desired behavior of the Deployment.
  status <DeploymentStatus> Most recently observed status of the Deployment.

@DeploymentSpec
DeploymentSpec is the specification of the desired behavior of the
Deployment.
  minReadySeconds <integer> Seconds a new pod must be ready, with no container crashing,
    to count as available. Defaults to 0.
  paused <boolean> Whether the deployment is paused.
  progressDeadlineSeconds <integer> Seconds for the deployment to make progress before
    it is reported failed (ProgressDeadlineExceeded). Defaults to 600.
  replicas <integer> Number of desired pods. Defaults to 1.
  revisionHistoryLimit <integer> Number of old ReplicaSets kept to allow rollback.
    Defaults to 10.
{_SELECTOR}\
  strategy <DeploymentStrategy> The deployment strategy used to replace existing pods
    with new ones.
{_TEMPLATE}\

@DeploymentStrategy
DeploymentStrategy describes how to replace existing pods with new ones.
  rollingUpdate <RollingUpdateDeployment> Rolling update parameters, present only if
    type is RollingUpdate.
  type <string> {{Recreate,RollingUpdate}} Type of deployment. Defaults to
    RollingUpdate.

@RollingUpdateDeployment
Spec to control the desired behavior of rolling update.
  maxSurge <IntOrString> Pods that can be created above the desired number, as a number
    or a percentage rounded up. Defaults to 25%.
  maxUnavailable <IntOrString> Pods that can be unavailable during the update, as a
    number or a percentage rounded down. Defaults to 25%.

@DeploymentStatus
DeploymentStatus is the most recently observed status of the Deployment.
  availableReplicas <integer> Pods targeted by this deployment that have been ready for
    at least minReadySeconds.
  collisionCount <integer> Count of hash collisions, used to avoid ReplicaSet name
    collisions.
  conditions <[]DeploymentCondition> The latest available observations of the
    deployment's state.
  observedGeneration <integer> The generation observed by the deployment controller.
  readyReplicas <integer> Pods targeted by this deployment with a Ready condition.
  replicas <integer> Total non-terminating pods targeted by this deployment.
  terminatingReplicas <integer> Terminating pods targeted by this deployment.
  unavailableReplicas <integer> Pods still needed for the deployment to have 100%
    available capacity.
  updatedReplicas <integer> Non-terminating pods that have the desired template spec.

@ReplicaSet
ReplicaSet ensures that a specified number of pod replicas are running at
any given time.
{_OBJECT}\
  spec <ReplicaSetSpec> Spec defines the desired behavior of the ReplicaSet.
  status <ReplicaSetStatus> The most recently observed status of the ReplicaSet.

@ReplicaSetSpec
ReplicaSetSpec is the specification of a ReplicaSet.
  minReadySeconds <integer> Seconds a new pod must be ready to count as available.
    Defaults to 0.
  replicas <integer> Number of desired pods. Defaults to 1.
{_SELECTOR}\
  template <PodTemplateSpec> The pod template used when too few replicas are detected.

@ReplicaSetStatus
ReplicaSetStatus represents the current status of a ReplicaSet.
  availableReplicas <integer> Available pods (ready for at least minReadySeconds).
  conditions <[]ReplicaSetCondition> The latest available observations of the replica
    set's state.
  fullyLabeledReplicas <integer> Pods whose labels match the pod template's labels.
  observedGeneration <integer> The most recent generation observed.
  readyReplicas <integer> Pods targeted by this ReplicaSet with a Ready condition.
  replicas <integer> ! The most recently observed number of non-terminating pods.
  terminatingReplicas <integer> Terminating pods of this replica set.

@DaemonSet
DaemonSet represents the configuration of a daemon set.
{_OBJECT}\
  spec <DaemonSetSpec> The desired behavior of this daemon set.
  status <DaemonSetStatus> The current status of this daemon set.

@DaemonSetSpec
DaemonSetSpec is the specification of a daemon set.
  minReadySeconds <integer> Seconds a new daemon pod must be ready to count as
    available. Defaults to 0.
  revisionHistoryLimit <integer> Number of old history entries kept to allow rollback.
    Defaults to 10.
{_SELECTOR}\
{_TEMPLATE}\
  updateStrategy <DaemonSetUpdateStrategy> How existing daemon pods are replaced with
    new ones.

@DaemonSetUpdateStrategy
DaemonSetUpdateStrategy is a struct used to control the update strategy for
a DaemonSet.
  rollingUpdate <RollingUpdateDaemonSet> Rolling update parameters, present only if type
    is RollingUpdate.
  type <string> {{OnDelete,RollingUpdate}} Type of daemon set update. Defaults to
    RollingUpdate.

@RollingUpdateDaemonSet
Spec to control the desired behavior of daemon set rolling update.
  maxSurge <IntOrString> Nodes that may run an updated pod alongside the old one during
    the update. Defaults to 0.
  maxUnavailable <IntOrString> Daemon pods that can be unavailable during the update.
    Defaults to 1.
"""

_OTHERS = f"""\
@Job
Job represents the configuration of a single job.
{_OBJECT}\
  spec <JobSpec> Specification of the desired behavior of a job.
  status <JobStatus> Current status of a job.

@JobSpec
JobSpec describes how the job execution will look like.
  activeDeadlineSeconds <integer> Seconds the job may be active before the system
    terminates it.
  backoffLimit <integer> Number of retries before marking this job failed. Defaults to
    6.
  backoffLimitPerIndex <integer> Retries per index for an Indexed job.
  completionMode <string> {{Indexed,NonIndexed}} How pod completions are tracked.
    Defaults to NonIndexed.
  completions <integer> The desired number of successfully finished pods.
  managedBy <string> The controller that manages the Job.
  manualSelector <boolean> Whether the pod selector is set by hand instead of generated.
  maxFailedIndexes <integer> Failed indexes allowed before the Job is marked failed.
  parallelism <integer> The maximum number of pods the job should run at any given time.
    Defaults to 1.
  podFailurePolicy <PodFailurePolicy> How failed pods count toward the backoffLimit.
  podReplacementPolicy <string> {{Failed,TerminatingOrFailed}} When replacement pods are
    created.
  selector <LabelSelector> A label query over pods that should match the pod count.
    Normally generated.
  successPolicy <SuccessPolicy> When an Indexed Job can be declared succeeded.
  suspend <boolean> Whether the Job controller should create pods or not.
  template <PodTemplateSpec> ! The pod template; only restartPolicy Never or OnFailure
    is allowed.
  ttlSecondsAfterFinished <integer> Seconds after the Job finishes before it is deleted
    automatically.

@JobStatus
JobStatus represents the current state of a Job.
  active <integer> The number of pending and running pods.
  completedIndexes <string> Completed indexes of an Indexed Job, in text form.
  completionTime <Time> When the job was completed.
  conditions <[]JobCondition> The latest available observations of the job's state.
  failed <integer> The number of pods that reached phase Failed.
  ready <integer> The number of active pods with a Ready condition.
  startTime <Time> When the job controller started processing the job.
  succeeded <integer> The number of pods that reached phase Succeeded.
  terminating <integer> The number of terminating pods.

@PriorityClass
PriorityClass defines mapping from a priority class name to the priority
integer value. The value can be any valid integer.
{_OBJECT}\
  description <string> When this priority class should be used.
  globalDefault <boolean> Whether this is the priority for pods without a
    priorityClassName.
  preemptionPolicy <string> {{Never,PreemptLowerPriority}} Policy for preempting lower
    priority pods. Defaults to PreemptLowerPriority.
  value <integer> ! The priority pods of this class receive. The higher, the more
    important.

@PodDisruptionBudget
PodDisruptionBudget is an object to define the max disruption that can be
caused to a collection of pods
{_OBJECT}\
  spec <PodDisruptionBudgetSpec> Specification of the desired behavior of the
    PodDisruptionBudget.
  status <PodDisruptionBudgetStatus> Most recently observed status of the
    PodDisruptionBudget.

@PodDisruptionBudgetSpec
PodDisruptionBudgetSpec is a description of a PodDisruptionBudget.
  maxUnavailable <IntOrString> An eviction is allowed if at most this many selected pods
    are unavailable after it.
  minAvailable <IntOrString> An eviction is allowed if at least this many selected pods
    are still available after it.
  selector <LabelSelector> Label query over the pods whose evictions are managed by the
    budget.
  unhealthyPodEvictionPolicy <string> {{AlwaysAllow,IfHealthyBudget}} When unhealthy
    running pods may be evicted.

@Lease
Lease defines a lease concept.
{_OBJECT}\
  spec <LeaseSpec> Specification of the Lease.

@LeaseSpec
LeaseSpec is a specification of a Lease.
  acquireTime <MicroTime> When the current lease was acquired.
  holderIdentity <string> The identity of the holder of the current lease.
  leaseDurationSeconds <integer> How long candidates must wait to force-acquire the
    lease, measured from renewTime.
  leaseTransitions <integer> The number of transitions of a lease between holders.
  preferredHolder <string> The identity that should hold the lease next.
  renewTime <MicroTime> When the current holder last renewed the lease.
  strategy <string> The strategy for picking the leader in coordinated leader election.

@EndpointSlice
EndpointSlice represents a set of service endpoints.
  addressType <string> ! {{FQDN,IPv4,IPv6}} The type of address carried by this slice.
{_OBJECT}\
  endpoints <[]Endpoint> ! A list of unique endpoints in this slice, at most 1000.
  ports <[]EndpointPort> The network ports exposed by each endpoint of this slice.
"""

TEXT = _APPS + _OTHERS
