using Orchestrator.ApiMachinery.Versions;
using Orchestrator.ApiServer.CustomResources.Printing;

namespace Orchestrator.ApiServer.CustomResources;

/// <summary>
/// The resources an established CRD serves (upstream's crdHandler serving info): one definition per served
/// version, under the accepted names, in Kubernetes version order (the first is discovery's preferred one).
/// Objects are stored in the storage version under <c>/registry/&lt;group&gt;/&lt;plural&gt;/</c>; every other version
/// is served from them through the version-conversion hook (<see cref="StoredAs"/>) with conversion strategy None:
/// only apiVersion differs (<see cref="ApiVersionConverter"/>).
/// </summary>
internal static class ServedResources
{
    private static readonly string[] GetPatchUpdate = ["get", "patch", "update"];

    public static IReadOnlyList<ResourceDefinition> Of(JsonObject crd)
    {
        var names = CrdReader.AcceptedNames(crd);
        var group = CrdReader.Group(crd);
        var preserveUnknown = CrdReader.Bool(crd["spec"]?["preserveUnknownFields"]);
        var versions = CrdReader.Versions(crd).ToList();
        var storageVersion = versions.FirstOrDefault(v => CrdReader.Bool(v["storage"])) ?? versions.FirstOrDefault();
        if (storageVersion is null)
        {
            return [];
        }

        var storage = Version(crd, group, names, storageVersion, preserveUnknown);
        return [.. versions
            .Where(v => CrdReader.Bool(v["served"]))
            .OrderBy(v => CrdReader.Text(v["name"]) ?? "", KubeAwareVersion.HighestFirst)
            .Select(v => ReferenceEquals(v, storageVersion)
                ? storage
                : Version(crd, group, names, v, preserveUnknown) with { StoredAs = new StoredAs(storage, ApiVersionConverter.Instance) })];
    }

    private static ResourceDefinition Version(JsonObject crd, string group, CrdNames names, JsonObject version, bool preserveUnknown)
    {
        var name = CrdReader.Text(version["name"]) ?? "";
        var schema = version["schema"]?["openAPIV3Schema"] is JsonObject openApi ? StructuralSchema.Parse(openApi) : null;
        var hasStatus = version["subresources"]?["status"] is JsonObject;
        var scale = version["subresources"]?["scale"] is JsonObject scaleJson
            ? new ScalePaths(CrdReader.Text(scaleJson["specReplicasPath"]) ?? "", CrdReader.Text(scaleJson["statusReplicasPath"]) ?? "", CrdReader.Text(scaleJson["labelSelectorPath"]))
            : null;
        List<SubresourceDefinition> subresources = [];
        if (hasStatus)
        {
            subresources.Add(new("status", group, name, names.Kind, GetPatchUpdate));
        }

        if (scale is not null)
        {
            subresources.Add(new("scale", "autoscaling", "v1", "Scale", GetPatchUpdate));
        }

        return new ResourceDefinition
        {
            Group = group,
            Version = name,
            Kind = names.Kind,
            Plural = names.Plural,
            Singular = names.Singular,
            Namespaced = CrdReader.Namespaced(crd),
            ModelType = typeof(CustomResourceObject),
            ListType = typeof(CustomResourceObject),
            ShortNames = names.ShortNames,
            Categories = names.Categories,
            Subresources = subresources,
            HasGeneration = true,
            Strategy = new CustomResourceStrategy(schema, hasStatus, Columns(version)),
            Custom = new CustomResourceInfo(CrdReader.Name(crd), schema, scale, preserveUnknown, CrdReader.IsDeleting(crd)),
        };
    }

    private static IReadOnlyList<PrinterColumnSpec> Columns(JsonObject version) =>
        [.. (version["additionalPrinterColumns"] as JsonArray ?? []).OfType<JsonObject>().Select(c => new PrinterColumnSpec(
            CrdReader.Text(c["name"]) ?? "",
            CrdReader.Text(c["type"]) ?? "string",
            CrdReader.Text(c["format"]) ?? "",
            CrdReader.Text(c["description"]) ?? "",
            c["priority"] is JsonValue p && p.TryGetValue<int>(out var priority) ? priority : 0,
            CrdReader.Text(c["jsonPath"]) ?? ""))];
}
