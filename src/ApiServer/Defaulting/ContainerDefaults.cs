namespace Orchestrator.ApiServer.Defaulting;

/// <summary>Upstream's SetDefaults_Container, _ContainerPort, _Probe, _HTTPGetAction and _ObjectFieldSelector.</summary>
internal static class ContainerDefaults
{
    public static void Apply(JsonObject container)
    {
        JsonFields.Default(container, "terminationMessagePath", "/dev/termination-log");
        JsonFields.Default(container, "terminationMessagePolicy", "File");
        JsonFields.Default(container, "imagePullPolicy", PullPolicy(JsonFields.Text(container["image"])));
        JsonFields.Default(container, "resources", new JsonObject());
        foreach (var (_, port) in JsonFields.Items(container, "ports"))
        {
            JsonFields.Default(port, "protocol", "TCP");
        }

        foreach (var probe in new[] { "livenessProbe", "readinessProbe", "startupProbe" })
        {
            if (container[probe] is JsonObject p)
            {
                Probe(p);
            }
        }

        if (container["lifecycle"] is JsonObject lifecycle)
        {
            foreach (var hook in new[] { "postStart", "preStop" })
            {
                if (lifecycle[hook]?["httpGet"] is JsonObject get)
                {
                    HttpGet(get);
                }
            }
        }

        foreach (var (_, env) in JsonFields.Items(container, "env"))
        {
            if (env["valueFrom"]?["fieldRef"] is JsonObject fieldRef)
            {
                JsonFields.Default(fieldRef, "apiVersion", "v1");
            }
        }
    }

    /// <summary>Always for an untagged or <c>:latest</c> image, IfNotPresent otherwise (a digest counts as a tag).</summary>
    public static string PullPolicy(string? image)
    {
        if (image is null)
        {
            return "IfNotPresent";
        }

        if (image.Contains('@', StringComparison.Ordinal))
        {
            return "IfNotPresent";
        }

        var lastSlash = image.LastIndexOf('/');
        var colon = image.IndexOf(':', lastSlash + 1);
        var tag = colon < 0 ? "" : image[(colon + 1)..];
        return tag is "" or "latest" ? "Always" : "IfNotPresent";
    }

    private static void Probe(JsonObject probe)
    {
        // Upstream defaults these when zero, so an explicit 0 means the default too.
        DefaultWhenZero(probe, "timeoutSeconds", 1);
        DefaultWhenZero(probe, "periodSeconds", 10);
        DefaultWhenZero(probe, "successThreshold", 1);
        DefaultWhenZero(probe, "failureThreshold", 3);
        if (probe["httpGet"] is JsonObject get)
        {
            HttpGet(get);
        }
    }

    private static void DefaultWhenZero(JsonObject probe, string field, int value)
    {
        if (JsonFields.Integer(probe[field]) is null or 0)
        {
            probe[field] = value;
        }
    }

    private static void HttpGet(JsonObject get)
    {
        JsonFields.Default(get, "path", "/");
        JsonFields.Default(get, "scheme", "HTTP");
    }
}
