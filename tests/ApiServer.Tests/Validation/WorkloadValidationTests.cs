using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Validation;

namespace Orchestrator.ApiServer.Tests.Validation;

public sealed class WorkloadValidationTests
{
    [Theory]
    [InlineData("data", new string[0])]
    [InlineData("logs", new[] { "spec.template.spec.containers[0].volumeMounts[0].name: Not found: \"logs\"" })]
    public void A_StatefulSets_containers_may_mount_its_claim_templates_but_nothing_else_unknown(string mount, string[] expected)
    {
        var set = JsonNode.Parse("""
            {"metadata":{"name":"web"},"spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
             "template":{"metadata":{"labels":{"app":"web"}},"spec":{"restartPolicy":"Always","containers":[{"name":"c","image":"i:1","imagePullPolicy":"IfNotPresent","terminationMessagePolicy":"File","volumeMounts":[{"name":"MOUNT","mountPath":"/data"}]}]}},
             "volumeClaimTemplates":[{"metadata":{"name":"data"},"spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}]}}
            """.Replace("MOUNT", mount, StringComparison.Ordinal))!.AsObject();
        var causes = new List<StatusCause>();

        WorkloadValidation.Validate(set, hasReplicas: true, causes);

        Assert.Equal(expected, causes.Select(c => $"{c.Field}: {c.Message}"));
    }
}
