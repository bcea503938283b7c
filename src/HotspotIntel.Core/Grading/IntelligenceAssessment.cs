using System.Text.Json.Serialization;

namespace HotspotIntel.Core.Grading;

/// <summary>How the source came to know the information: the "5" of the 3x5x2 grading.</summary>
public enum IntelligenceAssessment
{
    /// <summary>A: known directly to the source.</summary>
    [JsonStringEnumMemberName("A")] KnownDirectly,

    /// <summary>B: known indirectly to the source, and corroborated.</summary>
    [JsonStringEnumMemberName("B")] KnownIndirectlyCorroborated,

    /// <summary>C: known indirectly to the source.</summary>
    [JsonStringEnumMemberName("C")] KnownIndirectly,

    /// <summary>D: not known.</summary>
    [JsonStringEnumMemberName("D")] NotKnown,

    /// <summary>E: suspected to be false.</summary>
    [JsonStringEnumMemberName("E")] SuspectedFalse,
}
