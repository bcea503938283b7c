using HotspotIntel.Core.Persons;

namespace HotspotIntel.Bench.City;

/// <summary>The persons of one network, named "Testperson Amber-0042" (the number is the person's place in the city).</summary>
internal static class PersonFactory
{
    // Of every 25: 5 adults of concern, 8 children, 9 associates, 3 licence holders; the first four cover every role.
    private static readonly PersonRole[] Roles =
    [
        PersonRole.AdultOfConcern, PersonRole.ChildAtRisk, PersonRole.Associate, PersonRole.LicenceHolder, PersonRole.ChildAtRisk,
        PersonRole.Associate, PersonRole.AdultOfConcern, PersonRole.ChildAtRisk, PersonRole.Associate, PersonRole.Associate,
        PersonRole.ChildAtRisk, PersonRole.AdultOfConcern, PersonRole.Associate, PersonRole.ChildAtRisk, PersonRole.LicenceHolder,
        PersonRole.Associate, PersonRole.ChildAtRisk, PersonRole.AdultOfConcern, PersonRole.Associate, PersonRole.ChildAtRisk,
        PersonRole.LicenceHolder, PersonRole.Associate, PersonRole.AdultOfConcern, PersonRole.ChildAtRisk, PersonRole.Associate,
    ];

    private static readonly string[] Builds = ["slim", "medium", "heavy", "tall", "short"];
    private static readonly string[] Garments = ["hooded top", "puffer jacket", "tracksuit", "school blazer", "baseball cap"];

    public static List<Person> Create(SyntheticCity city, Ward homeWard, long offset, int count, Prng prng)
    {
        var persons = new List<Person>(count);
        for (var i = 0; i < count; i++)
        {
            var role = Roles[i % Roles.Length];
            var number = offset + i + 1;
            var created = ReportingWindow.Start.AddDays(prng.Next(-540, 300)).AddSeconds(prng.Next(86_400));
            var (minAge, maxAge) = role switch
            {
                PersonRole.ChildAtRisk => (12, 18),
                PersonRole.AdultOfConcern => (19, 61),
                PersonRole.Associate => (18, 46),
                _ => (25, 66),
            };
            var birth = ReportingWindow.ReferenceDate.AddYears(-prng.Next(minAge, maxAge)).AddDays(-prng.Next(1, 365));
            var person = new Person
            {
                Id = SyntheticIds.Next(prng, created),
                Role = role,
                FamilyName = SyntheticNames.FamilyName,
                GivenNames = $"{prng.Pick(SyntheticNames.GivenWords)}-{number:D4}",
                Aliases = role == PersonRole.AdultOfConcern && prng.Chance(0.4) ? [$"Synth {prng.Pick(SyntheticNames.GivenWords)}"] : [],
                DateOfBirth = role == PersonRole.ChildAtRisk || prng.Chance(0.9) ? DateOnly.FromDateTime(birth.UtcDateTime) : null,
                Description = prng.Chance(0.5) ? $"Synthetic description: {prng.Pick(Builds)} build, often wears a {prng.Pick(SyntheticNames.Colours)} {prng.Pick(Garments)}." : null,
            };
            // Children's services record the children; the police the adults; licensing the licence holders.
            var recorder = role is PersonRole.ChildAtRisk or PersonRole.LicenceHolder ? homeWard.Council : city.Agencies.Police;
            var child = role == PersonRole.ChildAtRisk;
            SyntheticRestrictions.Apply(person, recorder, created, SyntheticRestrictions.ReviewPeriods.EntityDays,
                child ? 0.3 : 0.2, child ? 1.0 : 0.9, prng);
            persons.Add(person);
        }

        return persons;
    }
}
