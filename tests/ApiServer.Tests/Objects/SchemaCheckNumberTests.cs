using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;
using Orchestrator.ApiServer.Objects;
using Orchestrator.ApiServer.Serialization;

namespace Orchestrator.ApiServer.Tests.Objects;

/// <summary>Integer fields read as Go's decoder reads them into int64/int32.</summary>
public sealed class SchemaCheckNumberTests
{
    [Theory]
    [InlineData("30", "30")]
    [InlineData("-0", "0")]
    [InlineData("9223372036854775807", "9223372036854775807")]
    [InlineData("-9223372036854775808", "-9223372036854775808")]
    public void JsonIntegersInRangeAreCanonical(string literal, string stored)
    {
        var pod = Pod($"{{\"spec\":{{\"terminationGracePeriodSeconds\":{literal}}}}}");
        var check = SchemaCheck.Run(pod, typeof(V1Pod));
        Assert.Empty(check.WrongTypes);
        Assert.Equal(stored, pod["spec"]!["terminationGracePeriodSeconds"]!.ToJsonString());
    }

    [Theory]
    [InlineData("9223372036854775808")]
    [InlineData("18446744073709551615")]
    [InlineData("1.0")]
    [InlineData("1.5")]
    [InlineData("1e3")]
    public void JsonNumbersThatAreNotInt64AreRefused(string literal)
    {
        var pod = Pod($"{{\"spec\":{{\"activeDeadlineSeconds\":{literal}}}}}");
        var check = SchemaCheck.Run(pod, typeof(V1Pod));
        Assert.Single(check.WrongTypes);
    }

    [Theory]
    [InlineData("2147483648")]
    [InlineData("-2147483649")]
    public void Int32FieldsRefuseWiderNumbers(string literal)
    {
        var pod = Pod($"{{\"spec\":{{\"containers\":[{{\"name\":\"c\",\"ports\":[{{\"containerPort\":{literal}}}]}}]}}}}");
        Assert.Single(SchemaCheck.Run(pod, typeof(V1Pod)).WrongTypes);
    }

    [Theory]
    [InlineData("spec: {terminationGracePeriodSeconds: 9223372036854775808}", false, "")]
    [InlineData("spec: {terminationGracePeriodSeconds: 1.0}", true, "1")]
    [InlineData("spec: {terminationGracePeriodSeconds: 1.5}", false, "")]
    [InlineData("spec: {terminationGracePeriodSeconds: -0}", true, "0")]
    public void YamlNumbers(string yaml, bool accepted, string stored)
    {
        var pod = YamlToJson.Convert(yaml)!.AsObject();
        var check = SchemaCheck.Run(pod, typeof(V1Pod));
        Assert.Equal(accepted, check.WrongTypes.Count == 0);
        if (accepted)
        {
            Assert.Equal(stored, pod["spec"]!["terminationGracePeriodSeconds"]!.ToJsonString());
        }
    }

    [Fact]
    public void ManyUnknownFieldsArePrunedInLinearTime()
    {
        var json = new StringBuilder("{\"metadata\":{\"name\":\"x\"}");
        for (var i = 0; i < 100_000; i++)
        {
            json.Append($",\"u{i}\":{i}");
        }

        var obj = JsonBodyReader.Parse(Encoding.UTF8.GetBytes(json.Append('}').ToString()))!.AsObject();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var check = SchemaCheck.Run(obj, typeof(V1ConfigMap));
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(2), $"took {clock.Elapsed}");
        Assert.Equal(100_000, check.UnknownFields.Count);
        Assert.Equal(["metadata"], obj.Select(p => p.Key));
    }

    private static JsonObject Pod(string json) => JsonBodyReader.Parse(Encoding.UTF8.GetBytes(json))!.AsObject();
}
