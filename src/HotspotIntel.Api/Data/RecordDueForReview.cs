namespace HotspotIntel.Api.Data;

/// <summary>A record past its review date, on its agency's worklist until a supervisor retains or erases it.</summary>
public sealed class RecordDueForReview
{
    /// <summary>The route name of the record's kind: reports, persons, premises, locations, vehicles, links, missing-episodes.</summary>
    public required string EntityKind { get; set; }

    public Guid EntityId { get; set; }

    public Guid AgencyId { get; set; }

    public DateOnly ReviewOn { get; set; }

    public DateTimeOffset ListedAt { get; set; }
}
