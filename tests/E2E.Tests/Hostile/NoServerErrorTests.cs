using System.Text;

namespace Orchestrator.E2E.Tests.Hostile;

/// <summary>Inputs that once produced 500s: bad encodings, odd YAML keys, extreme grace periods, short bodies.</summary>
[Collection(HostileCollection.Name)]
public sealed class NoServerErrorTests(HostileServerFixture fixture)
{
    private const string Base = $"/api/v1/namespaces/{HostileServerFixture.Namespace}";

    [Fact]
    public Task Invalid_utf8_in_a_name_is_a_422() => fixture.RunCaseAsync(async () =>
    {
        byte[] body = [.. """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"""u8, 0xff, 0xfe, .. """b"}}"""u8];
        Expect.Status(await fixture.SendAsync(HttpMethod.Post, $"{Base}/configmaps", "application/json", body), 422, "Invalid");
    });

    [Fact]
    public Task A_lone_surrogate_in_a_data_value_is_stored() => fixture.RunCaseAsync(
        async () =>
        {
            var json = Bodies.ConfigMapJson("lone-surrogate", """ "data":{"a":"x\ud800y"} """.Trim());
            Expect.Created(await fixture.SendAsync(HttpMethod.Post, $"{Base}/configmaps", "application/json", json), "ConfigMap");
        },
        expectedWrites: 1);

    [Theory]
    [InlineData("data: {[a]: b}\n")]
    [InlineData("data:\n  ? {a: b}\n  : c\n")]
    public Task A_yaml_key_that_is_not_a_scalar_is_a_400(string data) => fixture.RunCaseAsync(async () =>
    {
        var yaml = Bodies.ConfigMapYaml($"complex-key-{data.Length}") + data;
        Expect.Status(await fixture.SendAsync(HttpMethod.Post, $"{Base}/configmaps", "application/yaml", yaml), 400, "BadRequest");
    });

    [Fact]
    public Task Deleting_a_bound_pod_with_the_largest_grace_period_marks_it_then_grace_zero_removes_it() => fixture.RunCaseAsync(
        async () =>
        {
            Expect.Created(await fixture.SendAsync(HttpMethod.Post, $"{Base}/pods", "application/json", Bodies.PodJson("grace-max")), "Pod");

            var marked = await fixture.SendAsync(HttpMethod.Delete, $"{Base}/pods/grace-max?gracePeriodSeconds=9223372036854775807");
            Assert.True(marked.Code == 200, $"expected 200, got {marked}");
            Expect.InTime(marked);
            var read = await fixture.SendAsync(HttpMethod.Get, $"{Base}/pods/grace-max");
            Assert.True(read.Code == 200 && read.Json?["metadata"]?["deletionTimestamp"] is not null, $"the pod should remain, marked for deletion: {read}");

            var removed = await fixture.SendAsync(HttpMethod.Delete, $"{Base}/pods/grace-max?gracePeriodSeconds=0");
            Assert.True(removed.Code == 200, $"expected 200, got {removed}");
            Expect.Status(await fixture.SendAsync(HttpMethod.Get, $"{Base}/pods/grace-max"), 404, "NotFound");
        },
        expectedWrites: null);

    [Fact]
    public Task A_body_shorter_than_its_content_length_then_a_half_close_is_no_server_error() => fixture.RunCaseAsync(async () =>
    {
        // Kestrel takes the client's FIN as the end of the connection and closes it without an
        // answer; what matters is that it does so at once, without a 500 and with the server alive.
        var answer = await fixture.SendRawAsync(
            $"POST {Base}/configmaps HTTP/1.1",
            ["Content-Type: application/json", "Content-Length: 100"],
            Encoding.ASCII.GetBytes("{\"apiVersi"),
            shutdownSend: true);
        Assert.True(answer.Code is 0 or (>= 400 and < 500), $"expected no answer or a 4xx, got {answer}");
        Assert.True(answer.Elapsed <= Expect.Budget, $"took {answer.Elapsed}");
    });

    [Fact]
    public Task A_body_that_stalls_before_its_content_length_is_a_408_status() => fixture.RunCaseAsync(async () =>
    {
        // The server gives up on a body that stops arriving after its minimum-rate grace period
        // (Kestrel's 5 s), with a Status, not the 500 it once answered after 5.7 s.
        var answer = await fixture.SendRawAsync(
            $"POST {Base}/configmaps HTTP/1.1",
            ["Content-Type: application/json", "Content-Length: 100"],
            Encoding.ASCII.GetBytes("{\"apiVersi"));
        Expect.Status(answer, 408, "Timeout", timeBudget: TimeSpan.FromSeconds(9));
    });
}
