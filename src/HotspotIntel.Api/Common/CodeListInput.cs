using HotspotIntel.Core;

namespace HotspotIntel.Api.Common;

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
                errors.Add(field, $"'{code}' is not one of: {string.Join(", ", EnumCodes<TEnum>.All)}.");
            }
        }

        return parsed;
    }
}
