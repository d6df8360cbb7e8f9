namespace Orchestrator.Host.Commands;

/// <summary>
/// The kubelet's client-certificate rotation (upstream's certificate manager): the node runs with a
/// client built from <c>kubelet.kubeconfig</c>; at 80 % of the certificate's lifetime it asks for a new
/// one with a CSR sent under its current identity (approved as <c>selfnodeclient</c>), rewrites the
/// kubeconfig, and restarts what runs on the client with the new one. A failed renewal is retried every
/// minute while the old certificate is still valid.
/// </summary>
internal sealed class ClientCertificateRotation(string kubeconfig, Uri server, X509Certificate2 ca, string nodeName, TextWriter output, TimeProvider time)
{
    public static readonly TimeSpan RetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>
    /// When to renew: 80 % of the way from the start of validity to NotAfter. The start is when the
    /// certificate was received (the kubeconfig written) if that is later than NotBefore: the signer
    /// backdates NotBefore by five minutes, which would otherwise eat a short lifetime.
    /// </summary>
    public static DateTimeOffset Deadline(DateTimeOffset notBefore, DateTimeOffset notAfter, DateTimeOffset received)
    {
        var start = received > notBefore && received < notAfter ? received : notBefore;
        return start + ((notAfter - start) * 0.8);
    }

    /// <summary>Runs <paramref name="body"/> with a client of the current certificate, restarting it on each renewal, until <paramref name="ct"/> stops it or it ends.</summary>
    public async Task RunAsync(Func<IKubernetes, CancellationToken, Task> body, CancellationToken ct)
    {
        while (true)
        {
            var certificate = CurrentCertificate();
            var deadline = Deadline(certificate.NotBefore.ToUniversalTime(), certificate.NotAfter.ToUniversalTime(), File.GetLastWriteTimeUtc(kubeconfig));
            using var client = KubernetesClients.Create(KubeconfigReader.Load(kubeconfig));
            using var cycle = CancellationTokenSource.CreateLinkedTokenSource(ct);
            var running = body(client, cycle.Token);
            var renewed = RenewAtAsync(client, deadline, certificate.NotAfter.ToUniversalTime(), cycle.Token);
            var first = await Task.WhenAny(running, renewed);
            await cycle.CancelAsync();
            if (first == running)
            {
                await running;
                return;
            }

            // The old client's components stop (cancelled); the loop starts them again on the new certificate.
            await running.ContinueWith(_ => { }, TaskScheduler.Default);
            if (ct.IsCancellationRequested)
            {
                return;
            }

            await renewed;
        }
    }

    private X509Certificate2 CurrentCertificate()
    {
        var config = KubeconfigReader.Load(kubeconfig);
        var pem = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(config.ClientCertificateData));
        return Pem.Certificates(pem)[0];
    }

    /// <summary>Waits for the deadline, then renews until the kubeconfig holds a new certificate.</summary>
    private async Task RenewAtAsync(IKubernetes client, DateTimeOffset deadline, DateTimeOffset expiry, CancellationToken ct)
    {
        await DelayUntilAsync(deadline, ct);
        while (true)
        {
            try
            {
                var (certificate, key) = await NodeCertificateRequest.RequestAsync(client, nodeName, RetryDelay, ct);
                using (key)
                {
                    KubeletKubeconfig.Write(kubeconfig, server, ca, certificate, key, "system:node:" + nodeName);
                }

                await output.WriteLineAsync($"orchestrator join: client certificate of system:node:{nodeName} renewed");
                return;
            }
            catch (Exception e) when (e is JoinException or k8s.Autorest.HttpOperationException or HttpRequestException)
            {
                await output.WriteLineAsync($"orchestrator join: renewing the client certificate failed (it expires {expiry:u}): {e.Message}");
                await Task.Delay(RetryDelay, time, ct);
            }
        }
    }

    /// <summary>Task.Delay takes at most ~49 days; certificates live a year.</summary>
    private async Task DelayUntilAsync(DateTimeOffset deadline, CancellationToken ct)
    {
        for (var left = deadline - time.GetUtcNow(); left > TimeSpan.Zero; left = deadline - time.GetUtcNow())
        {
            await Task.Delay(left < TimeSpan.FromDays(1) ? left : TimeSpan.FromDays(1), time, ct);
        }
    }
}
