using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Registry.Core.Pods;

namespace Orchestrator.ApiServer.Tests.Validation;

/// <summary>
/// Ephemeral containers in a pod spec, defaulted and validated as the pod strategy does: the causes upstream's
/// validateEphemeralContainers answers with (field paths and messages as kube-apiserver prints them).
/// </summary>
public sealed class EphemeralContainerValidationTests
{
    private const string At = "spec.ephemeralContainers[0]";
    private const string NotForEphemeral = "Forbidden: cannot be set for an Ephemeral Container";

    public static TheoryData<string, string, string[]> Cases => new()
    {
        { "a debugger targeting the app", """{"name":"debugger","image":"busybox","targetContainerName":"app","stdin":true,"tty":true}""", [] },
        { "a target among the init containers", """{"name":"debugger","image":"busybox","targetContainerName":"setup"}""", [] },
        { "ports", """{"name":"d","image":"busybox","ports":[{"containerPort":80}]}""", [$"{At}.ports: {NotForEphemeral}"] },
        { "a liveness probe", """{"name":"d","image":"busybox","livenessProbe":{"exec":{"command":["true"]}}}""", [$"{At}.livenessProbe: {NotForEphemeral}"] },
        { "a readiness probe", """{"name":"d","image":"busybox","readinessProbe":{"exec":{"command":["true"]}}}""", [$"{At}.readinessProbe: {NotForEphemeral}"] },
        { "a startup probe", """{"name":"d","image":"busybox","startupProbe":{"exec":{"command":["true"]}}}""", [$"{At}.startupProbe: {NotForEphemeral}"] },
        { "a lifecycle hook", """{"name":"d","image":"busybox","lifecycle":{"preStop":{"exec":{"command":["true"]}}}}""", [$"{At}.lifecycle: {NotForEphemeral}"] },
        { "resource limits", """{"name":"d","image":"busybox","resources":{"limits":{"cpu":"1"}}}""", [$"{At}.resources: {NotForEphemeral}"] },
        { "empty resources, as defaulting writes them", """{"name":"d","image":"busybox","resources":{}}""", [] },
        { "a resize policy", """{"name":"d","image":"busybox","resizePolicy":[{"resourceName":"cpu","restartPolicy":"NotRequired"}]}""", [$"{At}.resizePolicy: {NotForEphemeral}"] },
        { "a restart policy", """{"name":"d","image":"busybox","restartPolicy":"Always"}""", [$"{At}.restartPolicy: {NotForEphemeral}"] },
        {
            "several forbidden fields, in the order of upstream's struct",
            """{"name":"d","image":"busybox","lifecycle":{"preStop":{"exec":{"command":["true"]}}},"ports":[{"containerPort":80}],"readinessProbe":{"exec":{"command":["true"]}}}""",
            [$"{At}.ports: {NotForEphemeral}", $"{At}.readinessProbe: {NotForEphemeral}", $"{At}.lifecycle: {NotForEphemeral}"]
        },
        { "a target that is not a container", """{"name":"d","image":"busybox","targetContainerName":"nope"}""", [$"{At}.targetContainerName: Not found: \"nope\""] },
        { "the name of a regular container", """{"name":"app","image":"busybox"}""", [$"{At}.name: Duplicate value: \"app\""] },
        { "the name of an init container", """{"name":"setup","image":"busybox"}""", [$"{At}.name: Duplicate value: \"setup\""] },
        { "no image", """{"name":"d"}""", [$"{At}.image: Required value"] },
        { "no name", """{"image":"busybox"}""", [$"{At}.name: Required value"] },
        { "an image with blanks around it", """{"name":"d","image":" busybox "}""", [$"{At}.image: Invalid value: \" busybox \": must not have leading or trailing whitespace"] },
        { "an unknown pull policy", """{"name":"d","image":"busybox","imagePullPolicy":"Sometimes"}""", [$"{At}.imagePullPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\""] },
        { "a mount of the pod's volume", """{"name":"d","image":"busybox","volumeMounts":[{"name":"data","mountPath":"/data"}]}""", [] },
        { "a mount of an unknown volume", """{"name":"d","image":"busybox","volumeMounts":[{"name":"other","mountPath":"/data"}]}""", [$"{At}.volumeMounts[0].name: Not found: \"other\""] },
        { "a sub-path mount", """{"name":"d","image":"busybox","volumeMounts":[{"name":"data","mountPath":"/data","subPath":"x"}]}""", [$"{At}.volumeMounts[0].subPath: {NotForEphemeral}"] },
        { "a sub-path expression", """{"name":"d","image":"busybox","volumeMounts":[{"name":"data","mountPath":"/data","subPathExpr":"$(X)"}]}""", [$"{At}.volumeMounts[0].subPathExpr: {NotForEphemeral}"] },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void An_ephemeral_container_is_checked_as_upstream_checks_it(string why, string container, string[] expected)
    {
        var causes = Validate(Pod(container));

        Assert.True(expected.SequenceEqual(causes), $"{why}: {string.Join("; ", causes)}");
    }

    [Fact]
    public void Two_ephemeral_containers_may_not_share_a_name_nor_target_each_other()
    {
        var pod = Pod("""{"name":"d1","image":"busybox"}""");
        ((JsonArray)pod["spec"]!["ephemeralContainers"]!).Add(JsonNode.Parse("""{"name":"d1","image":"busybox","targetContainerName":"d1"}"""));

        var causes = Validate(pod);

        Assert.Equal(
        [
            "spec.ephemeralContainers[1].name: Duplicate value: \"d1\"",
            "spec.ephemeralContainers[1].targetContainerName: Not found: \"d1\"",
        ], causes);
    }

    [Fact]
    public void Ephemeral_containers_are_defaulted_as_containers_are()
    {
        var pod = Pod("""{"name":"d","image":"busybox"}""");

        new PodStrategy().Default(pod, create: false);

        var container = pod["spec"]!["ephemeralContainers"]![0]!;
        Assert.Equal("/dev/termination-log", container["terminationMessagePath"]!.GetValue<string>());
        Assert.Equal("File", container["terminationMessagePolicy"]!.GetValue<string>());
        Assert.Equal("Always", container["imagePullPolicy"]!.GetValue<string>());
    }

    private static List<string> Validate(JsonObject pod)
    {
        var strategy = new PodStrategy();
        strategy.Default(pod, create: false);
        var causes = new List<StatusCause>();
        strategy.Validate(pod, causes);
        return [.. causes.Select(c => $"{c.Field}: {c.Message}")];
    }

    private static JsonObject Pod(string ephemeral) => JsonNode.Parse($$$"""
        {"metadata":{"name":"p"},"spec":{
          "initContainers":[{"name":"setup","image":"busybox"}],
          "containers":[{"name":"app","image":"nginx"}],
          "volumes":[{"name":"data","emptyDir":{}}],
          "ephemeralContainers":[{{{ephemeral}}}]}}
        """)!.AsObject();
}
