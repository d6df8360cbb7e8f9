using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.Networking.Ingresses;

/// <summary>ingresses: NAME CLASS HOSTS ADDRESS PORTS AGE (upstream's printIngress).</summary>
internal sealed class IngressPrinter() : ColumnPrinter(
    CommonColumns.Name,
    Column.String("Class", "The name of the IngressClass resource that should be used for this Ingress.", obj => obj.StringOrNull("spec", "ingressClassName") ?? "<none>"),
    Column.String("Hosts", "Hosts that incoming requests are matched against before the ingress rule", obj => Hosts(obj)),
    Column.String("Address", "Address is a list containing ingress points for the load-balancer", obj => Address(obj)),
    Column.String("Ports", "Ports of TLS configurations that open", obj => obj.Count("spec", "tls") > 0 ? "80, 443" : "80"),
    CommonColumns.Age)
{
    private const int ShownHosts = 3;

    /// <summary>
    /// Upstream's formatHosts: rule hosts until three are collected (rules without one skipped), "*" when
    /// none; once three are held and another rule follows, " + N more..." with N counted in rules.
    /// </summary>
    private static string Hosts(JsonObject ingress)
    {
        var rules = ingress.Objects("spec", "rules");
        var hosts = new List<string>();
        var more = false;
        foreach (var rule in rules)
        {
            more |= hosts.Count == ShownHosts;
            if (!more && rule.String("host") is { Length: > 0 } host)
            {
                hosts.Add(host);
            }
        }

        if (hosts.Count == 0)
        {
            return "*";
        }

        var text = string.Join(",", hosts);
        return more ? $"{text} + {rules.Count - ShownHosts} more..." : text;
    }

    /// <summary>The load balancer's IPs and hostnames, comma-separated (the server prints wide: never shortened).</summary>
    private static string Address(JsonObject ingress) =>
        string.Join(",", ingress.Objects("status", "loadBalancer", "ingress")
            .Select(i => i.String("ip").Length > 0 ? i.String("ip") : i.String("hostname"))
            .Where(a => a.Length > 0));
}
