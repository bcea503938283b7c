using HotspotIntel.Api.Errors;
using HotspotIntel.Api.Input;
using HotspotIntel.Api.Records;
using HotspotIntel.Api.Infrastructure.Auth;
using HotspotIntel.Api.Lists;
using HotspotIntel.Core;
using HotspotIntel.Core.Persons;

namespace HotspotIntel.Api.Persons;

/// <summary>
/// Persons as a flat list for exports, the rows and filters of <c>GET /api/persons</c> (<see cref="PersonsApi.Filter"/>).
/// An export of persons hands person-level data outside the system: it is a disclosure, and logged as one.
/// </summary>
internal static class PersonsTable
{
    public sealed record PersonListFilter(List<PersonRole> Roles, Guid? AgencyId, string? Pattern);

    public static readonly ListTable<Person, PersonListFilter> Table = new()
    {
        Id = "persons",
        Title = "Persons",
        Description = "Persons recorded because of a concern (as GET /api/persons). Exporting them is a disclosure: it names a recipient and a reason, and is logged.",
        Geometry = ListGeometry.None,
        Policy = Policies.HandlePersonIntelligence,
        Parameters =
        [
            new("role", "Role codes, comma-separated.", ColumnType.String, EnumCodes<PersonRole>.All),
            new("agencyId", "The recording agency's id.", ColumnType.String),
            new("q", "Text found in the family name, given names or an alias.", ColumnType.String),
        ],
        RowColumns =
        [
            ListColumns.Code<Person, PersonRole>("role", "Why the person is recorded.", p => p.Role),
            ListColumns.Text<Person>("familyName", "Family name.", p => p.FamilyName),
            ListColumns.Text<Person>("givenNames", "Given names.", p => p.GivenNames),
            ListColumns.Text<Person>("aliases", "Other names they use, separated by semicolons.", p => string.Join("; ", p.Aliases)),
            ListColumns.Day<Person>("dateOfBirth", "Date of birth.", p => p.DateOfBirth),
            ListColumns.Text<Person>("description", "Description.", p => p.Description),
            .. ListColumns.Restrictions<Person>(p => p),
        ],
        Filter = (query, errors) => new PersonListFilter(CodeListInput.Read<PersonRole>(query.Values("role"), "role", errors),
            query.Guid("agencyId", errors), TextSearch.Read(query.Value("q"), errors)),
        Query = (db, filter, _) => PersonsApi.Filter(db.Persons, filter.Roles, filter.AgencyId, filter.Pattern),
        Key = p => p.Id,
        Marking = p => p.SecurityMarking,
    };
}
