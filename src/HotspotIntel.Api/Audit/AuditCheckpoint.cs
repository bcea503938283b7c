using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HotspotIntel.Api.Audit;

/// <summary>
/// What the sealing job vouched for at a time, kept outside the database: the latest entry it sealed, that entry's hash
/// and seal, and when; signed with the sealing key. An entry a checkpoint names must stay in the log as it was, so
/// deleting the newest entries (which leaves a shorter chain that is intact) is caught.
/// </summary>
/// <param name="EntryId">The latest sealed entry.</param>
/// <param name="Hash">Its SHA-256 hash, hex.</param>
/// <param name="Seal">Its seal, hex.</param>
/// <param name="At">When the checkpoint was made.</param>
/// <param name="Signature">HMAC-SHA256 of the other fields under the sealing key, hex.</param>
public sealed record AuditCheckpoint(long EntryId, string Hash, string Seal, DateTimeOffset At, string Signature)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static AuditCheckpoint Signed(byte[] key, long entryId, byte[] hash, byte[] seal, DateTimeOffset at)
    {
        var (hashHex, sealHex) = (Convert.ToHexStringLower(hash), Convert.ToHexStringLower(seal));
        return new(entryId, hashHex, sealHex, at, Convert.ToHexStringLower(Sign(key, entryId, hashHex, sealHex, at)));
    }

    /// <summary>Whether the signature is the sealing key's, in time that does not depend on where it differs.</summary>
    public bool IsSignedWith(byte[] key)
    {
        Span<byte> signature = stackalloc byte[HMACSHA256.HashSizeInBytes];
        return Signature.Length == 2 * signature.Length
            && Convert.FromHexString(Signature, signature, out _, out var written) == System.Buffers.OperationStatus.Done
            && written == signature.Length
            && AuditSeal.Matches(signature, Sign(key, EntryId, Hash, Seal, At));
    }

    /// <summary>One line of a checkpoint file.</summary>
    public string ToLine() => JsonSerializer.Serialize(this, Json);

    /// <summary>The checkpoint a line holds, or null when the line is not one.</summary>
    public static AuditCheckpoint? FromLine(string line)
    {
        try
        {
            return JsonSerializer.Deserialize<AuditCheckpoint>(line, Json) is { Hash: not null, Seal: not null, Signature: not null } checkpoint
                ? checkpoint : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    // A prefix unlike any seal's message, so a checkpoint signature can never pass for a seal or the other way round.
    private static byte[] Sign(byte[] key, long entryId, string hash, string seal, DateTimeOffset at) => HMACSHA256.HashData(key,
        Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"hotspotintel-audit-checkpoint|{entryId}|{hash}|{seal}|{at.UtcTicks}")));
}
