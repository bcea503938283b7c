using HotspotIntel.Api.Errors;
using HotspotIntel.Core;

namespace HotspotIntel.Api.Input;

/// <summary>Reads a filter given as repeated or comma-separated enum codes (<c>category=party_house,vehicle_pick_up</c>).</summary>
public static class CodeListInput
{
    public static List<TEnum> Read<TEnum>(string[]? values, string field, ValidationErrors errors) where TEnum : struct, Enum
    {
        var parsed = new List<TEnum>();
        foreach (var code in (values ?? []).SelectMany(value => value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)))
        {
            if (EnumCodes<TEnum>.TryParse(code, out var value))
            {
                parsed.Add(value);
            }
            else
            {
                errors.Add(field, NotACode<TEnum>(code));
            }
        }

        return parsed;
    }

    /// <summary>Reads a filter that takes one code; null when absent, or null with the reason in <paramref name="errors"/>.</summary>
    public static TEnum? ReadOne<TEnum>(string? value, string field, ValidationErrors errors) where TEnum : struct, Enum
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        if (EnumCodes<TEnum>.TryParse(value, out var parsed))
        {
            return parsed;
        }

        errors.Add(field, NotACode<TEnum>(value));
        return null;
    }

    private static string NotACode<TEnum>(string code) where TEnum : struct, Enum =>
        $"'{code}' is not one of: {string.Join(", ", EnumCodes<TEnum>.All)}.";
}
