using Orchestrator.Testing.HelmTemplate;

namespace Orchestrator.Orchestrator.Tests.Chart;

/// <summary>The test renderer of the chart on its own: the Go template subset, and loud failures outside it.</summary>
public sealed class TemplateEngineTests
{
    private static string Render(string template, string valuesYaml = "", string? defines = null)
    {
        var engine = new TemplateEngine();
        if (defines is not null)
        {
            engine.Parse(defines, "_helpers.tpl");
        }

        var nodes = engine.Parse(template, "t.yaml");
        var context = new Dictionary<string, object?>
        {
            ["Values"] = YamlValues.ParseMap(valuesYaml),
            ["Release"] = new Dictionary<string, object?> { ["Name"] = "r", ["Namespace"] = "ns" },
        };
        return engine.Render(nodes, context);
    }

    [Theory]
    [InlineData("a {{ .Values.x }} b", "x: 1", "a 1 b")]
    [InlineData("a\n  {{- .Values.x }}\nb", "x: y", "ay\nb")]
    [InlineData("a {{ .Values.x -}}\n\n  b", "x: y", "a yb")]
    [InlineData("{{/* comment */}}a", "", "a")]
    [InlineData("{{- /* comment */ -}}\n a", "", "a")]
    [InlineData("[{{ .Values.missing }}]", "", "[]")]
    [InlineData("{{ .Release.Name }}/{{ $.Release.Namespace }}", "", "r/ns")]
    [InlineData("{{ if .Values.on }}yes{{ else }}no{{ end }}", "on: false", "no")]
    [InlineData("{{ if .Values.a }}a{{ else if .Values.b }}b{{ else }}c{{ end }}", "b: x", "b")]
    [InlineData("{{ if .Values.list }}x{{ end }}", "list: []", "")]
    [InlineData("{{ with .Values.m }}{{ .k }}{{ else }}none{{ end }}", "m: {k: v}", "v")]
    [InlineData("{{ with .Values.m }}{{ .k }}{{ else }}none{{ end }}", "m: {}", "none")]
    [InlineData("{{ range .Values.l }}[{{ . }}]{{ end }}", "l: [a, b]", "[a][b]")]
    [InlineData("{{ range $i, $v := .Values.l }}{{ $i }}={{ $v }};{{ end }}", "l: [a, b]", "0=a;1=b;")]
    [InlineData("{{ range $k, $v := .Values.m }}{{ $k }}={{ $v }};{{ end }}", "m: {z: 1, a: 2}", "a=2;z=1;")]
    [InlineData("{{ range .Values.l }}x{{ else }}empty{{ end }}", "l: []", "empty")]
    [InlineData("{{ $x := 1 }}{{ range .Values.l }}{{ $x = . }}{{ end }}{{ $x }}", "l: [a, b]", "b")]
    [InlineData("{{ .Values.s | default \"d\" }}", "s: \"\"", "d")]
    [InlineData("{{ .Values.s | default \"d\" }}", "s: v", "v")]
    [InlineData("{{ .Values.s | quote }}", "s: 'a\"b'", "\"a\\\"b\"")]
    [InlineData("{{ printf \"%s-%d-%v-%q\" \"a\" 2 true \"q\" }}", "", "a-2-true-\"q\"")]
    [InlineData("{{ \"abcdef\" | trunc 3 }}|{{ \"abc-\" | trimSuffix \"-\" }}", "", "abc|abc")]
    [InlineData("{{ \"hi\" | b64enc }}", "", "aGk=")]
    [InlineData("{{ and 1 \"\" }}|{{ or 0 \"x\" }}|{{ not true }}", "", "|x|false")]
    [InlineData("{{ and .Values.missing .Values.missing.deeper }}", "", "")]
    [InlineData("{{ eq .Values.t \"ClusterIP\" }}|{{ ne 1 2 }}|{{ gt (int .Values.n) 1 }}", "t: ClusterIP\nn: 3", "true|true|true")]
    [InlineData("{{ (dict \"a\" (list 1 2)).a | toYaml }}", "", "- 1\n- 2")]
    [InlineData("x:{{ .Values.m | toYaml | nindent 2 }}", "m: {b: {c: [1, {d: e}]}, a: 'true'}", "x:\n  a: \"true\"\n  b:\n    c:\n    - 1\n    - d: e")]
    [InlineData("{{ \"a\\nb\" | indent 2 }}", "", "  a\n  b")]
    [InlineData("{{ join \",\" (append (list \"a\") \"b\") }}|{{ len (until 3) }}|{{ index .Values.m \"k.x\" }}", "m: {k.x: 1}", "a,b|3|1")]
    public void RendersTheSubset(string template, string values, string expected) =>
        Assert.Equal(expected, Render(template, values));

    [Fact]
    public void IncludeAndTemplateRenderDefinesWithTheirOwnDot()
    {
        const string defines = """
            {{- define "name" -}}
            {{ .Release.Name }}-x
            {{- end }}
            {{- define "labels" -}}
            app: {{ include "name" .root }}
            component: {{ .component }}
            {{- end }}
            """;
        var text = Render("labels:\n  {{- include \"labels\" (dict \"root\" . \"component\" \"api\") | nindent 2 }}\n{{ template \"name\" . }}", "", defines);
        Assert.Equal("labels:\n  app: r-x\n  component: api\nr-x", text);
    }

    [Theory]
    [InlineData("{{ .Values.x | upper }}", "function \"upper\" is not supported")]
    [InlineData("{{ block \"x\" . }}{{ end }}", "not supported")]
    [InlineData("{{ .Values.missing.deeper }}", "nil pointer evaluating")]
    [InlineData("{{ .Values.m }}", "use toYaml")]
    [InlineData("{{ if .Values.x }}", "missing {{end}}")]
    [InlineData("{{ end }}", "unexpected")]
    [InlineData("{{ .Values.x", "unclosed action")]
    [InlineData("{{ required \"x is required\" .Values.missing }}", "x is required")]
    [InlineData("{{ fail \"stop here\" }}", "stop here")]
    [InlineData("{{ printf \"%5s\" \"a\" }}", "not supported")]
    [InlineData("{{ eq \"1\" 1 }}", "incompatible types")]
    [InlineData("{{ $undefined }}", "undefined variable")]
    [InlineData("{{ include \"nothing\" . }}", "no template \"nothing\"")]
    [InlineData("{{ .Values.x 1 }}", "non-function")]
    public void UnsupportedOrWrongTemplatesFailLoudly(string template, string message)
    {
        var error = Assert.Throws<TemplateException>(() => Render(template, "m: {a: 1}\nx: 1"));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a: 1\nb: 1.5\nc: true\nd: null\ne: '1'\nf: text", "a", typeof(long))]
    [InlineData("a: 1\nb: 1.5", "b", typeof(double))]
    [InlineData("c: true", "c", typeof(bool))]
    [InlineData("e: '1'", "e", typeof(string))]
    public void ValuesKeepYamlScalarTypes(string yaml, string key, Type type) =>
        Assert.IsType(type, YamlValues.ParseMap(yaml)[key]);

    [Fact]
    public void OverridesMergeIntoDefaultsKeyByKey()
    {
        var merged = YamlValues.Merge(YamlValues.ParseMap("a: {b: 1, c: 2}\nd: [1]\ne: x"), YamlValues.ParseMap("a: {c: 3}\nd: [2, 3]\ne: null"));
        Assert.Equal("a:\n  b: 1\n  c: 3\nd:\n- 2\n- 3", YamlWriter.Write(merged));
    }
}
