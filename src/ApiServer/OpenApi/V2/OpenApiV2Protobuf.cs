using Orchestrator.ApiServer.OpenApi.V3;

namespace Orchestrator.ApiServer.OpenApi.V2;

/// <summary>
/// <c>/openapi/v2</c> as a gnostic <c>openapi_v2.Document</c> in protobuf, the only form kubectl
/// 1.27/1.28 fetch. Their field-validation verifier needs, per kind, a PATCH operation carrying the
/// kind's <c>x-kubernetes-group-version-kind</c> and a <c>fieldValidation</c> query parameter; when
/// it finds one, kubectl skips client-side validation and lets the server validate. Field numbers
/// are those of gnostic's OpenAPIv2.proto.
/// </summary>
internal static class OpenApiV2Protobuf
{
    /// <summary>What kubectl puts in Accept.</summary>
    public const string AcceptType = "application/com.github.proto-openapi.spec.v2@v1.0+protobuf";

    /// <summary>What the response must say: Go's MIME parser rejects the "@" spelling kubectl asks with.</summary>
    public const string ContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    /// <summary>Encodes the document for <paramref name="registry"/>, with <paramref name="definitions"/> (an encoded Definitions message) if given.</summary>
    public static byte[] Encode(ResourceRegistry registry, byte[]? definitions = null) => Proto.Message(document =>
    {
        document.String(1, "2.0");
        document.Embedded(2, info =>
        {
            info.String(1, OpenApiInfo.Title);
            info.String(2, OpenApiInfo.Version);
        });
        document.Embedded(8, paths =>
        {
            foreach (var resource in registry.All.Where(r => r.Verbs.Contains("patch")))
            {
                paths.Embedded(2, named =>
                {
                    named.String(1, ItemPath(resource));
                    named.Embedded(2, item => item.Embedded(8, PatchOperation(resource)));
                });
            }
        });
        if (definitions is not null)
        {
            document.Embedded(9, definitions);
        }
    });

    /// <summary>YAML of a vendor extension value, as gnostic's Any carries it.</summary>
    public static string GroupVersionKindYaml(string group, string version, string kind) =>
        $"group: \"{group}\"\nkind: \"{kind}\"\nversion: \"{version}\"\n";

    /// <summary>A NamedAny vendor extension whose value is YAML.</summary>
    public static void VendorExtension(this CodedOutputStream output, int field, string name, string yaml) =>
        output.Embedded(field, named =>
        {
            named.String(1, name);
            named.Embedded(2, any => any.String(2, yaml));
        });

    /// <summary>The item path whose PATCH the verifier inspects.</summary>
    public static string ItemPath(ResourceDefinition resource)
    {
        var prefix = new GroupVersion(resource.Group, resource.Version).PathPrefix;
        return resource.Namespaced
            ? $"{prefix}/namespaces/{{namespace}}/{resource.Plural}/{{name}}"
            : $"{prefix}/{resource.Plural}/{{name}}";
    }

    private static byte[] PatchOperation(ResourceDefinition resource) => Proto.Message(operation =>
    {
        var groupVersion = new GroupVersion(resource.Group, resource.Version);
        operation.String(1, groupVersion.Tag);
        operation.String(3, $"partially update the specified {resource.Kind}");
        operation.String(5, PatchOperationId(resource));
        foreach (var (name, type) in PatchQueryParameters)
        {
            operation.Embedded(8, QueryParameter(name, type));
        }

        operation.VendorExtension(13, "x-kubernetes-action", "patch\n");
        operation.VendorExtension(13, "x-kubernetes-group-version-kind", GroupVersionKindYaml(resource.Group, resource.Version, resource.Kind));
    });

    public static string PatchOperationId(ResourceDefinition resource) =>
        "patch" + new GroupVersion(resource.Group, resource.Version).OperationInfix + (resource.Namespaced ? "Namespaced" : "") + resource.Kind;

    /// <summary>The PATCH query parameters; fieldValidation is the one the verifier needs.</summary>
    public static readonly (string Name, string Type)[] PatchQueryParameters =
        [("dryRun", "string"), ("fieldManager", "string"), ("fieldValidation", "string"), ("force", "boolean")];

    /// <summary>ParametersItem{parameter: Parameter{non_body_parameter: NonBodyParameter{query_parameter_sub_schema}}}.</summary>
    private static byte[] QueryParameter(string name, string type) => Proto.Message(item =>
        item.Embedded(1, parameter =>
            parameter.Embedded(2, nonBody =>
                nonBody.Embedded(3, query =>
                {
                    query.String(2, "query");
                    query.String(4, name);
                    query.String(6, type);
                    query.Bool(20, true);
                }))));
}
