namespace Orchestrator.E2E.Tests.Hostile;

/// <summary>Integers out of int64 range or with fractions are rejected; -0 is zero.</summary>
[Collection(HostileCollection.Name)]
public sealed class NumberTests(HostileServerFixture fixture)
{
    private const string Pods = $"/api/v1/namespaces/{HostileServerFixture.Namespace}/pods";
    private const string TwoToThe63 = "9223372036854775808";

    [Theory]
    [InlineData("terminationGracePeriodSeconds")]
    [InlineData("activeDeadlineSeconds")]
    public Task Two_to_the_63_in_an_int64_field_is_a_400_in_json(string field) => fixture.RunCaseAsync(async () =>
    {
        var json = Bodies.PodJson($"big-json-{field.ToLowerInvariant()}", $"\"{field}\":{TwoToThe63}");
        Expect.Status(await fixture.SendAsync(HttpMethod.Post, Pods, "application/json", json), 400, "BadRequest");
    });

    [Theory]
    [InlineData("terminationGracePeriodSeconds")]
    [InlineData("activeDeadlineSeconds")]
    public Task Two_to_the_63_in_an_int64_field_is_a_400_in_yaml(string field) => fixture.RunCaseAsync(async () =>
    {
        var yaml = Bodies.PodYaml($"big-yaml-{field.ToLowerInvariant()}", $"{field}: {TwoToThe63}");
        Expect.Status(await fixture.SendAsync(HttpMethod.Post, Pods, "application/yaml", yaml), 400, "BadRequest");
    });

    [Fact]
    public Task A_fraction_in_an_integer_field_is_a_400() => fixture.RunCaseAsync(async () =>
    {
        var json = Bodies.PodJson("fraction", "\"terminationGracePeriodSeconds\":1.5");
        Expect.Status(await fixture.SendAsync(HttpMethod.Post, Pods, "application/json", json), 400, "BadRequest");
    });

    [Fact]
    public Task Minus_zero_in_an_int64_field_is_stored_as_zero() => fixture.RunCaseAsync(
        async () =>
        {
            var json = Bodies.PodJson("minus-zero", "\"terminationGracePeriodSeconds\":-0");
            Expect.Created(await fixture.SendAsync(HttpMethod.Post, Pods, "application/json", json), "Pod");
            var read = await fixture.SendAsync(HttpMethod.Get, $"{Pods}/minus-zero");
            Assert.True(read.Code == 200, $"expected the pod, got {read}");
            Assert.Equal("0", read.Json!["spec"]!["terminationGracePeriodSeconds"]!.ToJsonString());
        },
        expectedWrites: 1);
}
