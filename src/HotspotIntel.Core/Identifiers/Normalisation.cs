namespace HotspotIntel.Core.Identifiers;

/// <summary>One spelling of a phone number however it was typed, so that the same number is found as one.</summary>
public static class PhoneNumbers
{
    /// <summary>
    /// The number in E.164 form, or null when it cannot be one. Spaces, dashes, dots and brackets are ignored; a number
    /// written <c>+44 (0)7700 900123</c> drops the bracketed trunk zero. A number starting with a single 0 is a UK number
    /// as dialled in the UK (<c>07700 900123</c> is <c>+447700900123</c>); <c>00</c> starts an international number
    /// (<c>0033…</c> is <c>+33…</c>), as does <c>+</c>. Anything else is not a number we can place, and is refused.
    /// </summary>
    public static string? Normalise(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed))
        {
            return null;
        }

        var text = typed.Trim().Replace("(0)", "", StringComparison.Ordinal);
        var international = text.StartsWith('+');
        var digits = new string([.. text.Where(char.IsAsciiDigit)]);
        if (text.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '.' or '(' or ')' or '+')) || text.LastIndexOf('+') > 0)
        {
            return null;
        }

        var e164 = international ? digits
            : digits.StartsWith("00", StringComparison.Ordinal) ? digits[2..]
            : digits.StartsWith('0') ? "44" + digits[1..]
            : null;
        // The database's check: a country code (not 0) and 7 to 15 digits in all.
        return e164 is { Length: >= 7 and <= 15 } && e164[0] != '0' ? "+" + e164 : null;
    }
}

/// <summary>One spelling of an online identifier however it was typed.</summary>
public static class OnlineIdentifiers
{
    /// <summary>
    /// The identifier lower case and trimmed; a handle (social media, messaging, gaming) without a leading <c>@</c>.
    /// Null when nothing is left, when it holds white space, or when an email address is not one (no <c>@</c> before
    /// a dotted domain).
    /// </summary>
    public static string? Normalise(OnlineIdentifierType type, string? typed)
    {
        var value = (typed ?? "").Trim().ToLowerInvariant();
        if (type is OnlineIdentifierType.SocialMedia or OnlineIdentifierType.Messaging or OnlineIdentifierType.Gaming)
        {
            value = value.TrimStart('@');
        }

        if (value.Length is 0 or > 320 || value.Any(char.IsWhiteSpace))
        {
            return null;
        }

        if (type == OnlineIdentifierType.Email)
        {
            var at = value.IndexOf('@', StringComparison.Ordinal);
            var domain = at < 1 ? "" : value[(at + 1)..];
            if (at < 1 || domain.Contains('@', StringComparison.Ordinal) || !domain.Contains('.', StringComparison.Ordinal)
                || domain.StartsWith('.') || domain.EndsWith('.'))
            {
                return null;
            }
        }

        return value;
    }
}
