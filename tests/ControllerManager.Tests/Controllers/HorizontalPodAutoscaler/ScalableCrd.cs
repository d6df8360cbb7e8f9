using System.Text.Json;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Orchestrator.ControllerManager.Tests.Controllers.HorizontalPodAutoscaler;

/// <summary>A namespaced CRD "widgets.hpa.example.com" with status and scale subresources (selector from .status.selector).</summary>
internal static class ScalableCrd
{
    public const string Group = "hpa.example.com";

    public static Task CreateAsync(IKubernetes client) => client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(new V1CustomResourceDefinition
    {
        Metadata = new V1ObjectMeta { Name = "widgets." + Group },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = Group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Plural = "widgets", Singular = "widget", Kind = "Widget", ListKind = "WidgetList" },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = "v1",
                    Served = true,
                    Storage = true,
                    Schema = new V1CustomResourceValidation { OpenAPIV3Schema = new V1JSONSchemaProps { Type = "object", XKubernetesPreserveUnknownFields = true } },
                    Subresources = new V1CustomResourceSubresources
                    {
                        Status = new object(),
                        Scale = new V1CustomResourceSubresourceScale { SpecReplicasPath = ".spec.replicas", StatusReplicasPath = ".status.replicas", LabelSelectorPath = ".status.selector" },
                    },
                },
            ],
        },
    });

    public static async Task<IList<V1APIResource>?> TryResourcesAsync(IKubernetes client)
    {
        try
        {
            return (await client.CustomObjects.GetAPIResourcesAsync(Group, "v1")).Resources;
        }
        catch (HttpOperationException)
        {
            return null;
        }
    }

    public static Dictionary<string, object> Widget(string name, int replicas) => new()
    {
        ["apiVersion"] = Group + "/v1",
        ["kind"] = "Widget",
        ["metadata"] = new Dictionary<string, object> { ["name"] = name },
        ["spec"] = new Dictionary<string, object> { ["replicas"] = replicas },
    };

    public static async Task<int> SpecReplicasAsync(IKubernetes client, string name)
    {
        var body = await client.CustomObjects.GetNamespacedCustomObjectAsync(Group, "v1", "default", "widgets", name);
        var json = body is JsonElement element ? element : JsonSerializer.SerializeToElement(body);
        return json.GetProperty("spec").GetProperty("replicas").GetInt32();
    }
}
