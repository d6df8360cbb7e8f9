using Orchestrator.ControllerManager;

namespace Orchestrator.Host.Commands;

/// <summary>
/// `up`'s part in joining other machines, once it serves TLS with its cluster CA in
/// <c>&lt;data-dir&gt;/pki</c>: the controller manager signs CSRs with that CA, and the join setup runs
/// (<see cref="JoinSetup"/>) and prints the `join` line.
/// </summary>
internal static class UpJoin
{
    public static string CaCertFile(string dataDirectory) => Path.Combine(dataDirectory, "pki", "ca.crt");

    public static string CaKeyFile(string dataDirectory) => Path.Combine(dataDirectory, "pki", "ca.key");

    /// <summary>The controller manager's signing CA: the cluster CA's files, unless given on the command line.</summary>
    public static ControllerManagerOptions WithSigning(ControllerManagerOptions options, string dataDirectory) =>
        options.Signing.CertFile is null && File.Exists(CaCertFile(dataDirectory)) && File.Exists(CaKeyFile(dataDirectory))
            ? options with { Signing = options.Signing with { CertFile = CaCertFile(dataDirectory), KeyFile = CaKeyFile(dataDirectory) } }
            : options;

    /// <summary>Sets up joining and prints the `join` line; nothing on a server without TLS (no machine could join it).</summary>
    public static async Task RunAsync(IKubernetes client, string dataDirectory, Uri serverAddress, IPAddress? advertise, IPAddress bind, TextWriter output, CancellationToken ct)
    {
        if (serverAddress.Scheme != Uri.UriSchemeHttps || !File.Exists(CaCertFile(dataDirectory)))
        {
            return;
        }

        using var ca = Pem.Certificates(await File.ReadAllTextAsync(CaCertFile(dataDirectory), ct))[0];
        var advertised = new UriBuilder(Uri.UriSchemeHttps, JoinSetup.AdvertisedAddress(advertise, bind).ToString(), serverAddress.Port).Uri;
        var line = await JoinSetup.RunAsync(client, advertised, ca, TimeProvider.System, output, ct);
        await output.WriteLineAsync(line);
    }
}
