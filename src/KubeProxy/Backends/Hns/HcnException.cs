namespace Orchestrator.KubeProxy.Backends.Hns;

/// <summary>A failed HCN call: the function, its HRESULT and the ErrorRecord HNS returned (hcsshim's hcnError).</summary>
public class HcnException : InvalidOperationException
{
    public HcnException(string message, string function, int hresult, string? errorRecord)
        : base(message)
    {
        Function = function;
        HResult = hresult;
        ErrorRecord = errorRecord;
    }

    public HcnException()
        : this("HCN call failed", "", 0, null)
    {
    }

    public HcnException(string message)
        : this(message, "", 0, null)
    {
    }

    public HcnException(string message, Exception innerException)
        : base(message, innerException)
    {
        Function = "";
    }

    public string Function { get; } = "";

    public string? ErrorRecord { get; }
}

/// <summary>The object does not exist (ERROR_NOT_FOUND or an HCN_E_*_NOT_FOUND code).</summary>
public sealed class HcnNotFoundException(string message, string function, int hresult, string? errorRecord)
    : HcnException(message, function, hresult, errorRecord);

/// <summary>HCN_E_PORT_ALREADY_EXISTS: a load balancer with this frontend and port is already programmed.</summary>
public sealed class HcnPortExistsException(string message, string function, int hresult, string? errorRecord)
    : HcnException(message, function, hresult, errorRecord);

/// <summary>E_NOTIMPL: this HNS lacks the operation (kube-proxy then deletes and re-creates instead of modifying).</summary>
public sealed class HcnNotImplementedException(string message, string function, int hresult, string? errorRecord)
    : HcnException(message, function, hresult, errorRecord);
