using Orchestrator.ApiServer.Errors;
using Orchestrator.ApiServer.Handlers;

namespace Orchestrator.ApiServer.Tests.Handlers;

public sealed class AcceptNegotiationTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*/*")]
    [InlineData("*")]
    [InlineData("application/*")]
    [InlineData("application/json")]
    [InlineData("APPLICATION/JSON")]
    [InlineData("application/yaml")]
    [InlineData("application/vnd.kubernetes.protobuf")]
    [InlineData("application/json, */*")]
    [InlineData("application/xml, application/json;q=0.5")]
    [InlineData("text/html, */*;q=0.1")]
    [InlineData("application/json;stream=watch")]
    [InlineData("application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;g=meta.k8s.io,application/json")]
    [InlineData("application/vnd.kubernetes.protobuf,*/*")]
    [InlineData("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json")]
    public void Accepts_what_the_server_can_answer(string? accept) => Assert.True(AcceptNegotiation.IsAcceptable(accept));

    [Theory]
    [InlineData("application/xml")]
    [InlineData("text/plain")]
    [InlineData("text/*")]
    [InlineData("application/json;q=0")]
    [InlineData("application/json;q=0, text/html")]
    [InlineData("*/*;q=0")]
    [InlineData("application/jsonx")]
    public void Refuses_anything_else(string accept) => Assert.False(AcceptNegotiation.IsAcceptable(accept));

    [Theory]
    [InlineData("application/json;stream=watch", true)]
    [InlineData("application/vnd.kubernetes.protobuf;stream=watch", true)]
    [InlineData("*/*", true)]
    [InlineData("application/yaml", false)]
    [InlineData("application/yaml, application/json;q=0.5", true)]
    public void A_watch_needs_a_media_type_with_a_stream_form(string accept, bool acceptable) =>
        Assert.Equal(acceptable, AcceptNegotiation.IsAcceptable(accept, watch: true));

    [Fact]
    public void A_watchs_refusal_lists_the_stream_media_types()
    {
        var error = Assert.Throws<ApiException>(() => AcceptNegotiation.Require("application/yaml", watch: true));

        Assert.Equal("only the following media types are accepted: application/json;stream=watch, application/vnd.kubernetes.protobuf;stream=watch", error.Message);
    }

    [Fact]
    public void The_refusal_is_upstreams_406()
    {
        var error = Assert.Throws<ApiException>(() => AcceptNegotiation.Require("application/xml"));

        Assert.Equal(406, error.Code);
        Assert.Equal("NotAcceptable", error.Reason);
        Assert.Equal("only the following media types are accepted: application/json, application/yaml, application/vnd.kubernetes.protobuf", error.Message);
    }
}
