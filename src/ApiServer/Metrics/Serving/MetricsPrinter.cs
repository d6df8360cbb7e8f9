using System.Numerics;
using Orchestrator.ApiMachinery.Resources;
using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Metrics.Serving;

/// <summary>
/// metrics-server's table for <c>kubectl get nodemetrics|podmetrics</c>: NAME, cpu, memory (a pod's summed over its
/// containers) and Window.
/// </summary>
internal sealed class MetricsPrinter(bool pods) : ColumnPrinter(
    CommonColumns.Name,
    Column.String("cpu", "", obj => Usage(obj, pods, "cpu")),
    Column.String("memory", "", obj => Usage(obj, pods, "memory")),
    Column.String("Window", "", obj => obj.String("window")))
{
    private static string Usage(JsonObject obj, bool pods, string resource)
    {
        var values = pods ? obj.Objects("containers").Select(c => c.StringOrNull("usage", resource)) : [obj.StringOrNull("usage", resource)];
        Quantity? sum = null;
        foreach (var text in values)
        {
            if (text is not null && Quantity.TryParse(text, out var quantity, out _))
            {
                sum = sum is { } total ? Add(total, quantity) : quantity;
            }
        }

        return sum?.ToString() ?? "0";
    }

    private static Quantity Add(Quantity a, Quantity b)
    {
        var exponent = Math.Min(a.Exponent, b.Exponent);
        var mantissa = (a.Mantissa * BigInteger.Pow(10, a.Exponent - exponent)) + (b.Mantissa * BigInteger.Pow(10, b.Exponent - exponent));
        return new Quantity(mantissa, exponent, a.Format);
    }
}
