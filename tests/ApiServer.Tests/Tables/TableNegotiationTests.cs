using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Tests.Tables;

public sealed class TableNegotiationTests
{
    private const string KubectlGet =
        "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json";

    [Theory]
    [InlineData(KubectlGet, true, "meta.k8s.io/v1")]
    [InlineData("application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json", true, "meta.k8s.io/v1beta1")]
    [InlineData("application/json; as=Table; v=v1; g=meta.k8s.io", true, "meta.k8s.io/v1")]
    [InlineData("application/json", false, "meta.k8s.io/v1")]
    [InlineData("application/json, */*", false, "meta.k8s.io/v1")]
    [InlineData("application/vnd.kubernetes.protobuf,application/json", false, "meta.k8s.io/v1")]
    [InlineData("*/*", false, "meta.k8s.io/v1")]
    [InlineData("", false, "meta.k8s.io/v1")]
    [InlineData(null, false, "meta.k8s.io/v1")]
    [InlineData("application/json,application/json;as=Table;v=v1;g=meta.k8s.io", false, "meta.k8s.io/v1")]
    [InlineData("application/json;as=Table;v=v1;g=meta.k8s.io;q=0.5,application/json", false, "meta.k8s.io/v1")]
    [InlineData("application/json;q=0.5,application/json;as=Table;v=v1beta1;g=meta.k8s.io", true, "meta.k8s.io/v1beta1")]
    [InlineData("application/vnd.kubernetes.protobuf;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1;g=meta.k8s.io,application/json", true, "meta.k8s.io/v1")]
    [InlineData("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io,application/json", false, "meta.k8s.io/v1")]
    [InlineData("application/json;as=Table;v=v2;g=meta.k8s.io,application/json", false, "meta.k8s.io/v1")]
    [InlineData("application/json;as=Table;v=v1;g=example.com,application/json", false, "meta.k8s.io/v1")]
    public void Table_is_chosen_only_when_preferred_over_plain_JSON(string? accept, bool wantsTable, string apiVersion)
    {
        Assert.Equal(wantsTable, TableNegotiation.WantsTable(accept));
        Assert.Equal(apiVersion, TableNegotiation.TableApiVersion(accept));
    }

    [Theory]
    [InlineData(null, "Metadata")]
    [InlineData("", "Metadata")]
    [InlineData("Metadata", "Metadata")]
    [InlineData("None", "None")]
    [InlineData("Object", "Object")]
    public void IncludeObject_defaults_to_metadata(string? value, string expected) =>
        Assert.Equal(expected, TableNegotiation.ParseIncludeObject(value).ToString());

    [Theory]
    [InlineData("object")]
    [InlineData("All")]
    public void An_unknown_includeObject_is_a_bad_request(string value)
    {
        var error = Assert.Throws<ApiException>(() => TableNegotiation.ParseIncludeObject(value));

        Assert.Equal(400, error.Code);
        Assert.Equal("BadRequest", error.Reason);
        Assert.Equal($"unrecognized includeObject value: \"{value}\"", error.Message);
    }
}
