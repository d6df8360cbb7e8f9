namespace Orchestrator.ApiServer.Validation;

/// <summary>Upstream's IsValidPortNum and IsValidPortName, and a container's ports list.</summary>
internal static class PortValidation
{
    public const string RangeError = "must be between 1 and 65535, inclusive";

    private static readonly string[] Protocols = ["SCTP", "TCP", "UDP"];

    /// <summary>The problems with a port name (IANA_SVC_NAME), empty when it is valid.</summary>
    public static List<string> NameProblems(string name)
    {
        var problems = new List<string>();
        if (name.Length > 15)
        {
            problems.Add("must be no more than 15 characters");
        }

        if (name.Length == 0 || !name.All(c => c == '-' || char.IsAsciiDigit(c) || char.IsAsciiLetterLower(c)))
        {
            problems.Add("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)");
        }

        if (!name.Any(char.IsAsciiLetterLower))
        {
            problems.Add("must contain at least one letter (a-z)");
        }

        if (name.Contains("--", StringComparison.Ordinal))
        {
            problems.Add("must not contain consecutive hyphens");
        }

        if (name.Length > 0 && (name[0] == '-' || name[^1] == '-'))
        {
            problems.Add("must not begin or end with a hyphen");
        }

        return problems;
    }

    /// <summary>An int-or-string port: a number in 1–65535 or a valid port name.</summary>
    public static void NumberOrName(JsonNode? port, string field, List<StatusCause> causes)
    {
        if (port is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            var name = value.GetValue<string>();
            FieldErrors.AddInvalid(causes, field, name, NameProblems(name));
        }
        else
        {
            var number = JsonFields.Integer(port) ?? 0;
            if (number is < 1 or > 65535)
            {
                causes.Add(FieldErrors.InvalidNumber(field, number, RangeError));
            }
        }
    }

    /// <summary>validateContainerPorts: unique valid names, container and host ports in range, a known protocol.</summary>
    public static void ContainerPorts(JsonObject container, string at, List<StatusCause> causes)
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (i, port) in JsonFields.Items(container, "ports"))
        {
            var path = $"{at}.ports[{i}]";
            if (JsonFields.Text(port["name"]) is { Length: > 0 } name)
            {
                var problems = NameProblems(name);
                if (problems.Count > 0)
                {
                    FieldErrors.AddInvalid(causes, $"{path}.name", name, problems);
                }
                else if (!names.Add(name))
                {
                    causes.Add(FieldErrors.Duplicate($"{path}.name", name));
                }
            }

            var containerPort = JsonFields.Integer(port["containerPort"]) ?? 0;
            if (containerPort == 0)
            {
                causes.Add(FieldErrors.Required($"{path}.containerPort"));
            }
            else if (containerPort is < 1 or > 65535)
            {
                causes.Add(FieldErrors.InvalidNumber($"{path}.containerPort", containerPort, RangeError));
            }

            if (JsonFields.Integer(port["hostPort"]) is { } hostPort and not 0 && hostPort is < 1 or > 65535)
            {
                causes.Add(FieldErrors.InvalidNumber($"{path}.hostPort", hostPort, RangeError));
            }

            var protocol = JsonFields.Text(port["protocol"]);
            if (protocol is null or "")
            {
                causes.Add(FieldErrors.Required($"{path}.protocol"));
            }
            else if (!Protocols.Contains(protocol))
            {
                causes.Add(FieldErrors.NotSupported($"{path}.protocol", protocol, Protocols));
            }
        }
    }
}
