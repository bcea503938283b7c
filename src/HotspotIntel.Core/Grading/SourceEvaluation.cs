using System.Text.Json.Serialization;

namespace HotspotIntel.Core.Grading;

/// <summary>How far the source of a piece of intelligence can be trusted: the "3" of the College of Policing 3x5x2 grading.</summary>
public enum SourceEvaluation
{
    /// <summary>1: the source is reliable.</summary>
    [JsonStringEnumMemberName("1")] Reliable,

    /// <summary>2: the source is untested.</summary>
    [JsonStringEnumMemberName("2")] Untested,

    /// <summary>3: the source is not reliable.</summary>
    [JsonStringEnumMemberName("3")] NotReliable,
}
