"""Documentation of the nested types learners explore most: security
contexts, common volume sources, affinity, env sources, conditions and the
status parts of workloads, in the ``docs`` text form."""

_SECURITY = """\
@PodSecurityContext
PodSecurityContext holds pod-level security attributes and common container
settings. Some fields are also present in container.securityContext; those
take precedence.
  appArmorProfile <AppArmorProfile> The AppArmor options of the pod's containers.
  fsGroup <integer> A supplemental group that owns the pod's volumes and the files
    created in them.
  fsGroupChangePolicy <string> {Always,OnRootMismatch} How the ownership of a volume is
    changed to fsGroup.
  runAsGroup <integer> The GID to run the entrypoint of the container process.
  runAsNonRoot <boolean> Whether the containers must run as a non-root user; the kubelet
    refuses to start them otherwise.
  runAsUser <integer> The UID to run the entrypoint of the container process.
  seLinuxChangePolicy <string> How the SELinux label is applied to the pod's volumes.
  seLinuxOptions <SELinuxOptions> The SELinux context applied to all containers.
  seccompProfile <SeccompProfile> The seccomp options of the pod's containers.
  supplementalGroups <[]integer> Groups added to the first process of each container,
    beyond its primary GID.
  supplementalGroupsPolicy <string> {Merge,Strict} How supplemental groups of the first
    process are calculated.
  sysctls <[]Sysctl> Namespaced sysctls set for the pod.
  windowsOptions <WindowsSecurityContextOptions> Windows-specific settings of all
    containers.

@SecurityContext
SecurityContext holds security configuration that will be applied to a
container. Some fields are present in both SecurityContext and
PodSecurityContext; those in SecurityContext take precedence.
  allowPrivilegeEscalation <boolean> Whether a process can gain more privileges than its
    parent process.
  appArmorProfile <AppArmorProfile> The AppArmor options of this container.
  capabilities <Capabilities> The capabilities to add or drop when running the
    container.
  privileged <boolean> Run the container in privileged mode, like a root process on the
    host. Defaults to false.
  procMount <string> {Default,Unmasked} The type of proc mount the container uses.
  readOnlyRootFilesystem <boolean> Whether the container has a read-only root
    filesystem. Defaults to false.
  runAsGroup <integer> The GID to run the entrypoint of the container process.
  runAsNonRoot <boolean> Whether the container must run as a non-root user.
  runAsUser <integer> The UID to run the entrypoint of the container process.
  seLinuxOptions <SELinuxOptions> The SELinux context applied to the container.
  seccompProfile <SeccompProfile> The seccomp options of this container.
  windowsOptions <WindowsSecurityContextOptions> Windows-specific settings of this
    container.

@Capabilities
Adds and removes POSIX capabilities from running containers.
  add <[]string> Added capabilities.
  drop <[]string> Removed capabilities.
"""

_VOLUMES = """\
@EmptyDirVolumeSource
Represents an empty directory for a pod. Empty directory volumes support
ownership management and SELinux relabeling.
  medium <string> The storage medium backing the directory: "" for the node's default,
    or "Memory".
  sizeLimit <Quantity> The total amount of local storage the directory may use.

@ConfigMapVolumeSource
Adapts a ConfigMap into a volume: each key of its data becomes a file named
after the key, holding the value.
  defaultMode <integer> Mode bits of the created files, 0644 by default.
  items <[]KeyToPath> The keys to project, and the paths to project them to. Default:
    every key.
  name <string> Name of the referent.
  optional <boolean> Whether the ConfigMap or its keys may be missing.

@SecretVolumeSource
Adapts a Secret into a volume: each key of its data becomes a file named
after the key, holding the value.
  defaultMode <integer> Mode bits of the created files, 0644 by default.
  items <[]KeyToPath> The keys to project, and the paths to project them to. Default:
    every key.
  optional <boolean> Whether the Secret or its keys may be missing.
  secretName <string> Name of the secret in the pod's namespace to use.

@KeyToPath
Maps a string key to a path within a volume.
  key <string> ! The key to project.
  mode <integer> Mode bits of this file; defaultMode is used if unset.
  path <string> ! The relative path of the file to map the key to.

@HostPathVolumeSource
Represents a host path mapped into a pod. Host path volumes do not support
ownership management or SELinux relabeling.
  path <string> ! Path of the directory on the host; a symlink is followed to its
    target.
%HOSTPATH_TYPE%
    What must exist at the path. Defaults to "", no check.

@PersistentVolumeClaimVolumeSource
References the user's PVC in the same namespace. This volume finds the bound
PV and mounts that volume for the pod.
  claimName <string> ! Name of a PersistentVolumeClaim in the pod's namespace.
  readOnly <boolean> Force the ReadOnly setting in VolumeMounts. Defaults to false.
"""

_AFFINITY = """\
@NodeAffinity
Node affinity is a group of node affinity scheduling rules.
  preferredDuringSchedulingIgnoredDuringExecution <[]PreferredSchedulingTerm> Nodes the
    scheduler prefers, by the summed weights of the terms they match.
  requiredDuringSchedulingIgnoredDuringExecution <NodeSelector> Rules a node must meet
    for the pod to be scheduled onto it.

@NodeSelector
A node selector represents the union of the results of one or more label
queries over a set of nodes; that is, it represents the OR of the selectors
represented by the node selector terms.
  nodeSelectorTerms <[]NodeSelectorTerm> ! A list of node selector terms, ORed.

@NodeSelectorTerm
A null or empty node selector term matches no objects. The requirements of
them are ANDed.
  matchExpressions <[]NodeSelectorRequirement> Requirements on node labels.
  matchFields <[]NodeSelectorRequirement> Requirements on node fields.

@NodeSelectorRequirement
A node selector requirement is a selector that contains values, a key, and
an operator that relates the key and values.
  key <string> ! The label key the selector applies to.
  operator <string> ! {DoesNotExist,Exists,Gt,In,Lt,NotIn} How the key relates to the
    values.
  values <[]string> The values to compare with; a single integer for Gt and Lt.

@PreferredSchedulingTerm
An empty preferred scheduling term matches all objects with implicit weight
0 (i.e. it's a no-op). A null preferred scheduling term matches no objects
(i.e. is also a no-op).
  preference <NodeSelectorTerm> ! A node selector term, associated with the weight.
  weight <integer> ! Weight of matching this term, from 1 to 100.

@PodAffinity
Pod affinity is a group of inter pod affinity scheduling rules.
  preferredDuringSchedulingIgnoredDuringExecution <[]WeightedPodAffinityTerm> Pods the
    scheduler prefers to be near, by summed weights.
  requiredDuringSchedulingIgnoredDuringExecution <[]PodAffinityTerm> Terms every one of
    which must be met for the pod to be scheduled.

@PodAntiAffinity
Pod anti affinity is a group of inter pod anti affinity scheduling rules.
  preferredDuringSchedulingIgnoredDuringExecution <[]WeightedPodAffinityTerm> Pods the
    scheduler prefers to be away from, by summed weights.
  requiredDuringSchedulingIgnoredDuringExecution <[]PodAffinityTerm> Terms every one of
    which must be met for the pod to be scheduled.

@PodAffinityTerm
Defines a set of pods (namely those matching the labelSelector relative to
the given namespace(s)) that this pod should be co-located (affinity) or not
co-located (anti-affinity) with.
  labelSelector <LabelSelector> A label query over the pods this term counts.
  matchLabelKeys <[]string> Pod label keys whose values are added to the label selector.
  mismatchLabelKeys <[]string> Pod label keys whose values are excluded through the
    label selector.
  namespaceSelector <LabelSelector> A label query over the namespaces this term applies
    to.
  namespaces <[]string> The namespaces this term applies to. Default: the pod's
    namespace.
  topologyKey <string> ! The node label whose values define the co-location domains,
    e.g. kubernetes.io/hostname.

@WeightedPodAffinityTerm
The weights of all of the matched WeightedPodAffinityTerm fields are added
per-node to find the most preferred node(s)
  podAffinityTerm <PodAffinityTerm> ! A pod affinity term, associated with the weight.
  weight <integer> ! Weight of matching this term, from 1 to 100.
"""

_ENV = """\
@ObjectFieldSelector
ObjectFieldSelector selects an APIVersioned field of an object.
  apiVersion <string> Version of the schema the path is written in. Defaults to "v1".
  fieldPath <string> ! Path of the field to select, such as metadata.name or
    status.podIP.

@ResourceFieldSelector
ResourceFieldSelector represents container resources (cpu, memory) and their
output format
  containerName <string> Container name; required for volumes.
  divisor <Quantity> The output format of the exposed resources. Defaults to "1".
  resource <string> ! The resource to select, such as limits.cpu.

@ConfigMapKeySelector
Selects a key from a ConfigMap.
  key <string> ! The key to select.
  name <string> Name of the referent.
  optional <boolean> Whether the ConfigMap or its key may be missing.

@SecretKeySelector
SecretKeySelector selects a key of a Secret.
  key <string> ! The key of the secret to select from.
  name <string> Name of the referent.
  optional <boolean> Whether the Secret or its key may be missing.

@ConfigMapEnvSource
ConfigMapEnvSource selects a ConfigMap to populate the environment variables
with.
  name <string> Name of the referent.
  optional <boolean> Whether the ConfigMap may be missing.

@SecretEnvSource
SecretEnvSource selects a Secret to populate the environment variables with.
  name <string> Name of the referent.
  optional <boolean> Whether the Secret may be missing.
"""

_HOSTPATH_TYPES = (
    '"",BlockDevice,CharDevice,Directory,DirectoryOrCreate,File,FileOrCreate,Socket'
)
_VOLUMES = _VOLUMES.replace(
    "%HOSTPATH_TYPE%", "  type <string> {" + _HOSTPATH_TYPES + "}"
)

TEXT = _SECURITY + _VOLUMES + _AFFINITY + _ENV
