using System.Runtime.InteropServices;

namespace Orchestrator.ApiServer.Hosting;

/// <summary>What <c>/version</c> reports: the Kubernetes API level this server implements.</summary>
internal static class VersionInfo
{
    public const string Major = "1";
    public const string Minor = "33";
    public const string GitVersion = "v1.33.0-orchestrator";

    public static JsonObject Document() => new()
    {
        ["major"] = Major,
        ["minor"] = Minor,
        ["gitVersion"] = GitVersion,
        ["gitCommit"] = "",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2026-11-22T00:00:00Z",
        ["goVersion"] = $"dotnet{Environment.Version}",
        ["compiler"] = "dotnet",
        ["platform"] = $"{(OperatingSystem.IsWindows() ? "windows" : "linux")}/{RuntimeInformation.OSArchitecture.ToString().ToLowerInvariant() switch { "x64" => "amd64", var a => a }}",
    };
}
