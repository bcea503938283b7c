using System.Buffers.Binary;
using System.Security.Cryptography;

namespace HotspotIntel.Api.Audit;

/// <summary>
/// The keyed seal of an audit entry: HMAC-SHA256 under the sealing key of the previous entry's seal, the entry's id
/// (8 bytes, big-endian) and its SHA-256 hash, so each seal vouches for every entry before it. The hash function is
/// public and the database's owner can recompute it; without the key, nobody can recompute a seal.
/// </summary>
public static class AuditSeal
{
    public const int Length = HMACSHA256.HashSizeInBytes;

    /// <summary>The seal of entry <paramref name="entryId"/>, whose hash is <paramref name="entryHash"/>, under <paramref name="key"/>; <paramref name="previousSeal"/> is the seal of the entry before, or empty for the first entry sealed.</summary>
    public static byte[] Of(byte[] key, ReadOnlySpan<byte> previousSeal, long entryId, ReadOnlySpan<byte> entryHash)
    {
        var message = new byte[previousSeal.Length + sizeof(long) + entryHash.Length];
        previousSeal.CopyTo(message);
        BinaryPrimitives.WriteInt64BigEndian(message.AsSpan(previousSeal.Length), entryId);
        entryHash.CopyTo(message.AsSpan(previousSeal.Length + sizeof(long)));
        return HMACSHA256.HashData(key, message);
    }

    /// <summary>Whether <paramref name="seal"/> is the seal <paramref name="expected"/>, in time that does not depend on where they differ.</summary>
    public static bool Matches(ReadOnlySpan<byte> seal, ReadOnlySpan<byte> expected) => CryptographicOperations.FixedTimeEquals(seal, expected);
}
