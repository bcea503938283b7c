using HotspotIntel.Core;

namespace HotspotIntel.Bench.City;

/// <summary>Enum codes as words for narratives and notes: <c>owner_or_licence_holder</c> reads "owner or licence holder".</summary>
internal static class EnumNames
{
    public static string Words<TEnum>(TEnum value) where TEnum : struct, Enum => EnumCodes<TEnum>.ToCode(value).Replace('_', ' ');
}
