namespace Orchestrator.Kubelet.Volumes;

/// <summary>The <see cref="IMounter"/> of a Linux host: <c>mount -t tmpfs</c>, <c>umount</c> and /proc/self/mountinfo.</summary>
internal sealed class LinuxMounter : IMounter
{
    public Task MountTmpfsAsync(string path, long? sizeBytes, CancellationToken ct)
    {
        var args = new List<string> { "-t", "tmpfs" };
        if (sizeBytes is { } size)
        {
            args.AddRange(["-o", string.Create(CultureInfo.InvariantCulture, $"size={size}")]);
        }

        args.AddRange(["tmpfs", path]);
        return RunAsync("mount", args, ct);
    }

    public Task UnmountAsync(string path, CancellationToken ct) => RunAsync("umount", [path], ct);

    public bool IsMountPoint(string path)
    {
        var full = RealPath.Of(path); // mountinfo shows paths with symlinks resolved
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            // "36 35 98:0 /mnt1 /mnt2 rw,noatime master:1 - ext3 /dev/root rw": field 5 is the mount point, octal-escaped.
            var fields = line.Split(' ');
            if (fields.Length > 4 && Unescape(fields[4]) == full)
            {
                return true;
            }
        }

        return false;
    }

    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var bytes = new List<byte>();
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && i + 3 < field.Length)
            {
                bytes.Add(Convert.ToByte(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(field[i].ToString()));
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static async Task RunAsync(string command, IReadOnlyList<string> args, CancellationToken ct)
    {
        var info = new ProcessStartInfo(command) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{command} could not be started");
        var stderr = process.StandardError.ReadToEndAsync(ct);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new IOException($"{command} {string.Join(' ', args)} failed with exit code {process.ExitCode}: {(await stderr).Trim()} {(await stdout).Trim()}".TrimEnd());
        }
    }
}
