using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Orchestrator.Testing;

/// <summary>
/// Runs a program on a pseudo-terminal, as a user's shell would (kubectl <c>-t</c> checks that stdin is a
/// terminal and reads its size from it): a python3 relay forks the program onto a pty it controls, sets the
/// window size before the program starts, and later changes it (the kernel then sends SIGWINCH to the
/// program). What the program writes to the terminal is collected; keystrokes are typed through the relay.
/// </summary>
public sealed class PseudoTerminal : IDisposable
{
    // Control lines on the relay's stdin: "w BASE64" types bytes, "r ROWS COLS" resizes the terminal.
    // The relay exits with the program's exit code once the terminal is closed.
    private const string Relay = """
        import base64, fcntl, os, pty, select, struct, sys, termios
        rows, cols = int(sys.argv[1]), int(sys.argv[2])
        pid, fd = pty.fork()
        if pid == 0:
            fcntl.ioctl(0, termios.TIOCSWINSZ, struct.pack('HHHH', rows, cols, 0, 0))
            os.execv(sys.argv[3], sys.argv[3:])
        control = sys.stdin.fileno()
        watched = [fd, control]
        pending = b''
        while True:
            ready, _, _ = select.select(watched, [], [])
            if fd in ready:
                try:
                    data = os.read(fd, 65536)
                except OSError:
                    data = b''
                if not data:
                    break
                sys.stdout.buffer.write(data)
                sys.stdout.buffer.flush()
            if control in ready:
                chunk = os.read(control, 65536)
                if not chunk:
                    watched = [fd]
                pending += chunk
                while b'\n' in pending:
                    line, pending = pending.split(b'\n', 1)
                    verb, _, argument = line.partition(b' ')
                    if verb == b'w':
                        os.write(fd, base64.b64decode(argument))
                    elif verb == b'r':
                        r, c = argument.split()
                        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack('HHHH', int(r), int(c), 0, 0))
        _, status = os.waitpid(pid, 0)
        sys.exit(os.waitstatus_to_exitcode(status))
        """;

    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly Task _reading;
    private int _searchFrom;

    private PseudoTerminal(Process process)
    {
        _process = process;
        _ = process.StandardError.ReadToEndAsync();
        _reading = ReadAsync();
    }

    /// <summary>Everything the program wrote to the terminal so far (with the terminal's \r\n line ends).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts <paramref name="program"/> on a new terminal of <paramref name="rows"/> × <paramref name="columns"/>.</summary>
    public static PseudoTerminal Start(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("python3")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Relay);
        start.ArgumentList.Add(rows.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(columns.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(program);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        return new PseudoTerminal(Process.Start(start) ?? throw new InvalidOperationException("python3 did not start"));
    }

    /// <summary>Types <paramref name="text"/> on the terminal.</summary>
    public async Task TypeAsync(string text) =>
        await ControlAsync("w " + Convert.ToBase64String(Encoding.UTF8.GetBytes(text)));

    /// <summary>Changes the terminal's size; the kernel signals SIGWINCH to the program.</summary>
    public async Task ResizeAsync(int rows, int columns) =>
        await ControlAsync(string.Create(CultureInfo.InvariantCulture, $"r {rows} {columns}"));

    /// <summary>
    /// Waits until the output after the previous match contains <paramref name="text"/>, and moves past it;
    /// throws <see cref="TimeoutException"/> with the whole output when it does not appear in time.
    /// </summary>
    public async Task WaitForAsync(string text, TimeSpan timeout)
    {
        if (!await TryWaitForAsync(text, timeout))
        {
            throw new TimeoutException($"\"{text}\" did not appear on the terminal within {timeout.TotalSeconds:0} s; the terminal shows:\n{Output}");
        }
    }

    /// <summary>As <see cref="WaitForAsync"/>, returning false instead of throwing.</summary>
    public async Task<bool> TryWaitForAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            lock (_output)
            {
                var found = _output.ToString().IndexOf(text, _searchFrom, StringComparison.Ordinal);
                if (found >= 0)
                {
                    _searchFrom = found + text.Length;
                    return true;
                }
            }

            if (DateTime.UtcNow > deadline || _reading.IsCompleted)
            {
                return false;
            }

            await Task.Delay(50);
        }
    }

    /// <summary>Waits for the program to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        try
        {
            await _process.WaitForExitAsync().WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the program on the terminal did not exit within {timeout.TotalSeconds:0} s; the terminal shows:\n{Output}");
        }

        await _reading;
        return _process.ExitCode;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }

    private async Task ControlAsync(string line)
    {
        await _process.StandardInput.WriteAsync(line + "\n");
        await _process.StandardInput.FlushAsync();
    }

    private async Task ReadAsync()
    {
        var buffer = new char[4096];
        while (true)
        {
            var read = await _process.StandardOutput.ReadAsync(buffer);
            if (read == 0)
            {
                return;
            }

            lock (_output)
            {
                _output.Append(buffer, 0, read);
            }
        }
    }
}
