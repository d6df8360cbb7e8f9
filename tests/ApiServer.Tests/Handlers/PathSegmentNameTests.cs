using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Handlers;
using Orchestrator.ApiServer.Registry;

namespace Orchestrator.ApiServer.Tests.Handlers;

public sealed class PathSegmentNameTests
{
    [Theory]
    [InlineData("default", "")]
    [InlineData("a.b", "")]
    [InlineData("...", "")]
    [InlineData(".", "may not be '.'")]
    [InlineData("..", "may not be '..'")]
    [InlineData("a/b", "may not contain '/'")]
    [InlineData("a%b", "may not contain '%'")]
    [InlineData("%/", "may not contain '/';may not contain '%'")]
    public void Problems_are_upstreams_IsValidPathSegmentName(string segment, string problems) =>
        Assert.Equal(problems, string.Join(';', PathSegmentName.Problems(segment)));

    public static TheoryData<string[], string?> Requests => new()
    {
        { ["namespaces", "..", "secrets"], "Namespace parameter invalid: \"..\": may not be '..'" },
        { ["namespaces", ".", "secrets", "x"], "Namespace parameter invalid: \".\": may not be '.'" },
        { ["namespaces", "default", "configmaps", ".."], "Name parameter invalid: \"..\": may not be '..'" },
        { ["namespaces", "default", "configmaps", "a/b", "status"], "Name parameter invalid: \"a/b\": may not contain '/'" },
        { ["namespaces", ".."], "Name parameter invalid: \"..\": may not be '..'" },
        { ["nodes", "%"], "Name parameter invalid: \"%\": may not contain '%'" },
        { ["namespaces", "default", "configmaps", "x"], null },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public void A_namespace_or_name_that_could_address_another_key_is_a_400(string[] segments, string? message)
    {
        if (message is null)
        {
            Assert.NotNull(ResourceRequest.Parse(ResourceRegistry.BuiltIn, "", "v1", segments));
            return;
        }

        var error = Assert.Throws<ApiException>(() => ResourceRequest.Parse(ResourceRegistry.BuiltIn, "", "v1", segments));
        Assert.Equal((400, "BadRequest", message), (error.Code, error.Reason, error.Message));
    }

    [Theory]
    [InlineData("..", "secrets")]
    [InlineData("secrets", "..")]
    [InlineData(".", "")]
    public void Dot_segments_elsewhere_name_nothing(string first, string second) =>
        Assert.Null(ResourceRequest.Parse(ResourceRegistry.BuiltIn, "", "v1", second.Length == 0 ? [first] : [first, "default", second]));
}
