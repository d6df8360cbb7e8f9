using System.Text;

namespace Orchestrator.E2E.Tests.Hostile;

/// <summary>Builders for the hostile bodies: deep nesting, alias bombs, wide objects.</summary>
internal static class Bodies
{
    /// <summary>A ConfigMap in JSON with <paramref name="extra"/> (raw JSON members) appended to the top level.</summary>
    public static string ConfigMapJson(string name, string extra = "") =>
        "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"}" + (extra.Length == 0 ? "" : "," + extra) + "}";

    /// <summary>The head of a ConfigMap in YAML; append top-level fields after it.</summary>
    public static string ConfigMapYaml(string name) => $"apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {name}\n";

    /// <summary>A bound pod (spec.nodeName set) in JSON with raw members appended to its spec.</summary>
    public static string PodJson(string name, string specExtra = "") =>
        "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"nodeName\":\"hostile-node\",\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]"
        + (specExtra.Length == 0 ? "" : "," + specExtra) + "}}";

    public static string PodYaml(string name, string specExtra) =>
        $"apiVersion: v1\nkind: Pod\nmetadata:\n  name: {name}\nspec:\n  nodeName: hostile-node\n  containers:\n  - name: c\n    image: busybox\n  {specExtra}\n";

    /// <summary>JSON arrays nested <paramref name="depth"/> levels: [[[...]]].</summary>
    public static string DeepJsonArray(int depth) => new string('[', depth) + new string(']', depth);

    /// <summary>JSON objects nested <paramref name="depth"/> levels: {"a":{"a":...}}.</summary>
    public static string DeepJsonObject(int depth)
    {
        var text = new StringBuilder(depth * 6);
        text.Insert(0, "{\"a\":", depth).Append('1').Append('}', depth);
        return text.ToString();
    }

    /// <summary>YAML flow sequences nested <paramref name="depth"/> levels: [[[...]]].</summary>
    public static string DeepYamlFlow(int depth) => new string('[', depth) + new string(']', depth);

    /// <summary>YAML block sequences nested <paramref name="depth"/> levels on one line: "- - - x", as a field value on its own line.</summary>
    public static string DeepYamlBlock(int depth)
    {
        var text = new StringBuilder("\n  ", depth * 2 + 8);
        text.Insert(text.Length, "- ", depth).Append('x');
        return text.ToString();
    }

    /// <summary>
    /// The billion-laughs document: level 0 holds <paramref name="width"/> strings, each next level
    /// <paramref name="width"/> aliases of the previous one, so the last expands to width^levels nodes.
    /// </summary>
    public static string BillionLaughs(string name, int levels, int width)
    {
        var text = new StringBuilder(ConfigMapYaml(name));
        for (var level = 0; level < levels; level++)
        {
            var anchor = (char)('a' + level);
            var item = level == 0 ? "lol" : "*" + (char)(anchor - 1);
            text.Append(anchor).Append(": &").Append(anchor).Append(" [")
                .AppendJoin(",", Enumerable.Repeat(item, width)).Append("]\n");
        }

        return text.ToString();
    }

    /// <summary>Raw JSON members "u0":0,"u1":0,... to append to an object.</summary>
    public static string UnknownKeys(int count, string prefix = "u") =>
        string.Join(",", Enumerable.Range(0, count).Select(i => $"\"{prefix}{i}\":0"));

    /// <summary>Raw JSON members "k0":"xxx…",... of about <paramref name="totalBytes"/> value bytes.</summary>
    public static string LargeStringMap(int totalBytes, int chunk = 64 * 1024)
    {
        var value = new string('x', chunk);
        return string.Join(",", Enumerable.Range(0, (totalBytes + chunk - 1) / chunk).Select(i => $"\"k{i}\":\"{value}\""));
    }
}
