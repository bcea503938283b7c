using System.Buffers.Text;
using HotspotIntel.Api.Errors;

namespace HotspotIntel.Api.Paging;

/// <summary>
/// Opaque keyset cursors over UUID v7 ids: ids sort by creation time, so "id less than the last one seen"
/// pages newest first without OFFSET and stays correct while rows are added.
/// </summary>
public static class KeysetCursor
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>The length of a cursor: 16 bytes in unpadded base64url.</summary>
    private const int EncodedLength = 22;

    public static string Encode(Guid lastId) => Base64Url.EncodeToString(lastId.ToByteArray(bigEndian: true));

    public static bool TryDecode(string? cursor, out Guid? lastId)
    {
        lastId = null;
        if (string.IsNullOrEmpty(cursor))
        {
            return true;
        }

        // A cursor is exactly what Encode makes: 22 base64url characters. Anything else, whatever its length or
        // content, is refused before decoding, and the round trip rules out padding, whitespace and stray bits.
        Span<byte> bytes = stackalloc byte[16];
        if (cursor.Length != EncodedLength || !Base64Url.IsValid(cursor) || !Base64Url.TryDecodeFromChars(cursor, bytes, out var written) || written != 16)
        {
            return false;
        }

        var id = new Guid(bytes, bigEndian: true);
        if (Encode(id) != cursor)
        {
            return false;
        }

        lastId = id;
        return true;
    }

    /// <summary>Checks the paging parameters into <paramref name="errors"/>; returns the limit to use.</summary>
    public static int ReadPaging(int? limit, string? cursor, ValidationErrors errors, out Guid? after)
    {
        if (!TryDecode(cursor, out after))
        {
            errors.Add("cursor", "Not a cursor this API issued; pass back nextCursor unchanged.");
        }

        if (limit is < 1 or > MaxLimit)
        {
            errors.Add("limit", $"Must be between 1 and {MaxLimit}.");
        }

        return limit ?? DefaultLimit;
    }

    /// <summary>The cursor for the page after <paramref name="page"/>, given that one extra row was fetched to learn whether it exists.</summary>
    public static string? Next<T>(List<T> page, int limit, Func<T, Guid> idOf)
    {
        if (page.Count <= limit)
        {
            return null;
        }

        page.RemoveAt(page.Count - 1);
        return Encode(idOf(page[^1]));
    }
}
