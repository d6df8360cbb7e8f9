using System.Text.Json.Nodes;
using Orchestrator.ApiServer.CustomResources.Printing;

namespace Orchestrator.ApiServer.Tests.CustomResources.Printing;

public sealed class CustomResourcePrinterTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 10, 0, TimeSpan.Zero);

    [Fact]
    public void Without_columns_the_table_is_name_and_age()
    {
        var printer = new CustomResourcePrinter([]);
        var obj = JsonNode.Parse("""{"metadata":{"name":"a","creationTimestamp":"2026-01-01T00:00:00Z"}}""")!.AsObject();

        Assert.Equal(["Name", "Age"], printer.Columns.Select(c => c.Name));
        Assert.Equal(("name", "date"), (printer.Columns[0].Format, printer.Columns[1].Type));
        Assert.Equal("""["a","10m"]""", printer.Cells(obj, Now).ToJsonString());
    }

    [Fact]
    public void Additional_columns_follow_name_with_their_priority_and_typed_cells()
    {
        var printer = new CustomResourcePrinter(
        [
            new("Replicas", "integer", "", "desired", 0, ".spec.replicas"),
            new("Image", "string", "", "", 1, ".spec.image"),
            new("Ready", "boolean", "", "", 0, ".status.ready"),
            new("Missing", "string", "", "", 0, ".spec.nothing"),
        ]);
        var obj = JsonNode.Parse("""{"metadata":{"name":"a"},"spec":{"replicas":3,"image":"nginx"},"status":{"ready":"yes"}}""")!.AsObject();

        Assert.Equal([0, 0, 1, 0, 0], printer.Columns.Select(c => c.Priority));
        Assert.Equal("""["a",3,"nginx",null,null]""", printer.Cells(obj, Now).ToJsonString());
    }

    [Theory]
    [InlineData("integer", "2.0", "2")]
    [InlineData("number", "2", "2")]
    [InlineData("string", "5", "5")]
    [InlineData("date", "\"2026-01-01T00:09:00Z\"", "60s")]
    [InlineData("date", "\"yesterday\"", "<invalid>")]
    [InlineData("boolean", "\"true\"", "null")]
    public void Cells_are_typed_as_upstreams_cellForJSONValue(string type, string value, string expected) =>
        Assert.Equal(expected, CustomResourcePrinter.Cell(type, JsonNode.Parse(value), Now)?.ToString() ?? "null");
}
