using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Records;
using HotspotIntel.Core.Reports;

namespace HotspotIntel.Core.Links;

/// <summary>
/// A recorded relationship between two entities, with a type, a time range and the reports it comes from (its provenance).
/// Exactly the two ends its <see cref="Kind"/> names are set; the database enforces the same.
/// </summary>
public sealed class Link : RecordRestrictions
{
    /// <summary>Which kinds of entity it joins.</summary>
    public LinkKind Kind { get; set; }

    /// <summary>The nature of the relationship.</summary>
    public LinkType LinkType { get; set; }

    /// <summary>The person end (every kind but premises–vehicle).</summary>
    public Guid? PersonId { get; set; }

    /// <summary>The second person of a person–person link.</summary>
    public Guid? RelatedPersonId { get; set; }

    /// <summary>The premises end.</summary>
    public Guid? PremisesId { get; set; }

    /// <summary>The vehicle end.</summary>
    public Guid? VehicleId { get; set; }

    /// <summary>The named public place end.</summary>
    public Guid? LocationId { get; set; }

    /// <summary>The phone number end.</summary>
    public Guid? PhoneNumberId { get; set; }

    /// <summary>The online identifier end.</summary>
    public Guid? OnlineIdentifierId { get; set; }

    /// <summary>The first day the relationship is known to hold.</summary>
    public DateOnly? StartsOn { get; set; }

    /// <summary>The last day it is known to hold; null while current.</summary>
    public DateOnly? EndsOn { get; set; }

    /// <summary>How reliable the source of the link's intelligence is, as its recorder grades it; null when ungraded.</summary>
    public SourceEvaluation? SourceEvaluation { get; set; }

    /// <summary>How the link's intelligence is known, as its recorder grades it; null when ungraded (always with <see cref="SourceEvaluation"/>).</summary>
    public IntelligenceAssessment? IntelligenceAssessment { get; set; }

    /// <summary>Why the link is believed, in the recorder's words.</summary>
    public string? Notes { get; set; }

    /// <summary>The reports the link comes from.</summary>
    public List<IntelligenceReport> SourceReports { get; set; } = [];
}
