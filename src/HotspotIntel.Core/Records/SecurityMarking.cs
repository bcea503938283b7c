using System.Text.Json.Serialization;

namespace HotspotIntel.Core.Records;

/// <summary>The Government Security Classification marking a record carries and exports stamp on.</summary>
public enum SecurityMarking
{
    /// <summary>OFFICIAL.</summary>
    [JsonStringEnumMemberName("OFFICIAL")] Official,

    /// <summary>OFFICIAL-SENSITIVE: the default for intelligence about children.</summary>
    [JsonStringEnumMemberName("OFFICIAL-SENSITIVE")] OfficialSensitive,
}
