using System.Buffers.Binary;
using Google.Protobuf;
using Microsoft.AspNetCore.Http;

namespace Orchestrator.Kubelet.Tests.Runtime.Cri.Client;

/// <summary>Unary gRPC on the wire, for hand-written in-test servers: one length-prefixed message each way, status in trailers.</summary>
internal static class GrpcWire
{
    /// <summary>The request message's bytes (one uncompressed message: a flag byte and a 4-byte length, then the message).</summary>
    public static async Task<byte[]> ReadRequestAsync(HttpContext ctx)
    {
        using var body = new MemoryStream();
        await ctx.Request.Body.CopyToAsync(body, ctx.RequestAborted);
        return body.ToArray()[5..];
    }

    public static async Task RespondAsync(HttpContext ctx, IMessage message)
    {
        var payload = message.ToByteArray();
        var frame = new byte[5 + payload.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)payload.Length);
        payload.CopyTo(frame, 5);
        ctx.Response.ContentType = "application/grpc";
        await ctx.Response.Body.WriteAsync(frame);
        ctx.Response.AppendTrailer("grpc-status", "0");
    }

    /// <summary>Ends the call with a non-OK status and no response message.</summary>
    public static void Fail(HttpContext ctx, Grpc.Core.StatusCode code, string message)
    {
        ctx.Response.ContentType = "application/grpc";
        ctx.Response.AppendTrailer("grpc-status", ((int)code).ToString(System.Globalization.CultureInfo.InvariantCulture));
        ctx.Response.AppendTrailer("grpc-message", message);
    }
}
