using HotspotIntel.Api.Records;
using HotspotIntel.Core.Grading;
using HotspotIntel.Core.Reports;
using HotspotIntel.Core.Spatial;
using NetTopologySuite.Geometries;

namespace HotspotIntel.Api.Reports;

/// <summary>An intelligence report to record, or the new state of one.</summary>
public sealed record ReportRequest : RestrictedRecordRequest
{
    /// <summary>The precision a report has when none is given.</summary>
    public const int DefaultLocationPrecisionMeters = 25;

    /// <summary>What it is about.</summary>
    /// <example>child_with_adults</example>
    public required ReportCategory Category { get; init; }

    /// <summary>
    /// The risk indicators it records: codes from GET /api/risk-indicators, each once; a retired code only if the report
    /// already carries it.
    /// </summary>
    /// <example>["older_boyfriend_or_girlfriend", "gifts_or_money"]</example>
    public IReadOnlyList<string> IndicatorCodes { get; init; } = [];

    /// <summary>What was seen or heard (synthetic data only in tests and demos).</summary>
    /// <example>Two girls of about 14 seen getting into a silver saloon with two older men outside the takeaway at 23:10.</example>
    public required string Narrative { get; init; }

    /// <summary>When it happened (ISO 8601 with offset); not in the future.</summary>
    /// <example>2026-10-14T23:10:00+01:00</example>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>When the agency recorded it; defaults to now.</summary>
    public DateTimeOffset? RecordedAt { get; init; }

    /// <summary>Where it happened: a GeoJSON Point.</summary>
    public required Geometry Location { get; init; }

    /// <summary>The coordinate system of <c>location</c>: EPSG:4326 (default) or EPSG:27700.</summary>
    /// <example>EPSG:4326</example>
    public CoordinateSystem CoordinateSystem { get; init; } = CoordinateSystem.Wgs84;

    /// <summary>Radius in metres within which the true location lies.</summary>
    /// <example>50</example>
    public int LocationPrecisionMeters { get; init; } = DefaultLocationPrecisionMeters;

    /// <summary>1 (reliable), 2 (untested) or 3 (not reliable).</summary>
    /// <example>2</example>
    public required SourceEvaluation SourceEvaluation { get; init; }

    /// <summary>A (known directly) to E (suspected to be false).</summary>
    /// <example>B</example>
    public required IntelligenceAssessment IntelligenceAssessment { get; init; }

    /// <summary>A historic 5x5x5 grading, kept exactly as given (never converted).</summary>
    public string? HistoricGrading { get; init; }

    /// <summary>Persons the report mentions.</summary>
    public IReadOnlyList<Guid> PersonIds { get; init; } = [];

    /// <summary>Premises the report mentions.</summary>
    public IReadOnlyList<Guid> PremisesIds { get; init; } = [];

    /// <summary>Vehicles the report mentions.</summary>
    public IReadOnlyList<Guid> VehicleIds { get; init; } = [];

    /// <summary>Named public places the report mentions.</summary>
    public IReadOnlyList<Guid> LocationIds { get; init; } = [];

    /// <summary>Phone numbers the report mentions.</summary>
    public IReadOnlyList<Guid> PhoneNumberIds { get; init; } = [];

    /// <summary>Online identifiers (email addresses, handles, gaming ids) the report mentions.</summary>
    public IReadOnlyList<Guid> OnlineIdentifierIds { get; init; } = [];
}
