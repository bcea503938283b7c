namespace HotspotIntel.Api.EntityResolution;

/// <summary>The kinds of record entity resolution merges.</summary>
public enum ResolvableKind
{
    /// <summary>Persons.</summary>
    Person,

    /// <summary>Vehicles.</summary>
    Vehicle,
}

/// <summary>Why two records are proposed as one.</summary>
public enum CandidateReason
{
    /// <summary>Two persons with the same given and family names (case aside) and the same date of birth.</summary>
    SameNameAndDateOfBirth,

    /// <summary>Two persons with similar names (trigram similarity of the full names at least 0.5) linked to the same phone number.</summary>
    SimilarNameAndSamePhone,

    /// <summary>Two vehicles with the same registration mark.</summary>
    SameRegistration,
}

/// <summary>Two records that may be one, and why.</summary>
/// <param name="Kind">person or vehicle.</param>
/// <param name="Reasons">Every rule the pair meets.</param>
/// <param name="Similarity">How alike the names are (0 to 1); 1 for exact rules.</param>
/// <param name="First">The record with the smaller id.</param>
/// <param name="Second">The other.</param>
public sealed record CandidatePair(ResolvableKind Kind, IReadOnlyList<CandidateReason> Reasons, double Similarity, CandidateRecord First, CandidateRecord Second);

/// <summary>One record of a candidate pair, as the caller may read it.</summary>
/// <param name="Id">The record.</param>
/// <param name="Label">A person's names, or a vehicle's registration mark.</param>
/// <param name="Detail">A person's date of birth, or a vehicle's colour, make and model.</param>
/// <param name="AgencyId">The agency that owns it.</param>
/// <param name="CreatedAt">When it was recorded.</param>
public sealed record CandidateRecord(Guid Id, string Label, string? Detail, Guid AgencyId, DateTimeOffset CreatedAt);

/// <summary>The candidates a question found.</summary>
/// <param name="Candidates">Pairs, most alike first.</param>
/// <param name="Limited">Whether more pairs were found than the limit let in.</param>
public sealed record CandidatesView(IReadOnlyList<CandidatePair> Candidates, bool Limited);

/// <summary>A merge of one record into another, or the request for one.</summary>
public sealed record MergeRequest
{
    /// <summary>person or vehicle.</summary>
    /// <example>person</example>
    public string? Kind { get; init; }

    /// <summary>The record that stands for both.</summary>
    public Guid? SurvivorId { get; init; }

    /// <summary>The duplicate: kept, pointing at the survivor, and shown as it while the merge stands.</summary>
    public Guid? MergedId { get; init; }

    /// <summary>Why the two are one person or vehicle, 10 to 1000 characters; logged.</summary>
    /// <example>Same name and date of birth; the custody photographs match.</example>
    public string? Justification { get; init; }
}

/// <summary>A pair judged not to be one record, so that it is not proposed again.</summary>
public sealed record RejectionRequest
{
    /// <summary>person or vehicle.</summary>
    /// <example>person</example>
    public string? Kind { get; init; }

    /// <summary>One record.</summary>
    public Guid? FirstId { get; init; }

    /// <summary>The other.</summary>
    public Guid? SecondId { get; init; }

    /// <summary>Why they are different, 10 to 1000 characters; logged.</summary>
    /// <example>Father and son of the same name; dates of birth differ by 25 years.</example>
    public string? Justification { get; init; }
}

/// <summary>Why a merge is reversed.</summary>
public sealed record ReversalRequest
{
    /// <summary>Why the two are not one after all, 10 to 1000 characters; logged.</summary>
    /// <example>Merged in error: different dates of birth on the PNC.</example>
    public string? Justification { get; init; }
}

/// <summary>A merge, standing or reversed.</summary>
public sealed record MergeView(
    Guid Id,
    ResolvableKind Kind,
    Guid SurvivorId,
    Guid MergedId,
    Guid AgencyId,
    string MergedBy,
    string Justification,
    DateTimeOffset MergedAt,
    DateTimeOffset? ReversedAt,
    string? ReversedBy,
    string? ReversalJustification);

/// <summary>A rejected pair.</summary>
public sealed record RejectionView(Guid Id, ResolvableKind Kind, Guid FirstId, Guid SecondId, Guid AgencyId, string RejectedBy,
    string Justification, DateTimeOffset RejectedAt);

/// <summary>A row of <c>entity_merges</c>, as read in SQL.</summary>
internal sealed class MergeRow
{
    public Guid Id { get; init; }
    public string Kind { get; init; } = "";
    public Guid SurvivorId { get; init; }
    public Guid MergedId { get; init; }
    public Guid AgencyId { get; init; }
    public string MergedBy { get; init; } = "";
    public string Justification { get; init; } = "";
    public DateTimeOffset MergedAt { get; init; }
    public DateTimeOffset? ReversedAt { get; init; }
    public string? ReversedBy { get; init; }
    public string? ReversalJustification { get; init; }

    public MergeView View() => new(Id, Core.EnumCodes<ResolvableKind>.Parse(Kind), SurvivorId, MergedId, AgencyId, MergedBy, Justification, MergedAt,
        ReversedAt, ReversedBy, ReversalJustification);
}

/// <summary>A candidate pair as the candidates query finds it.</summary>
internal sealed class CandidateRow
{
    public string Kind { get; init; } = "";
    public Guid FirstId { get; init; }
    public Guid SecondId { get; init; }
    public string[] Reasons { get; init; } = [];
    public double Score { get; init; }
}

internal static class ResolvableKinds
{
    public static string Table(ResolvableKind kind) => kind == ResolvableKind.Person ? "persons" : "vehicles";
}
