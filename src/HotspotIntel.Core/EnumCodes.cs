using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace HotspotIntel.Core;

/// <summary>
/// The one spelling of each domain enum value, shared by JSON, SQL and CSV: the member's
/// <see cref="JsonStringEnumMemberNameAttribute"/> where it has one (grading letters, security markings),
/// otherwise its name in snake_case (<c>LateNightRefreshment</c> is <c>late_night_refreshment</c>).
/// </summary>
public static class EnumCodes<TEnum> where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<TEnum, string> CodeByValue = Enum.GetValues<TEnum>()
        .ToFrozenDictionary(value => value, CodeOf);

    private static readonly FrozenDictionary<string, TEnum> ValueByCode = CodeByValue
        .ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every code, in declaration order.</summary>
    public static IReadOnlyList<string> All { get; } = Enum.GetValues<TEnum>().Select(value => CodeByValue[value]).ToArray();

    /// <summary>The code of <paramref name="value"/>.</summary>
    public static string ToCode(TEnum value) => CodeByValue[value];

    /// <summary>Parses a code, ignoring case; false for anything not in <see cref="All"/>.</summary>
    public static bool TryParse(string? code, out TEnum value) =>
        ValueByCode.TryGetValue(code?.Trim() ?? "", out value);

    /// <summary>Parses a code that storage wrote; an unknown code there is a broken invariant.</summary>
    public static TEnum Parse(string code) =>
        TryParse(code, out var value) ? value : throw new FormatException($"'{code}' is not a {typeof(TEnum).Name}.");

    private static string CodeOf(TEnum value)
    {
        var name = value.ToString();
        var member = typeof(TEnum).GetField(name, BindingFlags.Public | BindingFlags.Static)!;
        return member.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
            ?? JsonNamingPolicy.SnakeCaseLower.ConvertName(name);
    }
}
