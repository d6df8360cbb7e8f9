using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Orchestrator.Store;
using Orchestrator.Store.Sqlite;
using Xunit.Abstractions;

namespace Orchestrator.Store.Tests.Sqlite;

/// <summary>
/// kill -9 of a process writing to SqliteStore at a random moment loses no acknowledged write and
/// leaves a database that opens, passes SQLite's integrity check and accepts writes.
/// </summary>
public sealed class SqliteCrashTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("orchestrator-crash-").FullName;

    [Fact]
    public async Task Every_acknowledged_write_survives_kill_9_at_a_random_moment()
    {
        var database = Path.Combine(_directory, "state.db");
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"seed {seed}");
        for (var round = 0; round < 3; round++)
        {
            var acknowledged = await WriteUntilKilledAsync(database, $"r{round}", TimeSpan.FromMilliseconds(random.Next(50, 1500)));
            output.WriteLine($"round {round}: {acknowledged.Count} keys acknowledged before kill -9");
            Assert.NotEmpty(acknowledged);

            await using var store = new SqliteStore(new SqliteStoreOptions { Path = database });
            foreach (var (key, value) in acknowledged)
            {
                var stored = await store.GetAsync(key);
                Assert.True(stored is not null, $"acknowledged key {key} is missing after kill -9");
                if (key.Contains("/counter/", StringComparison.Ordinal))
                {
                    // The last increment may have committed without being printed: never less than acknowledged.
                    Assert.True(long.Parse(Encoding.UTF8.GetString(stored.Value), CultureInfo.InvariantCulture) >= long.Parse(value, CultureInfo.InvariantCulture));
                }
                else
                {
                    Assert.Equal(value, Encoding.UTF8.GetString(stored.Value));
                }
            }

            var revision = await store.GetCurrentRevisionAsync();
            var written = await store.CreateAsync($"/crash/r{round}/after", new byte[] { 1 });
            Assert.Equal(revision + 1, written.ModRevision);
        }

        Assert.Equal("ok", IntegrityCheck(database));
    }

    private async Task<Dictionary<string, string>> WriteUntilKilledAsync(string database, string runId, TimeSpan killAfterFirstAck)
    {
        var child = Path.Combine(AppContext.BaseDirectory, "Orchestrator.Store.CrashWriter.dll");
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(child);
        start.ArgumentList.Add(database);
        start.ArgumentList.Add(runId);

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the crash writer");
        var acknowledged = new Dictionary<string, string>();
        var firstAck = new TaskCompletionSource();
        var reading = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                var parts = line.Split(' ');
                if (parts is ["ack", var key, var value, "."])
                {
                    lock (acknowledged)
                    {
                        acknowledged[key] = value;
                    }

                    firstAck.TrySetResult();
                }
            }
        });
        var errors = process.StandardError.ReadToEndAsync();

        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(firstAck.Task, exited, Task.Delay(TimeSpan.FromSeconds(60))) != firstAck.Task)
        {
            throw new InvalidOperationException($"the crash writer acknowledged nothing: {await errors}");
        }

        await Task.Delay(killAfterFirstAck);
        if (process.HasExited)
        {
            throw new InvalidOperationException($"the crash writer stopped by itself: {await errors}");
        }

        // Process.Kill sends SIGKILL on Linux: no managed code of the child runs after this.
        process.Kill();
        await exited;
        await reading;
        return acknowledged;
    }

    private static string IntegrityCheck(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)command.ExecuteScalar()!;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
