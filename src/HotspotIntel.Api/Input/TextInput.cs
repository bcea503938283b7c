using HotspotIntel.Api.Errors;

namespace HotspotIntel.Api.Input;

/// <summary>Reads free-text fields: trimmed, with their length checked against the column they are stored in.</summary>
public static class TextInput
{
    /// <summary>
    /// Why <paramref name="text"/> cannot be stored as text, or null when it can: PostgreSQL refuses U+0000 and half a
    /// surrogate pair, and other control characters (but tab, line feed and carriage return) are never meant in
    /// anything a person types.
    /// </summary>
    public static string? Unstorable(ReadOnlySpan<char> text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return "Holds half of a UTF-16 surrogate pair, which is not text.";
            }
            else if (char.IsControl(c) && c is not ('\t' or '\n' or '\r'))
            {
                return $"Holds the control character U+{(int)c:X4}; only tab, line feed and carriage return are allowed.";
            }
        }

        return null;
    }

    /// <summary>The trimmed text when it has 1 to <paramref name="maxLength"/> characters; otherwise "" with the reason in <paramref name="errors"/>.</summary>
    public static string Required(string? value, int maxLength, string field, ValidationErrors errors)
    {
        var text = value?.Trim() ?? "";
        if (text.Length is 0 || text.Length > maxLength)
        {
            errors.Add(field, $"Must be 1 to {maxLength} characters.");
            return "";
        }

        return text;
    }

    /// <summary>The trimmed text, or null when blank; null with the reason in <paramref name="errors"/> when longer than <paramref name="maxLength"/>.</summary>
    public static string? Optional(string? value, int maxLength, string field, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        var text = value.Trim();
        if (text.Length > maxLength)
        {
            errors.Add(field, $"At most {maxLength} characters.");
            return null;
        }

        return text;
    }
}
