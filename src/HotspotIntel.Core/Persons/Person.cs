using HotspotIntel.Core.Records;

namespace HotspotIntel.Core.Persons;

/// <summary>A person recorded because of a concern: an adult of concern, a child at risk, an associate or a licence holder.</summary>
public sealed class Person : RecordRestrictions
{
    /// <summary>Why the person is recorded.</summary>
    public PersonRole Role { get; set; }

    /// <summary>Family name.</summary>
    public required string FamilyName { get; set; }

    /// <summary>Given names.</summary>
    public required string GivenNames { get; set; }

    /// <summary>Other names the person is known by (nicknames, street names).</summary>
    public List<string> Aliases { get; set; } = [];

    /// <summary>Date of birth, when known.</summary>
    public DateOnly? DateOfBirth { get; set; }

    /// <summary>Free-text description (appearance, identifying marks).</summary>
    public string? Description { get; set; }

    /// <summary>
    /// The person this record was merged into as a duplicate (entity resolution), while the merge stands: lists leave
    /// the record out and the network shows it as that person. Set only by a merge, cleared by its reversal.
    /// </summary>
    public Guid? MergedIntoId { get; set; }

    /// <summary>Whether the person is a child: their identity is visible only to entitled roles.</summary>
    public bool IsChild => Role == PersonRole.ChildAtRisk;
}
