using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Registry.Core.Secrets;

namespace Orchestrator.ApiServer.Tests.Registry.Core.Secrets;

/// <summary>stringData merged into data as base64, winning over the same data key, and never kept.</summary>
public sealed class SecretStrategyTests
{
    [Theory]
    [InlineData("{'stringData':{'password':'s3cr3t'}}", "{'data':{'password':'czNjcjN0'}}")]
    [InlineData("{'data':{'user':'YWRtaW4=','password':'b2xk'},'stringData':{'password':'s3cr3t'}}", "{'data':{'user':'YWRtaW4=','password':'czNjcjN0'}}")]
    [InlineData("{'data':{'user':'YWRtaW4='}}", "{'data':{'user':'YWRtaW4='}}")]
    [InlineData("{'stringData':null,'type':'Opaque'}", "{'type':'Opaque'}")]
    [InlineData("{'stringData':{'ü':'é'}}", "{'data':{'ü':'w6k='}}")]
    public void MergesStringDataIntoData(string secret, string expected)
    {
        var obj = JsonNode.Parse(secret.Replace('\'', '"'))!.AsObject();
        new SecretStrategy().PrepareForCreate(obj);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected.Replace('\'', '"')), obj), obj.ToJsonString());

        var updated = JsonNode.Parse(secret.Replace('\'', '"'))!.AsObject();
        new SecretStrategy().PrepareForUpdate([], updated);
        Assert.True(JsonNode.DeepEquals(obj, updated), updated.ToJsonString());
    }
}
