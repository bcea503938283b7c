using System.Buffers.Binary;

namespace HotspotIntel.Bench.City;

/// <summary>
/// Record ids in the shape the API gives them (UUID v7: creation time in milliseconds, then random bits), with the
/// random bits drawn from the city's own generator so the same seed gives the same ids.
/// </summary>
internal static class SyntheticIds
{
    public static Guid Next(Prng prng, DateTimeOffset createdAt)
    {
        Span<byte> bytes = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, (ulong)createdAt.ToUnixTimeMilliseconds() << 16);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], prng.NextUInt64());
        var randomA = prng.NextUInt64();
        bytes[6] = (byte)(0x70 | (randomA & 0x0F));
        bytes[7] = (byte)(randomA >> 8);
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }
}
