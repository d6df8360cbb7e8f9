namespace Orchestrator.KubeProxy.Backends.Hns;

/// <summary>The computenetwork.dll signatures (ComputeNetwork.h): every function returns an HRESULT, strings are UTF-16.</summary>
public sealed partial class HcnNative
{
    /// <summary>HcnEnumerate{Networks,Endpoints,LoadBalancers}(PCWSTR Query, PWSTR* Result, PWSTR* ErrorRecord).</summary>
    [UnmanagedFunctionPointer(CallingConvention.Winapi, CharSet = CharSet.Unicode)]
    internal delegate int EnumerateFn([MarshalAs(UnmanagedType.LPWStr)] string query, out IntPtr result, out IntPtr errorRecord);

    /// <summary>HcnOpen{Network,Endpoint,LoadBalancer}(REFGUID Id, HCN_X* Handle, PWSTR* ErrorRecord).</summary>
    [UnmanagedFunctionPointer(CallingConvention.Winapi, CharSet = CharSet.Unicode)]
    internal delegate int OpenFn(ref Guid id, out IntPtr handle, out IntPtr errorRecord);

    /// <summary>HcnQuery{X}Properties(HCN_X Handle, PCWSTR Query, PWSTR* Properties, PWSTR* ErrorRecord).</summary>
    [UnmanagedFunctionPointer(CallingConvention.Winapi, CharSet = CharSet.Unicode)]
    internal delegate int QueryFn(IntPtr handle, [MarshalAs(UnmanagedType.LPWStr)] string query, out IntPtr properties, out IntPtr errorRecord);

    /// <summary>HcnClose{X}(HCN_X Handle).</summary>
    [UnmanagedFunctionPointer(CallingConvention.Winapi)]
    internal delegate int CloseFn(IntPtr handle);

    /// <summary>HcnCreateLoadBalancer(REFGUID Id, PCWSTR Settings, HCN_LOADBALANCER* Handle, PWSTR* ErrorRecord).</summary>
    [UnmanagedFunctionPointer(CallingConvention.Winapi, CharSet = CharSet.Unicode)]
    internal delegate int CreateFn(ref Guid id, [MarshalAs(UnmanagedType.LPWStr)] string settings, out IntPtr handle, out IntPtr errorRecord);

    /// <summary>HcnCreateEndpoint(HCN_NETWORK Network, REFGUID Id, PCWSTR Settings, HCN_ENDPOINT* Handle, PWSTR* ErrorRecord).</summary>
    [UnmanagedFunctionPointer(CallingConvention.Winapi, CharSet = CharSet.Unicode)]
    internal delegate int CreateEndpointFn(IntPtr network, ref Guid id, [MarshalAs(UnmanagedType.LPWStr)] string settings, out IntPtr handle, out IntPtr errorRecord);

    /// <summary>HcnModify{X}(HCN_X Handle, PCWSTR Settings, PWSTR* ErrorRecord).</summary>
    [UnmanagedFunctionPointer(CallingConvention.Winapi, CharSet = CharSet.Unicode)]
    internal delegate int ModifyFn(IntPtr handle, [MarshalAs(UnmanagedType.LPWStr)] string settings, out IntPtr errorRecord);

    /// <summary>HcnDelete{X}(REFGUID Id, PWSTR* ErrorRecord).</summary>
    [UnmanagedFunctionPointer(CallingConvention.Winapi, CharSet = CharSet.Unicode)]
    internal delegate int DeleteFn(ref Guid id, out IntPtr errorRecord);
}
