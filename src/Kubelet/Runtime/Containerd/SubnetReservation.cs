namespace Orchestrator.Kubelet.Runtime.Containerd;

/// <summary>
/// A claim on one network, held as a file named after the network in a host-wide directory and holding the
/// owner's PID; created with CreateNew so two processes never take the same one. Claims of dead processes
/// are stale and ignored (and replaced). Disposing releases the claim.
/// </summary>
public sealed class SubnetReservation : IDisposable
{
    private readonly string _path;

    private SubnetReservation(Ipv4Cidr cidr, string path)
    {
        Cidr = cidr;
        _path = path;
    }

    public Ipv4Cidr Cidr { get; }

    /// <summary>Where claims live: under /run when it exists (cleared at boot), else the temp directory.</summary>
    public static string Directory { get; } = System.IO.Directory.Exists("/run")
        ? "/run/orchestrator/subnets"
        : Path.Combine(Path.GetTempPath(), "orchestrator-subnets");

    /// <summary>The networks claimed by live processes.</summary>
    public static IEnumerable<Ipv4Cidr> Live()
    {
        if (!System.IO.Directory.Exists(Directory))
        {
            yield break;
        }

        foreach (var file in System.IO.Directory.EnumerateFiles(Directory))
        {
            if (FromFileName(Path.GetFileName(file)) is { } cidr && OwnerAlive(file))
            {
                yield return cidr;
            }
        }
    }

    /// <summary>Claims <paramref name="cidr"/>, or returns null when a live process holds it.</summary>
    public static SubnetReservation? TryTake(Ipv4Cidr cidr)
    {
        System.IO.Directory.CreateDirectory(Directory);
        var path = Path.Combine(Directory, FileName(cidr));
        for (var attempt = 0; attempt < 2; attempt++)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write);
                using var writer = new StreamWriter(stream);
                writer.Write(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
                return new SubnetReservation(cidr, path);
            }
            catch (IOException) when (File.Exists(path))
            {
                if (OwnerAlive(path))
                {
                    return null;
                }

                File.Delete(path);
            }
        }

        return null;
    }

    public static string FileName(Ipv4Cidr cidr) => cidr.ToString().Replace('/', '_');

    public static Ipv4Cidr? FromFileName(string name) =>
        Ipv4Cidr.TryParse(name.Replace('_', '/'), out var cidr) ? cidr : null;

    public void Dispose()
    {
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
            // Already gone: the claim is released either way.
        }
    }

    private static bool OwnerAlive(string path)
    {
        try
        {
            var text = File.ReadAllText(path).Trim();
            // An empty, fresh file is a claim being written right now.
            return (text.Length == 0 && File.GetLastWriteTimeUtc(path) > DateTime.UtcNow.AddSeconds(-10))
                || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) && System.IO.Directory.Exists($"/proc/{pid}"));
        }
        catch (IOException)
        {
            return false;
        }
    }
}
