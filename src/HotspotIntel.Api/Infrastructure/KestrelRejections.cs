using System.Buffers;
using System.IO.Pipelines;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Connections;

namespace HotspotIntel.Api.Infrastructure;

/// <summary>
/// Gives Problem Details bodies to the requests Kestrel refuses before the application runs: a path holding
/// <c>%00</c> (Kestrel decodes the path while parsing the request line and refuses a NUL, with no option to let it
/// through, dotnet/aspnetcore PathNormalizer), a request line over <see cref="RequestLimits.KestrelMaxRequestLineBytes"/>,
/// headers over Kestrel's limit. Kestrel answers those itself with an empty body and <c>Connection: close</c>; this
/// connection middleware recognises that answer as it is written and writes the same status with a body instead.
/// </summary>
internal static class KestrelRejections
{
    /// <summary>For <c>ListenOptions.Use</c>: every connection's output passes through <see cref="RejectionWriter"/>.</summary>
    public static ConnectionDelegate AsProblemDetails(ConnectionDelegate next) => connection =>
    {
        var transport = connection.Transport;
        connection.Transport = new DuplexPipe(transport.Input, new RejectionWriter(transport.Output));
        return next(connection);
    };

    /// <summary>
    /// The replacement for <paramref name="response"/> when it is one of Kestrel's own refusals (a 4xx head with
    /// <c>Content-Length: 0</c> and <c>Connection: close</c>, and nothing after it), or null to send it as it is.
    /// </summary>
    internal static byte[]? Replacement(ReadOnlySpan<byte> response)
    {
        if (response.Length is < 16 or > 1024 || !response.StartsWith("HTTP/1."u8) || response[9] != (byte)'4'
            || !response.EndsWith("\r\n\r\n"u8) || response.IndexOf("\r\n\r\n"u8) != response.Length - 4)
        {
            return null;
        }

        var head = Encoding.ASCII.GetString(response);
        var lines = head[..^4].Split("\r\n");
        var headers = lines.Skip(1).ToList();
        if (!headers.Contains("Content-Length: 0", StringComparer.OrdinalIgnoreCase)
            || !headers.Contains("Connection: close", StringComparer.OrdinalIgnoreCase)
            || !int.TryParse(lines[0].AsSpan(9, 3), out var status))
        {
            return null;
        }

        var (title, detail) = status switch
        {
            StatusCodes.Status400BadRequest => ("The request could not be read.",
                "The path holds a character that is not allowed (such as %00, a NUL), or the request line or a header is malformed."),
            StatusCodes.Status414RequestUriTooLong => ("The request's path and query string are too long.",
                $"The request line is longer than {RequestLimits.KestrelMaxRequestLineBytes} bytes; the API reads at most {RequestLimits.MaxRequestTargetLength} characters of path and query string."),
            StatusCodes.Status431RequestHeaderFieldsTooLarge => ("The request's headers are too large.", "Send fewer or shorter headers."),
            _ => ("The request could not be read.", "Kestrel refused the request before the API could read it."),
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(new
        {
            type = $"https://tools.ietf.org/html/rfc9110#section-15.5.{status - 399}",
            title,
            status,
            detail,
        });
        var kept = headers.Where(header => !header.StartsWith("Content-Length:", StringComparison.OrdinalIgnoreCase));
        var replacement = new StringBuilder()
            .Append(lines[0]).Append("\r\n")
            .AppendJoin("", kept.Select(header => header + "\r\n"))
            .Append("Content-Type: application/problem+json\r\n")
            .Append("X-Content-Type-Options: nosniff\r\n")
            .Append("Cache-Control: no-store\r\n")
            .Append("Content-Length: ").Append(body.Length).Append("\r\n\r\n");
        return [.. Encoding.ASCII.GetBytes(replacement.ToString()), .. body];
    }

    private sealed class DuplexPipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;

        public PipeWriter Output { get; } = output;
    }

    /// <summary>Holds what Kestrel writes until it flushes, so a whole response head can be recognised and replaced.</summary>
    private sealed class RejectionWriter(PipeWriter inner) : PipeWriter
    {
        private readonly ArrayBufferWriter<byte> _pending = new();

        public override bool CanGetUnflushedBytes => true;

        public override long UnflushedBytes => _pending.WrittenCount;

        public override void Advance(int bytes) => _pending.Advance(bytes);

        public override Memory<byte> GetMemory(int sizeHint = 0) => _pending.GetMemory(sizeHint);

        public override Span<byte> GetSpan(int sizeHint = 0) => _pending.GetSpan(sizeHint);

        public override void CancelPendingFlush() => inner.CancelPendingFlush();

        public override ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
        {
            MovePending();
            return inner.FlushAsync(cancellationToken);
        }

        public override void Complete(Exception? exception = null)
        {
            MovePending();
            inner.Complete(exception);
        }

        public override async ValueTask CompleteAsync(Exception? exception = null)
        {
            MovePending();
            await inner.FlushAsync();
            await inner.CompleteAsync(exception);
        }

        private void MovePending()
        {
            if (_pending.WrittenCount == 0)
            {
                return;
            }

            if (Replacement(_pending.WrittenSpan) is { } replacement)
            {
                inner.Write(replacement);
            }
            else
            {
                inner.Write(_pending.WrittenSpan);
            }

            _pending.ResetWrittenCount();
        }
    }
}
