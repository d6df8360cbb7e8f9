using System.Collections.Concurrent;
using System.Runtime.Versioning;

namespace Orchestrator.KubeProxy.Backends.Hns;

/// <summary>
/// <see cref="IHcn"/> over computenetwork.dll, called as hcsshim calls it: create with an all-zero GUID then query
/// the stored document; list = enumerate GUIDs, then open + query + close each; UTF-16 strings in, HCN-allocated
/// UTF-16 strings out (freed with CoTaskMemFree); a failure HRESULT or a non-empty ErrorRecord throws through
/// <see cref="HcnErrors"/>. The DLL and each export are bound on first use, so a missing export (older Windows) is an
/// <see cref="HcnNotImplementedException"/>, not a crash at start-up.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed partial class HcnNative : IHcn
{
    private const string Library = "computenetwork.dll";
    private readonly Lazy<IntPtr> library = new(Load);
    private readonly ConcurrentDictionary<string, Delegate> exports = new(StringComparer.Ordinal);

    public HcnNetwork? GetNetworkByName(string name)
    {
        var ids = Enumerate("HcnEnumerateNetworks", HcnQuery.ByName(name));
        return ids.Count == 0 ? null : Query<HcnNetwork>("HcnOpenNetwork", "HcnQueryNetworkProperties", "HcnCloseNetwork", ids[0]);
    }

    public IReadOnlyList<HcnEndpoint> ListEndpoints(string networkId) =>
        [.. Enumerate("HcnEnumerateEndpoints", HcnQuery.ByNetwork(networkId)).Select(GetEndpoint)];

    public HcnEndpoint CreateEndpoint(string networkId, HcnEndpoint settings)
    {
        var network = Open("HcnOpenNetwork", networkId);
        try
        {
            var id = Guid.Empty;
            var hr = Export<CreateEndpointFn>("HcnCreateEndpoint")(network, ref id, HcnJson.Serialize(settings), out var endpoint, out var error);
            Check("hcnCreateEndpoint", hr, error);
            try
            {
                return QueryHandle<HcnEndpoint>("HcnQueryEndpointProperties", endpoint);
            }
            finally
            {
                Export<CloseFn>("HcnCloseEndpoint")(endpoint);
            }
        }
        finally
        {
            Export<CloseFn>("HcnCloseNetwork")(network);
        }
    }

    public void DeleteEndpoint(string id) => Delete("HcnDeleteEndpoint", id);

    public IReadOnlyList<HcnLoadBalancer> ListLoadBalancers() =>
        [.. Enumerate("HcnEnumerateLoadBalancers", HcnQuery.All).Select(GetLoadBalancer)];

    public HcnLoadBalancer GetLoadBalancer(string id) =>
        Query<HcnLoadBalancer>("HcnOpenLoadBalancer", "HcnQueryLoadBalancerProperties", "HcnCloseLoadBalancer", id);

    public HcnLoadBalancer CreateLoadBalancer(HcnLoadBalancer settings)
    {
        var id = Guid.Empty;
        var hr = Export<CreateFn>("HcnCreateLoadBalancer")(ref id, HcnJson.Serialize(settings), out var handle, out var error);
        Check("hcnCreateLoadBalancer", hr, error);
        return QueryAndClose("HcnQueryLoadBalancerProperties", "HcnCloseLoadBalancer", handle);
    }

    public HcnLoadBalancer ModifyLoadBalancer(string id, HcnLoadBalancer settings)
    {
        var handle = Open("HcnOpenLoadBalancer", id);
        var closed = false;
        try
        {
            var hr = Export<ModifyFn>("HcnModifyLoadBalancer")(handle, HcnJson.Serialize(settings with { Id = id }), out var error);
            Check("hcnModifyLoadBalancer", hr, error);
            closed = true;
            return QueryAndClose("HcnQueryLoadBalancerProperties", "HcnCloseLoadBalancer", handle);
        }
        finally
        {
            if (!closed)
            {
                Export<CloseFn>("HcnCloseLoadBalancer")(handle);
            }
        }
    }

    public void DeleteLoadBalancer(string id) => Delete("HcnDeleteLoadBalancer", id);

    private HcnEndpoint GetEndpoint(string id) =>
        Query<HcnEndpoint>("HcnOpenEndpoint", "HcnQueryEndpointProperties", "HcnCloseEndpoint", id);

    private List<string> Enumerate(string function, HcnQuery query)
    {
        var hr = Export<EnumerateFn>(function)(HcnJson.Serialize(query), out var result, out var error);
        Check(LowerFirst(function), hr, error);
        var json = TakeString(result);
        return string.IsNullOrEmpty(json) ? [] : HcnJson.Deserialize<List<string>>(json);
    }

    private TResult Query<TResult>(string open, string query, string close, string id)
    {
        var handle = Open(open, id);
        try
        {
            return QueryHandle<TResult>(query, handle);
        }
        finally
        {
            Export<CloseFn>(close)(handle);
        }
    }

    private HcnLoadBalancer QueryAndClose(string query, string close, IntPtr handle)
    {
        try
        {
            return QueryHandle<HcnLoadBalancer>(query, handle);
        }
        finally
        {
            Export<CloseFn>(close)(handle);
        }
    }

    private TResult QueryHandle<TResult>(string function, IntPtr handle)
    {
        var hr = Export<QueryFn>(function)(handle, HcnJson.Serialize(HcnQuery.All), out var properties, out var error);
        Check(LowerFirst(function), hr, error);
        return HcnJson.Deserialize<TResult>(TakeString(properties) ?? "null");
    }

    private IntPtr Open(string function, string id)
    {
        var guid = Guid.Parse(id);
        var hr = Export<OpenFn>(function)(ref guid, out var handle, out var error);
        Check(LowerFirst(function), hr, error);
        return handle;
    }

    private void Delete(string function, string id)
    {
        var guid = Guid.Parse(id);
        var hr = Export<DeleteFn>(function)(ref guid, out var error);
        Check(LowerFirst(function), hr, error);
    }

    private T Export<T>(string name)
        where T : Delegate =>
        (T)exports.GetOrAdd(name, n => NativeLibrary.TryGetExport(library.Value, n, out var address)
            ? Marshal.GetDelegateForFunctionPointer<T>(address)
            : throw new HcnNotImplementedException($"{Library} has no export {n} (this Windows build's HNS lacks it)", n, HcnErrors.NotImplemented, null));

    private static IntPtr Load() =>
        NativeLibrary.TryLoad(Library, typeof(HcnNative).Assembly, DllImportSearchPath.System32, out var handle)
            ? handle
            : throw new HcnException($"{Library} could not be loaded: HCN needs Windows 10 1809 / Windows Server 2019 or later with the Containers feature");

    private static void Check(string function, int hresult, IntPtr errorRecord)
    {
        var record = TakeString(errorRecord);
        if (HcnErrors.Check(function, hresult, record, hresult < 0 ? Marshal.GetPInvokeErrorMessage(hresult) : null) is { } error)
        {
            throw error;
        }
    }

    /// <summary>Reads an HCN-allocated UTF-16 string and frees it (hcsshim's ConvertAndFreeCoTaskMemString).</summary>
    private static string? TakeString(IntPtr pointer)
    {
        if (pointer == IntPtr.Zero)
        {
            return null;
        }

        try
        {
            return Marshal.PtrToStringUni(pointer);
        }
        finally
        {
            Marshal.FreeCoTaskMem(pointer);
        }
    }

    private static string LowerFirst(string function) => char.ToLowerInvariant(function[0]) + function[1..];
}
