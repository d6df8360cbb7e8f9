using System.Security.Cryptography;
using System.Text;
using k8s;
using k8s.Models;
using Orchestrator.ApiServer.Hosting;
using Orchestrator.ApiServer.Storage.Encryption;
using Orchestrator.Store;

namespace Orchestrator.ApiServer.Tests.Storage.Encryption;

public sealed class EncryptingStoreTests
{
    [Fact]
    public void A_value_round_trips_and_is_bound_to_its_storage_key()
    {
        using var transformer = new AesGcmTransformer(RandomNumberGenerator.GetBytes(32));
        var sealedValue = transformer.Encrypt("/registry/secrets/default/a", "hello"u8);

        Assert.StartsWith("k8s:enc:aesgcm:v1:key1:", Encoding.ASCII.GetString(sealedValue));
        Assert.Equal("hello"u8.ToArray(), transformer.Decrypt("/registry/secrets/default/a", sealedValue));
        Assert.ThrowsAny<CryptographicException>(() => transformer.Decrypt("/registry/secrets/default/b", sealedValue));
    }

    [Fact]
    public void A_changed_byte_or_another_key_or_a_truncated_value_does_not_decrypt_and_plaintext_passes_through()
    {
        using var transformer = new AesGcmTransformer(RandomNumberGenerator.GetBytes(32));
        using var other = new AesGcmTransformer(RandomNumberGenerator.GetBytes(32));
        var sealedValue = transformer.Encrypt("k", "secret"u8);
        var tampered = (byte[])sealedValue.Clone();
        tampered[^1] ^= 1;

        Assert.ThrowsAny<CryptographicException>(() => transformer.Decrypt("k", tampered));
        Assert.ThrowsAny<CryptographicException>(() => other.Decrypt("k", sealedValue));
        Assert.ThrowsAny<CryptographicException>(() => transformer.Decrypt("k", sealedValue[..30]));
        Assert.Equal("{\"plain\":1}"u8.ToArray(), transformer.Decrypt("k", "{\"plain\":1}"u8.ToArray()));
    }

    [Fact]
    public void A_key_file_holds_base64_of_an_AES_key()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)) + "\n");
            Assert.Equal(32, AesGcmTransformer.ReadKeyFile(path).Length);
            File.WriteAllText(path, Convert.ToBase64String(RandomNumberGenerator.GetBytes(20)));
            Assert.Contains("20-byte key", Assert.Throws<FormatException>(() => AesGcmTransformer.ReadKeyFile(path)).Message);
            File.WriteAllText(path, "not base64!");
            Assert.Throws<FormatException>(() => AesGcmTransformer.ReadKeyFile(path));
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public async Task Secrets_written_through_the_API_are_ciphertext_in_the_database_and_plaintext_to_clients()
    {
        var directory = Directory.CreateTempSubdirectory("orchestrator-enc-").FullName;
        try
        {
            using var transformer = new AesGcmTransformer(RandomNumberGenerator.GetBytes(32));
            var raw = StoreFactory.Open("sqlite://" + Path.Combine(directory, "state.db"));
            await using var store = new EncryptingStore(raw, transformer, EncryptingStore.SecretsOnly);
            await using (var server = await ApiServerHost.StartAsync(store, new ApiServerOptions { Port = 0 }))
            {
                using var client = new Kubernetes(new KubernetesClientConfiguration { Host = server.Address.ToString() });
                await client.CoreV1.CreateNamespacedSecretAsync(new V1Secret { Metadata = new V1ObjectMeta { Name = "db" }, StringData = new Dictionary<string, string> { ["password"] = "hunter2-plaintext" } }, "default");
                await client.CoreV1.CreateNamespacedConfigMapAsync(new V1ConfigMap { Metadata = new V1ObjectMeta { Name = "cfg" }, Data = new Dictionary<string, string> { ["k"] = "visible" } }, "default");

                var read = await client.CoreV1.ReadNamespacedSecretAsync("db", "default");
                Assert.Equal("hunter2-plaintext", Encoding.UTF8.GetString(read.Data["password"]));
                var listed = await client.CoreV1.ListNamespacedSecretAsync("default");
                Assert.Contains(listed.Items, s => s.Metadata.Name == "db");
            }

            var stored = (await raw.GetAsync("/registry/secrets/default/db"))!.Value;
            Assert.StartsWith("k8s:enc:aesgcm:v1:key1:", Encoding.ASCII.GetString(stored, 0, 23));
            Assert.DoesNotContain("hunter2", Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
            Assert.DoesNotContain(Convert.ToBase64String("hunter2-plaintext"u8), Encoding.UTF8.GetString(stored), StringComparison.Ordinal);
            Assert.Contains("visible", Encoding.UTF8.GetString((await raw.GetAsync("/registry/configmaps/default/cfg"))!.Value), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
