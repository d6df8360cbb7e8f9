using System.Text.Json;

namespace Orchestrator.KubeProxy.Backends.Hns;

/// <summary>
/// hcsshim's checkForErrors: a call failed when its HRESULT is a failure <em>or</em> its ErrorRecord is non-empty;
/// the error becomes a typed exception (not found / port exists / not implemented) with hcsshim's message shape
/// <c>hcnCreateLoadBalancer failed in Win32: &lt;text&gt; (0x803b0013) &lt;ErrorRecord&gt;</c>. Pure.
/// </summary>
public static class HcnErrors
{
    public const int ErrorNotFound = unchecked((int)0x80070490);
    public const int NotImplemented = unchecked((int)0x80004001);
    public const int NetworkNotFound = unchecked((int)0x803b0001);
    public const int EndpointNotFound = unchecked((int)0x803b0002);
    public const int PortNotFound = unchecked((int)0x803b0007);
    public const int PortAlreadyExists = unchecked((int)0x803b0013);
    public const int InvalidJson = unchecked((int)0x803b001b);

    /// <summary>
    /// Null when the call succeeded; else the exception to throw. <paramref name="systemMessage"/> is the OS text
    /// for the HRESULT (FormatMessage on Windows); without it the ErrorRecord's <c>Error</c> or a known HCN text is used.
    /// </summary>
    public static HcnException? Check(string function, int hresult, string? errorRecord, string? systemMessage = null)
    {
        ArgumentNullException.ThrowIfNull(function);
        var record = string.IsNullOrEmpty(errorRecord) ? null : errorRecord;
        if (hresult >= 0 && record is null)
        {
            return null;
        }

        var (recordText, recordCode) = Parse(record);
        // A success HRESULT with an ErrorRecord: the record's ErrorCode says what went wrong.
        var code = hresult < 0 ? hresult : recordCode ?? hresult;
        var text = (systemMessage ?? recordText ?? KnownText(code) ?? "unknown error").Trim();
        var message = string.Create(CultureInfo.InvariantCulture, $"{function} failed in Win32: {text} (0x{code:x8})");
        if (record is not null)
        {
            message += " " + record;
        }

        return code switch
        {
            ErrorNotFound or NetworkNotFound or EndpointNotFound or PortNotFound => new HcnNotFoundException(message, function, code, record),
            PortAlreadyExists => new HcnPortExistsException(message, function, code, record),
            NotImplemented => new HcnNotImplementedException(message, function, code, record),
            _ => new HcnException(message, function, code, record),
        };
    }

    private static (string? Text, int? Code) Parse(string? record)
    {
        if (record is null)
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(record);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var text = root.TryGetProperty("Error", out var error) && error.ValueKind == JsonValueKind.String ? error.GetString() : null;
            int? code = root.TryGetProperty("ErrorCode", out var number) && number.TryGetUInt32(out var value) && value != 0 ? unchecked((int)value) : null;
            return (text is { Length: > 0 } ? text : null, code);
        }
        catch (JsonException)
        {
            // Not JSON: the record still marks the call failed and is quoted in the message.
            return (null, null);
        }
    }

    private static string? KnownText(int code) => code switch
    {
        ErrorNotFound => "Element not found.",
        NotImplemented => "Not implemented",
        NetworkNotFound => "The network was not found.",
        EndpointNotFound => "The endpoint was not found.",
        PortNotFound => "The switch-port was not found.",
        PortAlreadyExists => "The specified port already exists.",
        InvalidJson => "The JSON document is invalid.",
        _ => null,
    };
}
