using System.Text.Json.Nodes;
using Google.Protobuf;
using Orchestrator.ApiServer.Protobuf;
using Orchestrator.ApiServer.Protobuf.Messages.Apps;
using Orchestrator.ApiServer.Protobuf.Messages.Batch;
using Orchestrator.ApiServer.Protobuf.Messages.Core;
using Orchestrator.ApiServer.Protobuf.Messages.IntStr;
using Orchestrator.ApiServer.Protobuf.Messages.Meta;
using Orchestrator.ApiServer.Protobuf.Messages.Policy;
using Orchestrator.ApiServer.Protobuf.Messages.Resource;
using Orchestrator.ApiServer.Protobuf.Messages.Scheduling;

namespace Orchestrator.ApiServer.Tests.Protobuf;

/// <summary>
/// Objects built with the generated classes, sent through the envelope, come back as the JSON
/// kubectl would send: camelCase names in Go order, int-or-strings bare, quantities as strings,
/// bytes as base64, times as RFC 3339, pointer fields kept at zero, other zero fields omitted.
/// </summary>
public sealed class RoundTripTests
{
    [Fact]
    public void ConfigMap_data_and_binaryData_with_keys_sorted_and_bytes_in_base64()
    {
        var configMap = new ConfigMap { Metadata = new ObjectMeta { Name = "cm1", Namespace = "default" }, Immutable = false };
        configMap.Data.Add("b", "2");
        configMap.Data.Add("a", "1");
        configMap.BinaryData.Add("bin", ByteString.CopyFrom(0x00, 0x01, 0xfe, 0xff));

        AssertDecodes("v1", "ConfigMap", configMap,
            """{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"cm1","namespace":"default"},"immutable":false,"data":{"a":"1","b":"2"},"binaryData":{"bin":"AAH+/w=="}}""");
    }

    [Fact]
    public void Secret_data_bytes_become_base64_and_stringData_stays_text()
    {
        var secret = new Secret { Metadata = new ObjectMeta { Name = "s1" }, Type = "Opaque" };
        secret.Data.Add("pw", ByteString.CopyFromUtf8("s3cr3t"));
        secret.StringData.Add("user", "admin");

        AssertDecodes("v1", "Secret", secret,
            """{"kind":"Secret","apiVersion":"v1","metadata":{"name":"s1"},"data":{"pw":"czNjcjN0"},"stringData":{"user":"admin"},"type":"Opaque"}""");
    }

    [Fact]
    public void Deployment_as_kubectl_create_deployment_builds_it()
    {
        var labels = new Dictionary<string, string> { ["app"] = "d1" };
        var container = new Container { Name = "nginx", Image = "nginx", Resources = new ResourceRequirements() };
        container.Ports.Add(new ContainerPort { ContainerPort_ = 80 });
        var template = new PodTemplateSpec { Metadata = new ObjectMeta { Labels = { labels } }, Spec = new PodSpec { Containers = { container } } };
        var deployment = new Deployment
        {
            Metadata = new ObjectMeta { Name = "d1", Labels = { labels } },
            Spec = new DeploymentSpec
            {
                Replicas = 2,
                Selector = new LabelSelector { MatchLabels = { labels } },
                Template = template,
                Strategy = new DeploymentStrategy(),
            },
            Status = new DeploymentStatus(),
        };

        AssertDecodes("apps/v1", "Deployment", deployment,
            """{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"d1","labels":{"app":"d1"}},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"d1"}},"template":{"metadata":{"labels":{"app":"d1"}},"spec":{"containers":[{"name":"nginx","image":"nginx","ports":[{"containerPort":80}],"resources":{}}]}},"strategy":{}},"status":{}}""");
    }

    [Fact]
    public void Deployment_rolling_update_int_or_strings_and_zero_replicas()
    {
        var deployment = new Deployment
        {
            Metadata = new ObjectMeta { Name = "d0" },
            Spec = new DeploymentSpec
            {
                Replicas = 0,
                RevisionHistoryLimit = 0,
                Paused = false,
                Strategy = new DeploymentStrategy
                {
                    Type = "RollingUpdate",
                    RollingUpdate = new RollingUpdateDeployment
                    {
                        MaxSurge = new IntOrString { Type = 1, StrVal = "25%" },
                        MaxUnavailable = new IntOrString { Type = 0, IntVal = 0 },
                    },
                },
            },
        };

        AssertDecodes("apps/v1", "Deployment", deployment,
            """{"kind":"Deployment","apiVersion":"apps/v1","metadata":{"name":"d0"},"spec":{"replicas":0,"strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":0,"maxSurge":"25%"}},"revisionHistoryLimit":0}}""");
    }

    [Fact]
    public void Job_keeps_zero_pointer_fields_like_backoffLimit_and_suspend()
    {
        var job = new Job
        {
            Metadata = new ObjectMeta { Name = "j1" },
            Spec = new JobSpec
            {
                BackoffLimit = 0,
                Completions = 3,
                Suspend = false,
                TtlSecondsAfterFinished = 100,
                Template = new PodTemplateSpec
                {
                    Spec = new PodSpec
                    {
                        RestartPolicy = "Never",
                        Containers = { new Container { Name = "j1", Image = "busybox", Command = { "echo", "hi" } } },
                    },
                },
            },
        };

        AssertDecodes("batch/v1", "Job", job,
            """{"kind":"Job","apiVersion":"batch/v1","metadata":{"name":"j1"},"spec":{"completions":3,"backoffLimit":0,"template":{"spec":{"containers":[{"name":"j1","image":"busybox","command":["echo","hi"]}],"restartPolicy":"Never"}},"ttlSecondsAfterFinished":100,"suspend":false}}""");
    }

    [Fact]
    public void CronJob_schedule_and_job_template()
    {
        var cronJob = new CronJob
        {
            Metadata = new ObjectMeta { Name = "cj1" },
            Spec = new CronJobSpec
            {
                Schedule = "*/5 * * * *",
                TimeZone = "Etc/UTC",
                ConcurrencyPolicy = "Forbid",
                JobTemplate = new JobTemplateSpec
                {
                    Metadata = new ObjectMeta { Name = "cj1" },
                    Spec = new JobSpec { Template = new PodTemplateSpec { Spec = new PodSpec { Containers = { new Container { Name = "c", Image = "busybox" } } } } },
                },
                SuccessfulJobsHistoryLimit = 0,
            },
        };

        AssertDecodes("batch/v1", "CronJob", cronJob,
            """{"kind":"CronJob","apiVersion":"batch/v1","metadata":{"name":"cj1"},"spec":{"schedule":"*/5 * * * *","timeZone":"Etc/UTC","concurrencyPolicy":"Forbid","jobTemplate":{"metadata":{"name":"cj1"},"spec":{"template":{"spec":{"containers":[{"name":"c","image":"busybox"}]}}}},"successfulJobsHistoryLimit":0}}""");
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

        AssertDecodes("v1", "Service", service,
            """{"kind":"Service","apiVersion":"v1","metadata":{"name":"svc"},"spec":{"ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":8080},{"name":"https","port":443,"targetPort":"https"}],"selector":{"app":"web"},"type":"ClusterIP","ipFamilyPolicy":"SingleStack"}}""");
    }

    [Fact]
    public void PodDisruptionBudget_min_available_as_number_or_percentage()
    {
        static PodDisruptionBudget Budget(IntOrString minAvailable) => new()
        {
            Metadata = new ObjectMeta { Name = "pdb" },
            Spec = new PodDisruptionBudgetSpec { MinAvailable = minAvailable, Selector = new LabelSelector { MatchLabels = { ["app"] = "web" } } },
        };

        AssertDecodes("policy/v1", "PodDisruptionBudget", Budget(new IntOrString { Type = 0, IntVal = 2 }),
            """{"kind":"PodDisruptionBudget","apiVersion":"policy/v1","metadata":{"name":"pdb"},"spec":{"minAvailable":2,"selector":{"matchLabels":{"app":"web"}}}}""");
        AssertDecodes("policy/v1", "PodDisruptionBudget", Budget(new IntOrString { Type = 1, StrVal = "50%" }),
            """{"kind":"PodDisruptionBudget","apiVersion":"policy/v1","metadata":{"name":"pdb"},"spec":{"minAvailable":"50%","selector":{"matchLabels":{"app":"web"}}}}""");
    }

    [Fact]
    public void PriorityClass_value_shows_even_when_zero_or_absent()
    {
        AssertDecodes("scheduling.k8s.io/v1", "PriorityClass", new PriorityClass { Metadata = new ObjectMeta { Name = "high" }, Value = 1000000, GlobalDefault = true },
            """{"kind":"PriorityClass","apiVersion":"scheduling.k8s.io/v1","metadata":{"name":"high"},"value":1000000,"globalDefault":true}""");
        AssertDecodes("scheduling.k8s.io/v1", "PriorityClass", new PriorityClass { Metadata = new ObjectMeta { Name = "low" } },
            """{"kind":"PriorityClass","apiVersion":"scheduling.k8s.io/v1","metadata":{"name":"low"},"value":0}""");
    }

    [Theory]
    [InlineData("v1")]
    [InlineData("meta.k8s.io/v1")]
    [InlineData("apps/v1")]
    public void DeleteOptions_with_grace_period_policy_and_preconditions(string apiVersion)
    {
        var options = new DeleteOptions
        {
            GracePeriodSeconds = 0,
            PropagationPolicy = "Foreground",
            Preconditions = new Preconditions { Uid = "6b1c", ResourceVersion = "42" },
            DryRun = { "All" },
        };

        var json = KubernetesProtobuf.DecodeDeleteOptions(ProtobufBody.Wrap(apiVersion, "DeleteOptions", options));

        Assert.Equal(
            $$"""{"kind":"DeleteOptions","apiVersion":"{{apiVersion}}","gracePeriodSeconds":0,"preconditions":{"uid":"6b1c","resourceVersion":"42"},"propagationPolicy":"Foreground","dryRun":["All"]}""",
            json.ToJsonString());
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

        AssertDecodes("v1", "ConfigMap", new ConfigMap { Metadata = metadata },
            """{"kind":"ConfigMap","apiVersion":"v1","metadata":{"name":"x","uid":"u1","generation":3,"creationTimestamp":"2023-11-14T22:13:20Z","deletionTimestamp":"2023-11-14T22:13:21Z","deletionGracePeriodSeconds":0,"annotations":{"a":""},"ownerReferences":[{"apiVersion":"apps/v1","kind":"ReplicaSet","name":"rs","uid":"u2","controller":true}],"finalizers":["kubernetes"],"managedFields":[{"manager":"kubectl","operation":"Update","time":"1970-01-01T00:00:00Z","fieldsType":"FieldsV1","fieldsV1":{"f:data":{".":{}}}}]}}""");
    }

    [Fact]
    public void Go_zero_times_are_left_out()
    {
        var metadata = new ObjectMeta { Name = "x", CreationTimestamp = new Time(), DeletionTimestamp = new Time { Seconds = -62135596800 } };

        AssertDecodes("v1", "Namespace", new Namespace { Metadata = metadata },
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

        AssertDecodes("v1", "Pod", pod,
            """{"kind":"Pod","apiVersion":"v1","metadata":{"name":"p"},"spec":{"volumes":[{"name":"cfg","configMap":{"name":"cm","defaultMode":420}},{"name":"scratch","emptyDir":{"sizeLimit":"1Gi"}}],"containers":[{"name":"app","image":"app:1","env":[{"name":"PLAIN","value":"v"},{"name":"FROM_SECRET","valueFrom":{"secretKeyRef":{"name":"s","key":"k","optional":false}}}],"resources":{"limits":{"memory":"128Mi"},"requests":{"cpu":"100m"}},"volumeMounts":[{"name":"cfg","readOnly":true,"mountPath":"/etc/cfg"}],"readinessProbe":{"httpGet":{"path":"/healthz","port":"http"},"periodSeconds":5},"securityContext":{"capabilities":{"drop":["ALL"]},"runAsNonRoot":true,"allowPrivilegeEscalation":false}}],"terminationGracePeriodSeconds":0,"automountServiceAccountToken":false,"securityContext":{"supplementalGroups":[1,2],"fsGroup":0},"affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[{"matchExpressions":[{"key":"zone","operator":"In","values":["a"]}]}]}}},"tolerations":[{"key":"k","operator":"Exists","effect":"NoSchedule","tolerationSeconds":0}]},"status":{}}""");
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

        AssertDecodes("v1", "ResourceQuota", quota,
            """{"kind":"ResourceQuota","apiVersion":"v1","metadata":{"name":"q"},"spec":{"hard":{"cpu":"2","pods":"10"},"scopeSelector":{"matchExpressions":[{"scopeName":"PriorityClass","operator":"Exists"}]}}}""");
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

        AssertDecodes("v1", "ServiceAccount", account,
            """{"kind":"ServiceAccount","apiVersion":"v1","metadata":{"name":"sa"},"imagePullSecrets":[{"name":"regcred"}],"automountServiceAccountToken":false}""");
    }

    private static void AssertDecodes(string apiVersion, string kind, IMessage message, string expectedJson)
    {
        var json = KubernetesProtobuf.DecodeObject(ProtobufBody.Wrap(apiVersion, kind, message), out var decodedApiVersion, out var decodedKind);

        Assert.Equal(apiVersion, decodedApiVersion);
        Assert.Equal(kind, decodedKind);
        Assert.Equal(JsonNode.Parse(expectedJson)!.ToJsonString(), json.ToJsonString());
    }
}
