using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.Networking.IngressClasses;

/// <summary>ingressclasses: NAME CONTROLLER PARAMETERS AGE (upstream's printIngressClass).</summary>
internal sealed class IngressClassPrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("Controller", "Controller that is responsible for handling this class", obj => obj.String("spec", "controller")),
    Column.String("Parameters", "A reference to a resource with additional parameters", obj => Parameters(obj)),
    CommonColumns.Age)
{
    /// <summary>"Kind[.apiGroup]/name", or "&lt;none&gt;" without parameters.</summary>
    private static string Parameters(JsonObject ingressClass)
    {
        if (ingressClass.At("spec", "parameters") is not JsonObject parameters)
        {
            return "<none>";
        }

        var kind = parameters.String("kind");
        if (parameters.StringOrNull("apiGroup") is { } group)
        {
            kind += "." + group;
        }

        return kind + "/" + parameters.String("name");
    }
}
