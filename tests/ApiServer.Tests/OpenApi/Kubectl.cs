namespace Orchestrator.ApiServer.Tests.OpenApi;

/// <summary>Runs the shared real-kubectl runner (tests/Testing) against a bare server URL.</summary>
internal static class Kubectl
{
    public static Task<(int ExitCode, string Output, string Error)> RunAsync(string version, string server, params string[] arguments) =>
        RunWithInputAsync(version, server, stdin: null, arguments);

    public static async Task<(int ExitCode, string Output, string Error)> RunWithInputAsync(string version, string server, string? stdin, params string[] arguments)
    {
        var directory = System.IO.Directory.CreateTempSubdirectory("openapi-kubectl-").FullName;
        try
        {
            using var kubectl = new Orchestrator.Testing.Kubectl(version, Orchestrator.Testing.Kubectl.WriteKubeconfig(directory, server));
            var result = await kubectl.RunWithInputAsync(stdin, arguments);
            return (result.ExitCode, result.Stdout, result.Stderr);
        }
        finally
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }
    }
}
