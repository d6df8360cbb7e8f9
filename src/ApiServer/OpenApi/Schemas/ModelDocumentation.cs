using System.Xml;
using System.Xml.Linq;
using k8s.Models;

namespace Orchestrator.ApiServer.OpenApi.Schemas;

/// <summary>
/// The API field descriptions, read from the XML doc comments KubernetesClient ships beside its DLL
/// (KubernetesClient.xml, copied to the output by ApiServer.csproj). They are upstream's Go doc
/// comments, so <c>kubectl explain</c> prints the same text as against kube-apiserver.
/// </summary>
internal sealed class ModelDocumentation
{
    private const string FileName = "KubernetesClient.xml";
    private const string ModelMemberPrefix = "k8s.Models.";

    private readonly FrozenDictionary<string, string> _summaries;

    private ModelDocumentation(FrozenDictionary<string, string> summaries) => _summaries = summaries;

    /// <summary>Loads the file from beside the KubernetesClient assembly or the application; throws when it is missing.</summary>
    public static ModelDocumentation Load()
    {
        var path = Candidates().FirstOrDefault(File.Exists)
            ?? throw new FileNotFoundException(
                $"{FileName} not found beside the KubernetesClient assembly or in {AppContext.BaseDirectory}; " +
                "without it OpenAPI schemas have no descriptions. ApiServer.csproj copies it to the output directory.",
                FileName);
        return Load(path);
    }

    public static ModelDocumentation Load(string path)
    {
        var summaries = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = XmlReader.Create(path, new XmlReaderSettings { IgnoreComments = true });
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Name != "member")
            {
                reader.Read();
                continue;
            }

            var name = reader.GetAttribute("name");
            if (name is null || name.Length < 2 || !name.AsSpan(2).StartsWith(ModelMemberPrefix, StringComparison.Ordinal))
            {
                reader.Skip();
                continue;
            }

            // ReadFrom leaves the reader on the node after the member; summaries may hold <see/> elements,
            // whose text (usually none) XElement.Value flattens.
            var member = (XElement)XNode.ReadFrom(reader);
            if (member.Element("summary") is { } summary)
            {
                summaries[name] = Normalize(summary.Value);
            }
        }

        return new ModelDocumentation(summaries.ToFrozenDictionary(StringComparer.Ordinal));
    }

    /// <summary>The description of a model type, or null.</summary>
    public string? OfType(Type model) => _summaries.GetValueOrDefault("T:" + model.FullName);

    /// <summary>The description of a field, or null.</summary>
    public string? OfProperty(ModelProperty property) =>
        _summaries.GetValueOrDefault($"P:{property.Owner.FullName}.{property.Property.Name}");

    /// <summary>
    /// Undoes the doc comment's line wrapping: lines of a paragraph are joined with spaces, blank
    /// lines stay paragraph breaks, and list items ("- x", "* x") keep their own lines, as upstream's
    /// descriptions have them.
    /// </summary>
    public static string Normalize(string text)
    {
        var result = new StringBuilder(text.Length);
        var pendingBreak = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0)
            {
                pendingBreak = result.Length > 0 ? "\n\n" : "";
                continue;
            }

            if (result.Length > 0)
            {
                var listItem = line.StartsWith("- ", StringComparison.Ordinal) || line.StartsWith("* ", StringComparison.Ordinal);
                result.Append(pendingBreak.Length > 0 ? pendingBreak : listItem ? "\n" : " ");
            }

            result.Append(line);
            pendingBreak = "";
        }

        return result.ToString();
    }

    private static IEnumerable<string> Candidates()
    {
        var assembly = typeof(V1Pod).Assembly.Location;
        if (assembly.Length > 0)
        {
            yield return Path.ChangeExtension(assembly, ".xml");
        }

        yield return Path.Combine(AppContext.BaseDirectory, FileName);
    }
}
