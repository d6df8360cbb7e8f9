using Orchestrator.ApiServer.Protobuf;
using Orchestrator.ApiServer.Protobuf.Messages.Apps;
using Orchestrator.ApiServer.Protobuf.Messages.Batch;
using Orchestrator.ApiServer.Protobuf.Messages.Core;
using Orchestrator.ApiServer.Protobuf.Messages.IntStr;
using Orchestrator.ApiServer.Protobuf.Messages.Meta;
using Orchestrator.ApiServer.Protobuf.Messages.Policy;
using Orchestrator.ApiServer.Protobuf.Messages.Scheduling;

namespace Orchestrator.ApiServer.Tests.Protobuf;

/// <summary>
/// Workloads, disruption budgets, priority classes and DeleteOptions built with the generated
/// classes come back as the JSON kubectl would send, zero-valued pointer fields included.
/// </summary>
public sealed class WorkloadRoundTripTests
{
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

        ProtobufAssert.Decodes("apps/v1", "Deployment", deployment,
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

        ProtobufAssert.Decodes("apps/v1", "Deployment", deployment,
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

        ProtobufAssert.Decodes("batch/v1", "Job", job,
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

        ProtobufAssert.Decodes("batch/v1", "CronJob", cronJob,
            """{"kind":"CronJob","apiVersion":"batch/v1","metadata":{"name":"cj1"},"spec":{"schedule":"*/5 * * * *","timeZone":"Etc/UTC","concurrencyPolicy":"Forbid","jobTemplate":{"metadata":{"name":"cj1"},"spec":{"template":{"spec":{"containers":[{"name":"c","image":"busybox"}]}}}},"successfulJobsHistoryLimit":0}}""");
    }

    [Fact]
    public void PodDisruptionBudget_min_available_as_number_or_percentage()
    {
        static PodDisruptionBudget Budget(IntOrString minAvailable) => new()
        {
            Metadata = new ObjectMeta { Name = "pdb" },
            Spec = new PodDisruptionBudgetSpec { MinAvailable = minAvailable, Selector = new LabelSelector { MatchLabels = { ["app"] = "web" } } },
        };

        ProtobufAssert.Decodes("policy/v1", "PodDisruptionBudget", Budget(new IntOrString { Type = 0, IntVal = 2 }),
            """{"kind":"PodDisruptionBudget","apiVersion":"policy/v1","metadata":{"name":"pdb"},"spec":{"minAvailable":2,"selector":{"matchLabels":{"app":"web"}}}}""");
        ProtobufAssert.Decodes("policy/v1", "PodDisruptionBudget", Budget(new IntOrString { Type = 1, StrVal = "50%" }),
            """{"kind":"PodDisruptionBudget","apiVersion":"policy/v1","metadata":{"name":"pdb"},"spec":{"minAvailable":"50%","selector":{"matchLabels":{"app":"web"}}}}""");
    }

    [Fact]
    public void PriorityClass_value_shows_even_when_zero_or_absent()
    {
        ProtobufAssert.Decodes("scheduling.k8s.io/v1", "PriorityClass", new PriorityClass { Metadata = new ObjectMeta { Name = "high" }, Value = 1000000, GlobalDefault = true },
            """{"kind":"PriorityClass","apiVersion":"scheduling.k8s.io/v1","metadata":{"name":"high"},"value":1000000,"globalDefault":true}""");
        ProtobufAssert.Decodes("scheduling.k8s.io/v1", "PriorityClass", new PriorityClass { Metadata = new ObjectMeta { Name = "low" } },
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
}
