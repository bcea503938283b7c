using HotspotIntel.Api.Errors;

namespace HotspotIntel.Api.Input;

/// <summary>
/// Reads the <c>q</c> query parameter of a list: a case-insensitive "contains" search, turned into an <c>ILIKE</c>
/// pattern whose wildcards come only from us, so a <c>%</c> or <c>_</c> the client types matches itself.
/// </summary>
public static class TextSearch
{
    /// <summary>The escape character of the patterns <see cref="Read"/> returns; pass it to <c>EF.Functions.ILike</c>.</summary>
    public const string Escape = "\\";

    private const int MaxLength = 200;

    /// <summary>The pattern for <paramref name="q"/>, null when there is nothing to search for, or null with the reason in <paramref name="errors"/>.</summary>
    public static string? Read(string? q, ValidationErrors errors)
    {
        if (string.IsNullOrWhiteSpace(q))
        {
            return null;
        }

        if (q.Length > MaxLength)
        {
            errors.Add("q", $"At most {MaxLength} characters.");
            return null;
        }

        var literal = q.Trim().Replace(Escape, Escape + Escape).Replace("%", Escape + "%").Replace("_", Escape + "_");
        return $"%{literal}%";
    }
}
