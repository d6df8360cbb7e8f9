using Google.Protobuf;
using Orchestrator.ApiServer.Protobuf.Messages.Core;
using Orchestrator.ApiServer.Protobuf.Messages.IntStr;
using Orchestrator.ApiServer.Protobuf.Messages.Meta;
using Orchestrator.ApiServer.Protobuf.Messages.Resource;

namespace Orchestrator.ApiServer.Tests.Protobuf;

/// <summary>
/// core/v1 objects built with the generated classes, sent through the envelope, come back as the
/// JSON kubectl would send: camelCase names in Go order, int-or-strings bare, quantities as
/// strings, bytes as base64, times as RFC 3339, embedded structs inlined, pointer fields kept at
/// zero and other zero fields omitted.
/// </summary>
public sealed class CoreRoundTripTests
{
    [Fact]
    public void ConfigMap_data_and_binaryData_with_keys_sorted_and_bytes_in_base64()
    {
        var configMap = new ConfigMap { Metadata = new ObjectMeta { Name = "cm1", Namespace = "default" }, Immutable = false };
        configMap.Data.Add("b", "2");
        configMap.Data.Add("a", "1");
        configMap.BinaryData.Add("bin", ByteString.CopyFrom(0x00, 0x01, 0xfe, 0xff));

        ProtobufAssert.Decodes("v1", "ConfigMap", configMap,
            """{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"cm1","namespace":"default"},"immutable":false,"data":{"a":"1","b":"2"},"binaryData":{"bin":"AAH+/w=="}}""");
    }

    [Fact]
    public void Secret_data_bytes_become_base64_and_stringData_stays_text()
    {
        var secret = new Secret { Metadata = new ObjectMeta { Name = "s1" }, Type = "Opaque" };
        secret.Data.Add("pw", ByteString.CopyFromUtf8("s3cr3t"));
        secret.StringData.Add("user", "admin");

        ProtobufAssert.Decodes("v1", "Secret", secret,
            """{"kind":"Secret","apiVersion":"v1","metadata":{"name":"s1"},"data":{"pw":"czNjcjN0"},"stringData":{"user":"admin"},"type":"Opaque"}""");
    }

    [Fact]
    public void Service_target_ports_as_number_and_as_name()
    {
        var service = new Service
        {
            Metadata = new ObjectMeta { Name = "svc" },
            Spec = new ServiceSpec
            {
                Type = "ClusterIP",
                Selector = { ["app"] = "web" },
                Ports =
                {
                    new ServicePort { Name = "http", Protocol = "TCP", Port = 80, TargetPort = new IntOrString { Type = 0, IntVal = 8080 } },
                    new ServicePort { Name = "https", Port = 443, TargetPort = new IntOrString { Type = 1, StrVal = "https" } },
                },
                IpFamilyPolicy = "SingleStack",
            },
        };

        ProtobufAssert.Decodes("v1", "Service", service,
            """{"kind":"Service","apiVersion":"v1","metadata":{"name":"svc"},"spec":{"ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":8080},{"name":"https","port":443,"targetPort":"https"}],"selector":{"app":"web"},"type":"ClusterIP","ipFamilyPolicy":"SingleStack"}}""");
    }

    [Fact]
    public void ServiceAccount_with_image_pull_secrets()
    {
        var account = new ServiceAccount
        {
            Metadata = new ObjectMeta { Name = "sa" },
            ImagePullSecrets = { new LocalObjectReference { Name = "regcred" } },
            AutomountServiceAccountToken = false,
        };

        ProtobufAssert.Decodes("v1", "ServiceAccount", account,
            """{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"sa"},"imagePullSecrets":[{"name":"regcred"}],"automountServiceAccountToken":false}""");
    }

    [Fact]
    public void ResourceQuota_hard_limits_and_scopes()
    {
        var quota = new ResourceQuota
        {
            Metadata = new ObjectMeta { Name = "q" },
            Spec = new ResourceQuotaSpec
            {
                Hard = { ["pods"] = new Quantity { String = "10" }, ["cpu"] = new Quantity { String = "2" } },
                ScopeSelector = new ScopeSelector { MatchExpressions = { new ScopedResourceSelectorRequirement { ScopeName = "PriorityClass", Operator = "Exists" } } },
            },
        };

        ProtobufAssert.Decodes("v1", "ResourceQuota", quota,
            """{"kind":"ResourceQuota","apiVersion":"v1","metadata":{"name":"q"},"spec":{"hard":{"cpu":"2","pods":"10"},"scopeSelector":{"matchExpressions":[{"scopeName":"PriorityClass","operator":"Exists"}]}}}""");
    }

    [Fact]
    public void Metadata_times_owner_references_and_managed_fields()
    {
        var metadata = new ObjectMeta
        {
            Name = "x",
            Uid = "u1",
            Generation = 3,
            CreationTimestamp = new Time { Seconds = 1700000000 },
            DeletionTimestamp = new Time { Seconds = 1700000001, Nanos = 999_000_000 },
            DeletionGracePeriodSeconds = 0,
            Annotations = { ["a"] = "" },
            Finalizers = { "kubernetes" },
            OwnerReferences = { new OwnerReference { ApiVersion = "apps/v1", Kind = "ReplicaSet", Name = "rs", Uid = "u2", Controller = true } },
            ManagedFields =
            {
                new ManagedFieldsEntry
                {
                    Manager = "kubectl",
                    Operation = "Update",
                    Time = new Time { Seconds = 0 },
                    FieldsType = "FieldsV1",
                    FieldsV1 = new FieldsV1 { Raw = ByteString.CopyFromUtf8("""{"f:data":{".":{}}}""") },
                },
            },
        };

        ProtobufAssert.Decodes("v1", "ConfigMap", new ConfigMap { Metadata = metadata },
            """{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"x","uid":"u1","generation":3,"creationTimestamp":"2023-11-14T22:13:20Z","deletionTimestamp":"2023-11-14T22:13:21Z","deletionGracePeriodSeconds":0,"annotations":{"a":""},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs","uid":"u2","controller":true}],"finalizers":["kubernetes"],"managedFields":[{"manager":"kubectl","operation":"Update","time":"1970-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{}}}}]}}""");
    }

    [Fact]
    public void Go_zero_times_are_left_out()
    {
        var metadata = new ObjectMeta { Name = "x", CreationTimestamp = new Time(), DeletionTimestamp = new Time { Seconds = -62135596800 } };

        ProtobufAssert.Decodes("v1", "Namespace", new Namespace { Metadata = metadata },
            """{"kind":"Namespace","apiVersion":"v1","metadata":{"name":"x"}}""");
    }

    [Fact]
    public void Pod_embedded_structs_are_inlined_and_quantities_are_strings()
    {
        var container = new Container
        {
            Name = "app",
            Image = "app:1",
            Env =
            {
                new EnvVar { Name = "PLAIN", Value = "v" },
                new EnvVar
                {
                    Name = "FROM_SECRET",
                    ValueFrom = new EnvVarSource { SecretKeyRef = new SecretKeySelector { LocalObjectReference = new LocalObjectReference { Name = "s" }, Key = "k", Optional = false } },
                },
            },
            Resources = new ResourceRequirements
            {
                Limits = { ["memory"] = new Quantity { String = "128Mi" } },
                Requests = { ["cpu"] = new Quantity { String = "100m" } },
            },
            VolumeMounts = { new VolumeMount { Name = "cfg", MountPath = "/etc/cfg", ReadOnly = true } },
            ReadinessProbe = new Probe
            {
                Handler = new ProbeHandler { HttpGet = new HTTPGetAction { Path = "/healthz", Port = new IntOrString { Type = 1, StrVal = "http" } } },
                PeriodSeconds = 5,
            },
            SecurityContext = new SecurityContext { RunAsNonRoot = true, AllowPrivilegeEscalation = false, Capabilities = new Capabilities { Drop = { "ALL" } } },
        };
        var pod = new Pod
        {
            Metadata = new ObjectMeta { Name = "p" },
            Spec = new PodSpec
            {
                Volumes =
                {
                    new Volume { Name = "cfg", VolumeSource = new VolumeSource { ConfigMap = new ConfigMapVolumeSource { LocalObjectReference = new LocalObjectReference { Name = "cm" }, DefaultMode = 420 } } },
                    new Volume { Name = "scratch", VolumeSource = new VolumeSource { EmptyDir = new EmptyDirVolumeSource { SizeLimit = new Quantity { String = "1Gi" } } } },
                },
                Containers = { container },
                TerminationGracePeriodSeconds = 0,
                AutomountServiceAccountToken = false,
                Tolerations = { new Toleration { Key = "k", Operator = "Exists", Effect = "NoSchedule", TolerationSeconds = 0 } },
                Affinity = new Affinity
                {
                    NodeAffinity = new NodeAffinity
                    {
                        RequiredDuringSchedulingIgnoredDuringExecution = new NodeSelector
                        {
                            NodeSelectorTerms = { new NodeSelectorTerm { MatchExpressions = { new NodeSelectorRequirement { Key = "zone", Operator = "In", Values = { "a" } } } } },
                        },
                    },
                },
                SecurityContext = new PodSecurityContext { FsGroup = 0, SupplementalGroups = { 1, 2 } },
            },
            Status = new PodStatus(),
        };

        ProtobufAssert.Decodes("v1", "Pod", pod,
            """{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},"spec":{"volumes":[{"name":"cfg","configMap":{"name":"cm","defaultMode":420}},{"name":"scratch","emptyDir":{"sizeLimit":"1Gi"}}],"containers":[{"name":"app","image":"app:1","env":[{"name":"PLAIN","value":"v"},{"name":"FROM_SECRET","valueFrom":{"secretKeyRef":{"name":"s","key":"k","optional":false}}}],"resources":{"limits":{"memory":"128Mi"},"requests":{"cpu":"100m"}},"volumeMounts":[{"name":"cfg","readOnly":true,"mountPath":"/etc/cfg"}],"readinessProbe":{"httpGet":{"path":"/healthz","port":"http"},"periodSeconds":5},"securityContext":{"capabilities":{"drop":["ALL"]},"runAsNonRoot":true,"allowPrivilegeEscalation":false}}],"terminationGracePeriodSeconds":0,"automountServiceAccountToken":false,"securityContext":{"supplementalGroups":[1,2],"fsGroup":0},"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"zone","operator":"In","values":["a"]}]}]}}},"tolerations":[{"key":"k","operator":"Exists","effect":"NoSchedule","tolerationSeconds":0}]},"status":{}}""");
    }
}
