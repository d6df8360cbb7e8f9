using System.Runtime.Versioning;
using Microsoft.Win32;

namespace Orchestrator.Kubelet.Node.Windows;

/// <summary>
/// The version from HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion, the values upstream's winstats reads:
/// CurrentMajorVersionNumber, CurrentMinorVersionNumber (DWORDs), CurrentBuildNumber (a string), UBR (a DWORD)
/// and ProductName.
/// </summary>
[SupportedOSPlatform("windows")]
public sealed class RegistryWindowsVersion : IWindowsVersionSource
{
    private const string KeyPath = @"SOFTWARE\Microsoft\Windows NT\CurrentVersion";

    public WindowsVersion Read()
    {
        using var key = Registry.LocalMachine.OpenSubKey(KeyPath) ?? throw new InvalidOperationException($@"HKLM\{KeyPath} cannot be opened");
        var major = Dword(key, "CurrentMajorVersionNumber");
        var minor = Dword(key, "CurrentMinorVersionNumber");
        var buildText = key.GetValue("CurrentBuildNumber") as string;
        if (!WindowsBuild.TryParse($"{major}.{minor}.{buildText}", out var build))
        {
            throw new InvalidOperationException($@"HKLM\{KeyPath}\CurrentBuildNumber is not a build number: ""{buildText}""");
        }

        var ubr = key.GetValue("UBR") is int revision ? revision : 0;
        return new WindowsVersion(build, ubr, key.GetValue("ProductName") as string ?? "Windows");
    }

    private static int Dword(RegistryKey key, string name) =>
        key.GetValue(name) is int value ? value : throw new InvalidOperationException($@"HKLM\{KeyPath}\{name} is not a DWORD");
}
