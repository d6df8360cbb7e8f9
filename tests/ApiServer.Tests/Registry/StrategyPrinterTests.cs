using System.Text.Json.Nodes;
using Orchestrator.ApiServer.Registry;
using Orchestrator.ApiServer.Tests.Tables;

namespace Orchestrator.ApiServer.Tests.Registry;

/// <summary>Properties every strategy's printer must have.</summary>
public sealed class StrategyPrinterTests
{
    public static TheoryData<string, string> Resources()
    {
        var data = new TheoryData<string, string>();
        // Create-only reviews are never listed, so they have no table.
        foreach (var resource in ResourceRegistry.BuiltIn.All.Where(r => r.Stored))
        {
            data.Add(resource.Group, resource.Plural);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void Every_kind_prints_one_cell_per_column_even_for_an_empty_object(string group, string plural)
    {
        var printer = Printed.Resource(group, plural).Strategy.Printer;

        Assert.Equal(printer.Columns.Count, printer.Cells([], Printed.Now).Count);
        Assert.Equal(printer.Columns.Count, printer.Cells(Printed.Parse("""{"metadata":{"name":"x"},"spec":7,"status":[]}"""), Printed.Now).Count);
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void Every_kind_has_one_name_column_and_well_formed_columns(string group, string plural)
    {
        var columns = Printed.Resource(group, plural).Strategy.Printer.Columns;

        var name = Assert.Single(columns, c => c.Format == "name");
        Assert.Equal("Name", name.Name);
        Assert.Equal(columns.Count, columns.Select(c => c.Name).Distinct().Count());
        Assert.All(columns, c =>
        {
            Assert.Contains(c.Type, new[] { "string", "integer", "boolean", "date" });
            Assert.InRange(c.Priority, 0, 1);
            Assert.False(string.IsNullOrWhiteSpace(c.Description));
        });
    }

    [Theory]
    [MemberData(nameof(Resources))]
    public void Every_cell_is_a_string_number_or_boolean(string group, string plural)
    {
        var cells = Printed.Resource(group, plural).Strategy.Printer.Cells(Printed.Parse("""{"metadata":{"name":"x"}}"""), Printed.Now);

        Assert.All(cells, cell => Assert.IsAssignableFrom<JsonValue>(cell));
    }

    [Fact]
    public void Only_limitranges_fall_back_to_the_default_table()
    {
        // Roles, ClusterRoles and CustomResourceDefinitions print upstream's NAME, CREATED AT: the default table's very columns.
        // Kinds that are not stored (the reviews) have no table.
        var defaulted = ResourceRegistry.BuiltIn.All
            .Where(r => r.Stored && r.Strategy.Printer.Columns.Any(c => c.Name == "Created At"))
            .Select(r => r.QualifiedResource);

        Assert.Equal(["limitranges", "customresourcedefinitions.apiextensions.k8s.io", "roles.rbac.authorization.k8s.io", "clusterroles.rbac.authorization.k8s.io"], defaulted);
    }
}
