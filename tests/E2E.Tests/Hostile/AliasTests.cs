using System.Text;

namespace Orchestrator.E2E.Tests.Hostile;

/// <summary>YAML alias expansion (billion laughs) and bodies cut off mid-way.</summary>
[Collection(HostileCollection.Name)]
public sealed class AliasTests(HostileServerFixture fixture)
{
    private const string ConfigMaps = $"/api/v1/namespaces/{HostileServerFixture.Namespace}/configmaps";

    [Theory]
    [InlineData(9, 9)]
    [InlineData(7, 9)]
    public Task Billion_laughs_is_a_400_without_expanding(int levels, int width) => fixture.RunCaseAsync(async () =>
    {
        var yaml = Bodies.BillionLaughs($"lol-{levels}x{width}", levels, width);
        var rssBefore = fixture.ReadRssBytes();
        var answer = await fixture.SendAsync(HttpMethod.Post, ConfigMaps, "application/yaml", yaml);
        Expect.Status(answer, 400, "BadRequest", "excessive aliasing");
        var growth = fixture.ReadRssBytes() - rssBefore;
        Assert.True(growth <= HostileServerFixture.RssGrowthLimit, $"{yaml.Length} bytes of YAML grew the server by {growth / (1024 * 1024)} MiB");
    });

    [Fact]
    public Task A_client_disconnecting_mid_body_leaves_the_server_serving() => fixture.RunCaseAsync(async () =>
    {
        var body = Encoding.UTF8.GetBytes(Bodies.ConfigMapJson("cut-off", "\"data\":{" + Bodies.LargeStringMap(2_900_000) + "}"));
        var head = $"POST {ConfigMaps} HTTP/1.1\r\nHost: {fixture.RawAddress.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}";
        await RawHttp.SendAndAbortAsync(fixture.RawAddress, head, body[..(body.Length / 2)]);

        var answer = await fixture.SendAsync(HttpMethod.Get, $"{ConfigMaps}/{HostileServerFixture.PatchTarget}");
        Assert.True(answer.Code == 200, $"the server should still serve after a client hung up mid-body: {answer}");
        Expect.InTime(answer);
        var missing = await fixture.SendAsync(HttpMethod.Get, $"{ConfigMaps}/cut-off");
        Expect.Status(missing, 404, "NotFound");
    });
}
