using HotspotIntel.Api.Records;
using HotspotIntel.Core.Persons;

namespace HotspotIntel.Api.Persons;

/// <summary>A person to record, or the new state of one (synthetic names only in tests and demos).</summary>
public sealed record PersonRequest : RestrictedRecordRequest
{
    /// <summary>Why the person is recorded.</summary>
    /// <example>adult_of_concern</example>
    public required PersonRole Role { get; init; }

    /// <summary>Family name, 1 to 200 characters.</summary>
    /// <example>Testperson</example>
    public required string FamilyName { get; init; }

    /// <summary>Given names, 1 to 200 characters.</summary>
    /// <example>Alpha Example</example>
    public required string GivenNames { get; init; }

    /// <summary>Other names the person is known by (nicknames, street names), each 1 to 200 characters.</summary>
    public IReadOnlyList<string> Aliases { get; init; } = [];

    /// <summary>Date of birth, when known; not in the future.</summary>
    public DateOnly? DateOfBirth { get; init; }

    /// <summary>Appearance and identifying marks, at most 5000 characters.</summary>
    public string? Description { get; init; }
}
