namespace HotspotIntel.Api.Common;

/// <summary>Reads free-text fields: trimmed, with their length checked against the column they are stored in.</summary>
public static class TextInput
{
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
