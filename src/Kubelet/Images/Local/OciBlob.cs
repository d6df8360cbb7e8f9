using System.Security.Cryptography;

namespace Orchestrator.Kubelet.Images.Local;

/// <summary>One content-addressed blob: its bytes, media type and <c>sha256:&lt;hex&gt;</c> digest.</summary>
public sealed class OciBlob
{
    public OciBlob(string mediaType, byte[] content)
    {
        MediaType = mediaType;
        Content = content;
        Digest = DigestOf(content);
    }

    public string MediaType { get; }

    public byte[] Content { get; }

    public string Digest { get; }

    public long Size => Content.LongLength;

    /// <summary>The hex part of the digest: the blob's file name under <c>blobs/sha256/</c>.</summary>
    public string Hex => Digest["sha256:".Length..];

    public static string DigestOf(ReadOnlySpan<byte> content) => "sha256:" + Convert.ToHexStringLower(SHA256.HashData(content));
}
