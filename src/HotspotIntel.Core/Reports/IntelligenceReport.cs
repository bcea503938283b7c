using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Records;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Core.Reports;

/// <summary>
/// Something seen, heard or recorded at a place and time, graded 3x5x2 and linked to the persons, premises,
/// vehicles and locations it mentions.
/// </summary>
public sealed class IntelligenceReport : RecordRestrictions
{
    /// <summary>What it is about.</summary>
    public ReportCategory Category { get; set; }

    /// <summary>What was seen or heard, in the recorder's words.</summary>
    public required string Narrative { get; set; }

    /// <summary>When it happened.</summary>
    public DateTimeOffset OccurredAt { get; set; }

    /// <summary>When it was recorded by the agency (may precede <see cref="RecordRestrictions.CreatedAt"/> for imports).</summary>
    public DateTimeOffset RecordedAt { get; set; }

    /// <summary>Where it happened: a point in WGS84 (SRID 4326), longitude first.</summary>
    public required Point Location { get; set; }

    /// <summary>Radius in metres within which the true location lies.</summary>
    public int LocationPrecisionMeters { get; set; }

    /// <summary>Source evaluation (1, 2, 3).</summary>
    public SourceEvaluation SourceEvaluation { get; set; }

    /// <summary>Intelligence assessment (A to E).</summary>
    public IntelligenceAssessment IntelligenceAssessment { get; set; }

    /// <summary>A 5x5x5 grading given before 3x5x2, stored exactly as given and never converted.</summary>
    public string? HistoricGrading { get; set; }

    /// <summary>The day its personal content was erased after review; the place, time, category and grading remain for counts.</summary>
    public DateOnly? ErasedOn { get; set; }

    /// <summary>The bulk import that brought it in, if any.</summary>
    public Guid? ImportId { get; set; }

    /// <summary>
    /// The codes of the risk indicators it records (<see cref="ListedRiskIndicator"/>), each once; kept on erasure, like
    /// the category.
    /// </summary>
    public List<string> IndicatorCodes { get; set; } = [];

    /// <summary>The persons it mentions.</summary>
    public List<Persons.Person> Persons { get; set; } = [];

    /// <summary>The premises it mentions.</summary>
    public List<Premises.Premises> Premises { get; set; } = [];

    /// <summary>The vehicles it mentions.</summary>
    public List<Vehicles.Vehicle> Vehicles { get; set; } = [];

    /// <summary>The named public places it mentions.</summary>
    public List<Locations.Location> Locations { get; set; } = [];

    /// <summary>The phone numbers it mentions.</summary>
    public List<Identifiers.PhoneNumber> PhoneNumbers { get; set; } = [];

    /// <summary>The online identifiers it mentions.</summary>
    public List<Identifiers.OnlineIdentifier> OnlineIdentifiers { get; set; } = [];

    /// <summary>The grading as one value.</summary>
    public Grading.Grading Grading => new(SourceEvaluation, IntelligenceAssessment, HandlingCode, HandlingConditions);
}
