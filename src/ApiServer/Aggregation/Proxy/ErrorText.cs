namespace Orchestrator.ApiServer.Aggregation.Proxy;

/// <summary>An exception's message with its causes' (".NET wraps: 'The SSL connection could not be established' says little without why").</summary>
internal static class ErrorText
{
    public static string Of(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var messages = new List<string>();
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (!messages.Contains(e.Message, StringComparer.Ordinal))
            {
                messages.Add(e.Message);
            }
        }

        return string.Join(": ", messages);
    }
}
