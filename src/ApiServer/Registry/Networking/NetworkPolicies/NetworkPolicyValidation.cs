using Orchestrator.ApiServer.Tables;

namespace Orchestrator.ApiServer.Registry.Networking.NetworkPolicies;

/// <summary>
/// Upstream's ValidateNetworkPolicySpec: the pod selector, each rule's ports (protocol, port, endPort) and
/// peers (exactly one kind of peer when ipBlock is used, CIDRs and their strict-subset exceptions), and
/// at most the two known policy types.
/// </summary>
internal static class NetworkPolicyValidation
{
    private const string CidrMessage = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";
    private static readonly string[] Protocols = ["TCP", "UDP", "SCTP"];
    private static readonly string[] PolicyTypes = ["Ingress", "Egress"];

    public static void Validate(JsonObject policy, List<StatusCause> causes)
    {
        var spec = policy["spec"] as JsonObject;
        LabelSelectorValidation.Validate(spec?["podSelector"] as JsonObject, "spec.podSelector", causes);
        foreach (var (rules, peers) in new[] { ("ingress", "from"), ("egress", "to") })
        {
            var list = spec.Objects(rules);
            for (var i = 0; i < list.Count; i++)
            {
                var path = $"spec.{rules}[{i}]";
                var ports = list[i].Objects("ports");
                for (var p = 0; p < ports.Count; p++)
                {
                    Port(ports[p], $"{path}.ports[{p}]", causes);
                }

                var peerList = list[i].Objects(peers);
                for (var p = 0; p < peerList.Count; p++)
                {
                    Peer(peerList[p], $"{path}.{peers}[{p}]", causes);
                }
            }
        }

        var types = spec.Strings("policyTypes");
        if (types.Count > PolicyTypes.Length)
        {
            causes.Add(FieldErrors.Invalid("spec.policyTypes", $"&[]networking.PolicyType{{{string.Join(", ", types.Select(t => $"\"{t}\""))}}}", "may not specify more than two policyTypes"));
            return;
        }

        for (var i = 0; i < types.Count; i++)
        {
            if (!PolicyTypes.Contains(types[i]))
            {
                causes.Add(FieldErrors.NotSupported($"spec.policyTypes[{i}]", types[i], PolicyTypes));
            }
        }
    }

    private static void Port(JsonObject port, string path, List<StatusCause> causes)
    {
        if (port.StringOrNull("protocol") is { } protocol && !Protocols.Contains(protocol))
        {
            causes.Add(FieldErrors.NotSupported(path + ".protocol", protocol, Protocols));
        }

        var endPort = port.LongOrNull("endPort");
        var value = port["port"];
        if (value is null)
        {
            if (endPort is { } end)
            {
                causes.Add(FieldErrors.InvalidNumber(path + ".endPort", end, "may not be specified when `port` is not specified"));
            }
        }
        else if (value.GetValueKind() == JsonValueKind.String)
        {
            if (endPort is { } end)
            {
                causes.Add(FieldErrors.InvalidNumber(path + ".endPort", end, "may not be specified when `port` is non-numeric"));
            }

            PortValidation.NumberOrName(value, path + ".port", causes);
        }
        else
        {
            PortValidation.NumberOrName(value, path + ".port", causes);
            var number = port.Long("port");
            if (endPort is { } end)
            {
                if (end < number)
                {
                    causes.Add(FieldErrors.InvalidNumber(path + ".endPort", end, "must be greater than or equal to `port`"));
                }

                if (end is < 1 or > 65535)
                {
                    causes.Add(FieldErrors.InvalidNumber(path + ".endPort", end, PortValidation.RangeError));
                }
            }
        }
    }

    private static void Peer(JsonObject peer, string path, List<StatusCause> causes)
    {
        var count = 0;
        foreach (var selector in new[] { "podSelector", "namespaceSelector" })
        {
            if (peer[selector] is JsonObject labelSelector)
            {
                count++;
                LabelSelectorValidation.Validate(labelSelector, $"{path}.{selector}", causes);
            }
        }

        var ipBlock = peer["ipBlock"] as JsonObject;
        if (ipBlock is not null)
        {
            count++;
            IpBlock(ipBlock, path + ".ipBlock", causes);
        }

        if (count == 0)
        {
            causes.Add(FieldErrors.Required(path, "must specify a peer"));
        }
        else if (count > 1 && ipBlock is not null)
        {
            causes.Add(FieldErrors.Forbidden(path, "may not specify both ipBlock and another peer"));
        }
    }

    private static void IpBlock(JsonObject block, string path, List<StatusCause> causes)
    {
        var cidr = block.String("cidr");
        if (cidr.Length == 0)
        {
            causes.Add(FieldErrors.Required(path + ".cidr"));
            return;
        }

        if (!TryParseCidr(cidr, out var network))
        {
            causes.Add(FieldErrors.InvalidText(path + ".cidr", cidr, CidrMessage));
            return;
        }

        var except = block.Strings("except");
        for (var i = 0; i < except.Count; i++)
        {
            var field = $"{path}.except[{i}]";
            if (!TryParseCidr(except[i], out var excluded))
            {
                causes.Add(FieldErrors.InvalidText(field, except[i], CidrMessage));
            }
            else if (!network.Contains(excluded.BaseAddress) || network.PrefixLength >= excluded.PrefixLength)
            {
                causes.Add(FieldErrors.InvalidText(field, except[i], "must be a strict subset of `cidr`"));
            }
        }
    }

    /// <summary>
    /// A CIDR as upstream's ParseCIDRSloppy reads it: an address and a prefix length, host bits allowed
    /// (they are masked off, as the legacy validation accepts them).
    /// </summary>
    private static bool TryParseCidr(string text, out IPNetwork network)
    {
        network = default;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        if (slash < 0
            || !NetworkNames.IsIp(text[..slash])
            || !IPAddress.TryParse(text[..slash], out var address)
            || !int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var length))
        {
            return false;
        }

        var bytes = address.GetAddressBytes();
        if (length > bytes.Length * 8)
        {
            return false;
        }

        for (var bit = length; bit < bytes.Length * 8; bit++)
        {
            bytes[bit / 8] &= (byte)~(0x80 >> (bit % 8));
        }

        network = new IPNetwork(new IPAddress(bytes), length);
        return true;
    }
}
