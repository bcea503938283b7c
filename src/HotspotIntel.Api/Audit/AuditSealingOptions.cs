using Microsoft.Extensions.Options;

namespace HotspotIntel.Api.Audit;

/// <summary>
/// How the audit log is sealed against its own database's owner (configuration section <c>Audit</c>): the key of the
/// keyed seals and checkpoints, which the database never holds, where checkpoints are written, and how often.
/// </summary>
public sealed class AuditSealingOptions
{
    public const string Section = "Audit";

    /// <summary>The smallest key HMAC-SHA256 gets its full strength from.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>The HMAC-SHA256 key, base64, at least 32 bytes; from configuration or the environment (run.sh generates one), never from the database or code.</summary>
    public string? SealingKey { get; set; }

    /// <summary>
    /// The folder, outside the database, that checkpoints are appended to: one file per server, one line per checkpoint.
    /// Servers that verify should share it (or hold a copy), since each checks the checkpoints it can read.
    /// </summary>
    public string CheckpointDirectory { get; set; } = "audit-checkpoints";

    /// <summary>When the sealing job runs (Hangfire cron, UTC): every minute by default, so at most a minute of entries is unsealed.</summary>
    public string SealingCron { get; set; } = "* * * * *";

    /// <summary>What is wrong with these settings, or null when nothing is.</summary>
    public string? Problem()
    {
        Span<byte> key = stackalloc byte[512];
        return string.IsNullOrWhiteSpace(SealingKey)
            ? $"{Section}:SealingKey is not configured: set it to at least {MinimumKeyBytes} random bytes in base64 (run.sh generates one into .data/)."
            : !Convert.TryFromBase64String(SealingKey, key, out var length) || length < MinimumKeyBytes
            ? $"{Section}:SealingKey must be at least {MinimumKeyBytes} bytes (and at most 512) in base64."
            : string.IsNullOrWhiteSpace(CheckpointDirectory) ? $"{Section}:CheckpointDirectory must name a folder." : null;
    }

    /// <summary>The key's bytes; call only on settings without a <see cref="Problem"/>.</summary>
    public byte[] Key() => Convert.FromBase64String(SealingKey!);

    /// <summary>Refuses to start without a usable key: unsealed, the log is only as trustworthy as its database's owner.</summary>
    internal sealed class Validation : IValidateOptions<AuditSealingOptions>
    {
        public ValidateOptionsResult Validate(string? name, AuditSealingOptions options) =>
            options.Problem() is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }
}
