using Orchestrator.Host.Commands;

namespace Orchestrator.Orchestrator.Tests.Commands;

/// <summary>The `store` verbs against a real SQLite store file.</summary>
public sealed class StoreCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("orchestrator-cli-").FullName;

    private string Url => "sqlite://" + Path.Combine(_directory, "state.db");

    [Fact]
    public async Task Put_get_list_del_and_revision_round_trip()
    {
        Assert.Equal((0, "/a = one  (create 2, mod 2)"), await RunAsync("store", "--store", Url, "put", "/a", "one"));
        Assert.Equal((0, "/a = two  (create 2, mod 3)"), await RunAsync("store", "--store", Url, "put", "/a", "two"));
        Assert.Equal((0, "/a = two  (create 2, mod 3)"), await RunAsync("store", "--store", Url, "get", "/a"));
        Assert.Equal((0, "/a = two  (create 2, mod 3)\n# 1 keys at revision 3"), await RunAsync("store", "--store", Url, "list", "/"));
        Assert.Equal((0, "/a = two  (create 2, mod 4)"), await RunAsync("store", "--store", Url, "del", "/a"));
        Assert.Equal((1, "/a not found"), await RunAsync("store", "--store", Url, "get", "/a"));
        Assert.Equal((0, "4"), await RunAsync("store", "--store", Url, "revision"));
    }

    [Fact]
    public async Task Unknown_commands_and_store_errors_exit_non_zero()
    {
        Assert.Equal(2, (await RunAsync("frobnicate")).Code);
        Assert.Equal(2, (await RunAsync("store", "--store", Url, "frobnicate")).Code);
        Assert.Equal(1, (await RunAsync("store", "--store", Url, "del", "/missing")).Code);
        Assert.Equal(1, (await RunAsync("store", "--store", "mysql://x", "revision")).Code);
    }

    private static async Task<(int Code, string Output)> RunAsync(params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter();
        var code = await CommandRouter.RunAsync(args, output, error);
        return (code, output.ToString().TrimEnd('\n'));
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
