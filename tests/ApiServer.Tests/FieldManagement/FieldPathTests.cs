using System.Text.Json.Nodes;
using Orchestrator.ApiServer.FieldManagement;

namespace Orchestrator.ApiServer.Tests.FieldManagement;

/// <summary>Path elements of keyed list items: the JSON of each key part, joined, as managedFields has always stored them.</summary>
public sealed class FieldPathTests
{
    [Theory]
    [InlineData("name", "\"app\"")]
    [InlineData("name", "\"a\\\"<b>&é\\u0001\\t\"")]
    [InlineData("ip", "\"fd00::1\"")]
    [InlineData("containerPort", "8080")]
    [InlineData("containerPort", "1e3")]
    [InlineData("port", "99999999999999999999")]
    [InlineData("ke\"y", "true")]
    public void A_key_of_one_field_is_its_name_and_value_as_JSON(string name, string value)
    {
        var node = JsonNode.Parse(value)!;

        Assert.Equal("k:{" + FieldPath.Json(name) + ":" + FieldPath.Json(node) + "}", FieldPath.Key(name, node));
    }

    [Theory]
    [InlineData("containerPort", "53", "protocol", "\"UDP\"")]
    [InlineData("protocol", "\"TCP\"", "port", "443")]
    [InlineData("port", "80", "protocol", "\"<SCTP>\"")]
    public void A_key_of_two_fields_orders_them_by_name(string name, string value, string otherName, string otherValue)
    {
        var (first, second) = string.CompareOrdinal(name, otherName) < 0 ? ((name, value), (otherName, otherValue)) : ((otherName, otherValue), (name, value));
        var expected = "k:{" + FieldPath.Json(first.Item1) + ":" + FieldPath.Json(JsonNode.Parse(first.Item2)) + ","
            + FieldPath.Json(second.Item1) + ":" + FieldPath.Json(JsonNode.Parse(second.Item2)) + "}";

        Assert.Equal(expected, FieldPath.Key(name, JsonNode.Parse(value)!, otherName, JsonNode.Parse(otherValue)));
    }
}
