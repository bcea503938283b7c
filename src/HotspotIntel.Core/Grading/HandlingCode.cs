using System.Text.Json.Serialization;

namespace HotspotIntel.Core.Grading;

/// <summary>Whether and how a record may be disseminated: the "2" of the 3x5x2 grading.</summary>
public enum HandlingCode
{
    /// <summary>P: lawful sharing permitted.</summary>
    [JsonStringEnumMemberName("P")] LawfulSharingPermitted,

    /// <summary>C: may be disseminated only with the conditions recorded beside it.</summary>
    [JsonStringEnumMemberName("C")] Conditional,
}
