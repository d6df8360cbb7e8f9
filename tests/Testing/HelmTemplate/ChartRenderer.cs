namespace Orchestrator.Testing.HelmTemplate;

/// <summary>
/// Renders a chart directory the way <c>helm template</c> lays it out: every template is parsed first (defines from
/// every file, <c>_*.tpl</c> included, are shared), then each template whose name does not start with _ is rendered
/// with .Values (values.yaml merged with the overrides), .Release, .Chart (Chart.yaml, capitalized keys) and
/// .Capabilities (a fixed Kubernetes version); a file that renders to white space only is left out. NOTES.txt is
/// rendered apart. Not supported: hooks, subcharts, files (.Files), tpl, lookup against a cluster (always empty),
/// capabilities negotiation.
/// </summary>
public sealed class ChartRenderer
{
    private readonly string _chartDirectory;

    public ChartRenderer(string chartDirectory) => _chartDirectory = chartDirectory;

    public Dictionary<string, object?> DefaultValues() => YamlValues.ParseMap(File.ReadAllText(Path.Combine(_chartDirectory, "values.yaml")));

    /// <summary>Renders the chart; the result maps each template path (templates/x.yaml) to its text.</summary>
    public ChartRender Render(string releaseName, string releaseNamespace, string overridesYaml = "")
    {
        var values = YamlValues.Merge(DefaultValues(), YamlValues.ParseMap(overridesYaml));
        var chart = YamlValues.ParseMap(File.ReadAllText(Path.Combine(_chartDirectory, "Chart.yaml")));
        var context = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            ["Values"] = values,
            ["Release"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["Name"] = releaseName,
                ["Namespace"] = releaseNamespace,
                ["Service"] = "Helm",
                ["IsInstall"] = true,
                ["IsUpgrade"] = false,
                ["Revision"] = 1L,
            },
            ["Chart"] = chart.ToDictionary(p => char.ToUpperInvariant(p.Key[0]) + p.Key[1..], p => p.Value, StringComparer.Ordinal),
            ["Capabilities"] = new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["KubeVersion"] = new Dictionary<string, object?>(StringComparer.Ordinal) { ["Version"] = "v1.33.0", ["Major"] = "1", ["Minor"] = "33" },
            },
        };

        var engine = new TemplateEngine();
        var templates = Path.Combine(_chartDirectory, "templates");
        var parsed = Directory.GetFiles(templates).Order(StringComparer.Ordinal)
            .Select(f => (Name: "templates/" + Path.GetFileName(f), Nodes: engine.Parse(File.ReadAllText(f), Path.GetFileName(f))))
            .ToList();
        var manifests = new SortedDictionary<string, string>(StringComparer.Ordinal);
        string? notes = null;
        foreach (var (name, nodes) in parsed)
        {
            var file = Path.GetFileName(name);
            if (file.StartsWith('_'))
            {
                continue;
            }

            var text = engine.Render(nodes, context);
            if (file == "NOTES.txt")
            {
                notes = text;
            }
            else if (!string.IsNullOrWhiteSpace(text))
            {
                manifests[name] = text;
            }
        }

        return new ChartRender(manifests, notes ?? "");
    }
}

/// <summary>A rendered chart: each template's text, and the rendered NOTES.txt.</summary>
public sealed record ChartRender(IReadOnlyDictionary<string, string> Manifests, string Notes)
{
    /// <summary>Every YAML document of every template, as helm template prints them (split on --- lines), empty ones left out.</summary>
    public IReadOnlyList<(string Template, string Document)> Documents() =>
        [.. Manifests.SelectMany(m => System.Text.RegularExpressions.Regex.Split(m.Value, @"^---\s*$", System.Text.RegularExpressions.RegexOptions.Multiline)
            .Where(d => !string.IsNullOrWhiteSpace(d))
            .Select(d => (m.Key, d)))];

    /// <summary>All documents as one stream, each with helm's "# Source:" comment.</summary>
    public string ToStream() => string.Concat(Documents().Select(d => $"---\n# Source: {d.Template}\n{d.Document.Trim('\n')}\n"));
}

/// <summary>Where the repository's chart is, found from the test's output directory upwards.</summary>
public static class ChartLocation
{
    public static string Orchestrator { get; } = Find(Path.Combine("charts", "orchestrator"));

    private static string Find(string relative)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (File.Exists(Path.Combine(candidate, "Chart.yaml")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException($"{relative}/Chart.yaml not found above {AppContext.BaseDirectory}");
    }
}
