using System.Globalization;
using System.Text;

namespace Orchestrator.Testing.HelmTemplate;

/// <summary>printf with Go's verbs %s, %d, %v, %q and %%; other verbs, flags and widths fail.</summary>
internal static class GoFormat
{
    public static string Sprintf(string format, IReadOnlyList<object?> arguments)
    {
        var text = new StringBuilder();
        var next = 0;
        for (var i = 0; i < format.Length; i++)
        {
            if (format[i] != '%')
            {
                text.Append(format[i]);
                continue;
            }

            if (++i >= format.Length)
            {
                throw new TemplateException($"printf \"{format}\": a lone % at the end");
            }

            var verb = format[i];
            if (verb == '%')
            {
                text.Append('%');
                continue;
            }

            if (next >= arguments.Count)
            {
                throw new TemplateException($"printf \"{format}\": missing argument for %{verb}");
            }

            var argument = arguments[next++];
            text.Append(verb switch
            {
                's' when argument is string s => s,
                'd' when argument is long or int => Convert.ToString(argument, CultureInfo.InvariantCulture),
                'v' when argument is not null and not System.Collections.ICollection => TemplateEngine.Print(argument),
                'q' when argument is string s => TemplateFunctions.GoQuote(s),
                _ => throw new TemplateException($"printf \"{format}\": %{verb} of {TemplateEngine.Describe(argument)} is not supported by this renderer"),
            });
        }

        return next == arguments.Count ? text.ToString() : throw new TemplateException($"printf \"{format}\": {arguments.Count - next} extra argument(s)");
    }
}
